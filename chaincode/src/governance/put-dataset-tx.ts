import { Governance } from '../api/governance';
import { type AmendmentInput, type GovernanceConfig, type Tx, type Versioned, amendVersioned, createVersioned, errors, getRecord, implementSubmit, requireCallerWithConfig } from '../core';
import { GOVERNANCE_ADMIN, protectOwnedKey } from './access';
import { readDataset } from './queries';
import { type DatasetChange, type DatasetRecord, datasetChangeRef, datasetRef } from './records';
import { needsConsent } from './rules';

/**
 * Governance:PutDataset: creates a catalogue entry, or amends it. A new entry takes effect at once (it names its
 * owner, who needs no grant; everyone else needs a grant the owner approves). Changing the owner, the share
 * class or the fields of an existing entry only proposes the change (status 'pending'): it applies when the
 * current owner's admin, and a new owner's admin, approve it (Governance:ApproveDatasetChange). Other changes
 * (legal basis, description) apply at once. Every catalogue key needs the governance and the owner's peers.
 */
export const putDataset = implementSubmit(Governance.tx.PutDataset, async (tx, input) => {
  const { config } = await requireCallerWithConfig(tx.ctx, GOVERNANCE_ADMIN);
  if (!config.members.includes(input.ownerMsp)) throw errors.ruleViolation('dataset owner must be a member org', { ownerMsp: input.ownerMsp });
  const { reason, legalAuthority, ...data } = input;
  const entry: DatasetRecord = data;
  const ref = datasetRef(tx.stub, input.dataset);
  if (await getRecord(tx.stub, ref.key)) {
    const current = await readDataset(tx.stub, input.dataset);
    if (!needsConsent(current, entry)) return amendVersioned<DatasetRecord>(tx, ref, () => entry, { reason, legalAuthority }, 'amended');
    return proposeChange(tx, config, current, entry, { reason, legalAuthority });
  }
  const record = await createVersioned(tx, ref, entry, { reason, legalAuthority }, 'created');
  await protectOwnedKey(tx.stub, ref.key, config, entry.ownerMsp);
  return record;
});

/** Records (or replaces) the pending change of an entry, to be approved by the current and any new owner. */
async function proposeChange(tx: Tx, config: GovernanceConfig, current: Versioned<DatasetRecord>, proposed: DatasetRecord, amendment: AmendmentInput) {
  const ref = datasetChangeRef(tx.stub, proposed.dataset);
  const change: DatasetChange = {
    dataset: proposed.dataset, proposed, status: 'pending', proposedTxId: tx.txId, approvals: {},
    requiredApprovals: [...new Set([current.ownerMsp, proposed.ownerMsp])].sort(),
  };
  const record = (await getRecord(tx.stub, ref.key))
    ? await amendVersioned<DatasetChange>(tx, ref, () => change, amendment, 'change-proposed')
    : await createVersioned(tx, ref, change, amendment, 'change-proposed');
  await protectOwnedKey(tx.stub, ref.key, config, current.ownerMsp);
  return { status: 'pending' as const, change: record };
}
