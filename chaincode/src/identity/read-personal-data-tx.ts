import type { Context } from 'fabric-contract-api';
import { Identity } from '../api/identity';
import { errors, getPrivateRecord, implement, privateCollectionOf, registrarOf, requireCallerWithConfig, txTimeIso } from '../core';
import { readEntry } from '../audit/entries';
import { isLookup } from '../audit/records';
import { disclosureTime } from '../audit/rules';
import { readDataset } from '../governance/queries';
import { requireEffectiveGrant } from '../governance/rules';
import { DISCLOSURE_READERS } from './access';
import { readIdentity } from './queries';
import { type StagedPersonalData, personalDataKey } from './records';
import { PERSONAL_FIELDS, type PersonalField } from './schema';

/**
 * Identity:ReadPersonalData (evaluate, on the identity registrar org's peer): returns only the fields a
 * committed, genuine (anchored by the accessor org) audit entry recorded, only to the operator who recorded
 * it, within its 5-minute window. The catalogue entry and the grant are checked again at read time, at
 * max(proposal time, entry time) (see disclosureTime): a grant revoked or expired since the access, or a
 * dataset no longer shared, means no data. Fails closed: anything missing or mismatching is ACCESS_DENIED.
 */
export const readPersonalData = implement(Identity.tx.ReadPersonalData, async (ctx, id) => {
  const { caller, config } = await requireCallerWithConfig(ctx, DISCLOSURE_READERS);
  const entry = await readEntry(ctx.stub, id);
  if (!entry || isLookup(entry) || entry.importBatchId !== undefined || entry.accessorMsp !== caller.mspId || entry.accessorOperatorId !== caller.operatorId) {
    throw errors.accessDenied('no committed access by this operator with this access id', { accessId: id });
  }
  const at = disclosureTime(entry, txTimeIso(ctx.stub));
  const registrarMsp = registrarOf(config, 'identity');
  const dataset = await readDataset(ctx.stub, entry.dataset);
  if (dataset.ownerMsp !== registrarMsp) throw errors.accessDenied('dataset is not held by the identity registrar', { dataset: entry.dataset });
  if (entry.fields.some((f) => !dataset.fields.includes(f))) throw errors.accessDenied('the catalogue entry no longer lists every field of this access', { dataset: entry.dataset });
  if (caller.mspId !== dataset.ownerMsp) {
    if (dataset.shareClass === 'not_shared') throw errors.accessDenied('dataset is not shared with other orgs', { dataset: entry.dataset });
    const grant = await requireEffectiveGrant(ctx.stub, { requesterMsp: caller.mspId, dataset: entry.dataset, purpose: entry.purpose }, dataset.ownerMsp, at);
    if (grant.grantId !== entry.grantId) throw errors.accessDenied('the access was not recorded under this grant', { accessId: id });
  }
  const identity = await readIdentity(ctx.stub, entry.subjectKey);
  if (!identity) throw errors.accessDenied('no identity for the cited access', { accessId: id });
  if (identity.status === 'erased') throw errors.erased('personal data has been erased', { subjectKey: entry.subjectKey });
  const staged = await readCollection(ctx, privateCollectionOf(registrarMsp), personalDataKey(ctx.stub, entry.subjectKey));
  const fields: Partial<Record<PersonalField, string>> = {};
  for (const f of entry.fields) {
    if ((PERSONAL_FIELDS as readonly string[]).includes(f)) fields[f as PersonalField] = staged.personalData[f as PersonalField];
  }
  return { accessId: id, subjectKey: entry.subjectKey, dataset: entry.dataset, fields };
});

async function readCollection(ctx: Context, collection: string, key: string): Promise<StagedPersonalData> {
  let staged: StagedPersonalData | undefined;
  try {
    staged = await getPrivateRecord<StagedPersonalData>(ctx.stub, collection, key);
  } catch {
    // memberOnlyRead refuses clients of other orgs, and peers outside the collection hold only hashes.
    throw errors.accessDenied('personal data not readable here: evaluate on the registrar org peer (memberOnlyRead refuses other orgs)', { collection });
  }
  if (!staged) throw errors.accessDenied('personal data not held on this peer; evaluate on the registrar org peer', { collection });
  return staged;
}
