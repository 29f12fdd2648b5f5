import { Audit } from '../api/audit';
import { type GovernanceConfig, type Tx, callerLabel, errors, implementSubmit, requireCallerWithConfig } from '../core';
import { readDataset } from '../governance/queries';
import type { DatasetRecord } from '../governance/records';
import { requireEffectiveGrant } from '../governance/rules';
import { readIdentity } from '../identity/queries';
import { ACCESSORS } from './access';
import { putEntries } from './entries';
import type { AccessEntry } from './records';
import { ACCESS_TTL_MS, windowEnd } from './rules';
import type { RequestAccessInput } from './schema';
import { readOrder, sealState } from './sealing';

/**
 * Audit:RequestAccess: checks role, org, catalogue and grant (and the sealing order it cites, if any), then
 * appends the audit entry and its indexes, write-once and anchored by the caller's org. Returns
 * {accessId, expiresAt}; the personal data itself is only ever returned by the evaluate
 * Identity:ReadPersonalData citing this committed access id, within its 5-minute window.
 * A sealed access emits no event: the event stream must not reveal it.
 */
export const requestAccess = implementSubmit(Audit.tx.RequestAccess, async (tx, input) => {
  const { config } = await requireCallerWithConfig(tx.ctx, ACCESSORS);
  const dataset = await readDataset(tx.stub, input.dataset);
  const unlisted = input.fields.filter((f) => !dataset.fields.includes(f));
  if (unlisted.length > 0) throw errors.accessDenied('fields not listed in the catalogue entry', { dataset: input.dataset, fields: unlisted });
  const grant = await authorize(tx, dataset, input);
  const identity = await readIdentity(tx.stub, input.subjectKey);
  if (!identity) throw errors.recordNotFound('no identity for this subject key', { subjectKey: input.subjectKey });
  if (identity.status === 'erased') throw errors.erased('identity has been erased', { subjectKey: input.subjectKey });
  if (input.sealingOrderId) await checkSealingOrder(tx, config, input);
  const entry = buildEntry(tx, input, dataset, grant);
  await putEntries(tx.stub, config.members, [entry]);
  if (!entry.sealingOrderId) tx.recordChange({ family: 'audit', id: entry.accessId, action: 'access-recorded', version: 1 });
  return { accessId: entry.accessId, expiresAt: entry.expiresAt };
});

/** Owner org: no grant. Others: refused for not_shared, else a grant the owner approved, unexpired now. */
async function authorize(tx: Tx, dataset: DatasetRecord, input: RequestAccessInput): Promise<{ grantId: string | null; expiresAt: string | null }> {
  if (tx.caller.mspId === dataset.ownerMsp) return { grantId: null, expiresAt: null };
  if (dataset.shareClass === 'not_shared') throw errors.accessDenied('dataset is not shared with other orgs', { dataset: dataset.dataset });
  const grant = await requireEffectiveGrant(tx.stub, { requesterMsp: tx.caller.mspId, dataset: dataset.dataset, purpose: input.purpose }, dataset.ownerMsp, tx.now);
  return { grantId: grant.grantId, expiresAt: grant.expiresAt };
}

/**
 * An access may cite a sealing order only when the order is genuine and running, covers this subject and
 * case, names the caller's org, and was not issued by the caller: nobody seals their own access.
 */
async function checkSealingOrder(tx: Tx, config: GovernanceConfig, input: RequestAccessInput): Promise<void> {
  const orderId = input.sealingOrderId as string;
  const order = await readOrder(tx.stub, config, orderId);
  if (!order) throw errors.recordNotFound('no sealing order with this id', { sealingOrderId: orderId });
  if (order.issuedBy === callerLabel(tx.caller)) throw errors.accessDenied('a sealing order never seals an access by its own issuer', { sealingOrderId: orderId });
  if (order.accessorMsp !== tx.caller.mspId) throw errors.forbiddenOrg('the sealing order does not cover accesses of this org', { sealingOrderId: orderId, accessorMsp: order.accessorMsp });
  if (order.subjectKey !== input.subjectKey || order.caseId !== input.caseId) {
    throw errors.ruleViolation('the sealing order covers another subject or case', { sealingOrderId: orderId });
  }
  const state = await sealState(tx.stub, config, orderId);
  if (state.releasesAt === null || state.releasesAt <= tx.now) throw errors.invalidState('the sealing order has ended', { sealingOrderId: orderId, releasesAt: state.releasesAt });
}

function buildEntry(tx: Tx, input: RequestAccessInput, dataset: DatasetRecord, grant: { grantId: string | null; expiresAt: string | null }): AccessEntry {
  return {
    ...input,
    kind: 'access',
    accessId: tx.txId,
    accessorOperatorId: tx.caller.operatorId,
    accessorMsp: tx.caller.mspId,
    role: tx.caller.role,
    datasetOwnerMsp: dataset.ownerMsp,
    at: tx.now,
    expiresAt: windowEnd(tx.now, ACCESS_TTL_MS, grant.expiresAt),
    grantId: grant.grantId,
  };
}
