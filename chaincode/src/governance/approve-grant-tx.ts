import { Governance } from '../api/governance';
import { amendVersioned, callerLabel, errors, implementSubmit, putAnchor, requireCallerWithConfig } from '../core';
import { protectOwnedKey } from './access';
import { loadGrant, readDataset } from './queries';
import type { GrantRecord } from './records';
import { approvalStatement } from './rules';

/**
 * Governance:ApproveGrant: an admin of the dataset's owner org approves a pending grant. The approval is
 * anchored in the owner org's anchors collection, so it commits only with the owner's peer, and a grant counts
 * only with that anchor (rules.ts): a grant record created or edited by others is not an approval.
 */
export const approveGrant = implementSubmit(Governance.tx.ApproveGrant, async (tx, input) => {
  const { grant, ref } = await loadGrant(tx.stub, input);
  const dataset = await readDataset(tx.stub, input.dataset);
  const { config } = await requireCallerWithConfig(tx.ctx, { roles: ['admin'], orgs: [dataset.ownerMsp] });
  if (grant.status !== 'pending') throw errors.invalidState(`grant is ${grant.status}, not pending`, { grantId: grant.grantId, status: grant.status });
  if (grant.ownerMsp !== dataset.ownerMsp) throw errors.invalidState('the dataset changed owner since the grant was proposed; propose it again', { grantId: grant.grantId });
  if (grant.expiresAt <= tx.now) throw errors.ruleViolation('grant has expired', { grantId: grant.grantId });
  const approved = await amendVersioned<GrantRecord>(tx, ref, (g) => ({ ...g, status: 'approved', approvedByOwner: callerLabel(tx.caller), approvedTxId: tx.txId }), input, 'approved');
  await putAnchor(tx.stub, dataset.ownerMsp, ref.key, approvalStatement(approved));
  await protectOwnedKey(tx.stub, ref.key, config, dataset.ownerMsp);
  return approved;
});
