import { Governance } from '../api/governance';
import { type Versioned, amendVersioned, callerLabel, errors, getRecord, implementSubmit, requireCallerWithConfig } from '../core';
import { protectOwnedKey } from './access';
import { type DatasetChange, type DatasetRecord, datasetChangeRef, datasetRef } from './records';

/**
 * Governance:ApproveDatasetChange: an admin of the entry's current owner (and of its new owner, when the owner
 * changes) approves the pending change; with every approval recorded, the entry is amended and its key-level
 * policy follows the new owner.
 */
export const approveDatasetChange = implementSubmit(Governance.tx.ApproveDatasetChange, async (tx, input) => {
  const ref = datasetChangeRef(tx.stub, input.dataset);
  const change = await getRecord<Versioned<DatasetChange>>(tx.stub, ref.key);
  if (!change) throw errors.recordNotFound('no pending change of this catalogue entry', { dataset: input.dataset });
  const { caller, config } = await requireCallerWithConfig(tx.ctx, { roles: ['admin'], orgs: change.requiredApprovals });
  if (change.status !== 'pending') throw errors.invalidState(`the change is ${change.status}, not pending`, { dataset: input.dataset, status: change.status });
  if (change.approvals[caller.mspId]) throw errors.invalidState('this org has already approved the change', { dataset: input.dataset, mspId: caller.mspId });
  const approvals = { ...change.approvals, [caller.mspId]: callerLabel(tx.caller) };
  const complete = change.requiredApprovals.every((m) => approvals[m]);
  const { reason, legalAuthority } = input;
  const updated = await amendVersioned<DatasetChange>(tx, ref, (c) => ({ ...c, approvals, status: complete ? 'applied' : 'pending' }), { reason, legalAuthority }, complete ? 'change-applied' : 'change-approved');
  if (!complete) return { status: 'pending' as const, change: updated };
  const dataset = await amendVersioned<DatasetRecord>(tx, datasetRef(tx.stub, input.dataset), () => change.proposed, { reason, legalAuthority }, 'amended');
  await protectOwnedKey(tx.stub, datasetRef(tx.stub, input.dataset).key, config, change.proposed.ownerMsp);
  await protectOwnedKey(tx.stub, ref.key, config, change.proposed.ownerMsp);
  return { status: 'applied' as const, change: updated, dataset };
});
