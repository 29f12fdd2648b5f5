import { Governance } from '../api/governance';
import { amendVersioned, createVersioned, errors, getRecord, implementSubmit, requireCallerWithConfig } from '../core';
import { GOVERNANCE_ADMIN, protectOwnedKey } from './access';
import { readDataset } from './queries';
import { type GrantRecord, grantIdOf, grantRef } from './records';

/**
 * Governance:ProposeGrant: the governance org records a pending grant (or re-proposes an existing one,
 * which resets it to pending). It has no effect until the dataset owner's admin approves it. Grant keys need
 * the governance org's and the owner's peers (protectOwnedKey).
 */
export const proposeGrant = implementSubmit(Governance.tx.ProposeGrant, async (tx, input) => {
  const { config } = await requireCallerWithConfig(tx.ctx, GOVERNANCE_ADMIN);
  const dataset = await readDataset(tx.stub, input.dataset);
  if (!config.members.includes(input.requesterMsp)) throw errors.ruleViolation('requesting org must be a member', { requesterMsp: input.requesterMsp });
  if (dataset.ownerMsp === input.requesterMsp) throw errors.ruleViolation('the owner org needs no grant for its own dataset', { dataset: input.dataset });
  if (dataset.shareClass === 'not_shared') throw errors.ruleViolation('dataset is not shared', { dataset: input.dataset });
  if (input.expiresAt <= tx.now) throw errors.ruleViolation('expiresAt must be in the future', { expiresAt: input.expiresAt });
  const { reason, legalAuthority, ...fields } = input;
  const grant: GrantRecord = { ...fields, grantId: grantIdOf(input), ownerMsp: dataset.ownerMsp, status: 'pending', approvedByOwner: null, approvedTxId: null };
  const ref = grantRef(tx.stub, input);
  const record = (await getRecord(tx.stub, ref.key))
    ? await amendVersioned<GrantRecord>(tx, ref, () => grant, { reason, legalAuthority }, 'proposed')
    : await createVersioned(tx, ref, grant, { reason, legalAuthority }, 'proposed');
  await protectOwnedKey(tx.stub, ref.key, config, dataset.ownerMsp);
  return record;
});
