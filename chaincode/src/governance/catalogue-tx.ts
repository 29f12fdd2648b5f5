import type { Context } from 'fabric-contract-api';
import { requireCallerWithConfig } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { callerLabel } from '../core/caller';
import { canonicalStringify } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { GovernanceConfig } from '../core/governance-config';
import { getRecord } from '../core/state';
import { submit } from '../core/submit';
import { Tx } from '../core/tx';
import { Versioned, amendVersioned, createVersioned } from '../core/versioned';
import { readDataset } from './grant-check';
import { protectOwnedKey } from './policy';
import { DatasetChange, DatasetRecord, datasetChangeRef, datasetRef } from './records';
import { approveDatasetChangeSchema, datasetSchema } from './schema';

/** Fields of a catalogue entry whose change needs the owner's consent: who owns it, what it shares, how. */
const CONSENT_FIELDS = ['ownerMsp', 'shareClass', 'fields'] as const;

function needsConsent(current: DatasetRecord, next: DatasetRecord): boolean {
  return CONSENT_FIELDS.some((f) => canonicalStringify(current[f]) !== canonicalStringify(next[f]));
}

/**
 * Governance:PutDataset: creates a catalogue entry, or amends it. A new entry takes effect at once (it names its
 * owner, who needs no grant; everyone else needs a grant the owner approves). Changing the owner, the share
 * class or the fields of an existing entry only proposes the change (status 'pending'): it applies when the
 * current owner's admin, and a new owner's admin, approve it (Governance:ApproveDatasetChange). Other changes
 * (legal basis, description) apply at once. Every catalogue key needs the governance and the owner's peers.
 */
export async function putDataset(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(datasetSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:PutDataset', requestId, input }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'governance' });
    if (!config.members.includes(input.ownerMsp)) throw errors.ruleViolation('dataset owner must be a member org', { ownerMsp: input.ownerMsp });
    const { reason, legalAuthority, ...data } = input;
    const entry: DatasetRecord = data;
    const ref = datasetRef(ctx.stub, input.dataset);
    if (await getRecord(ctx.stub, ref.key)) {
      const current = await readDataset(ctx.stub, input.dataset);
      if (!needsConsent(current, entry)) return amendVersioned<DatasetRecord>(tx, ref, () => entry, { reason, legalAuthority }, 'amended');
      return proposeChange(tx, config, current, entry, { reason, legalAuthority });
    }
    const record = await createVersioned(tx, ref, entry, { reason, legalAuthority }, 'created');
    await protectOwnedKey(ctx.stub, ref.key, config, entry.ownerMsp);
    return record;
  });
}

/** Records (or replaces) the pending change of an entry, to be approved by the current and any new owner. */
async function proposeChange(tx: Tx, config: GovernanceConfig, current: Versioned<DatasetRecord>, proposed: DatasetRecord, amendment: { reason: string; legalAuthority: string }) {
  const ref = datasetChangeRef(tx.stub, proposed.dataset);
  const change: DatasetChange = {
    dataset: proposed.dataset, proposed, status: 'pending', proposedTxId: tx.txId, approvals: {},
    requiredApprovals: [...new Set([current.ownerMsp, proposed.ownerMsp])].sort(),
  };
  const record = (await getRecord(tx.stub, ref.key))
    ? await amendVersioned<DatasetChange>(tx, ref, () => change, amendment, 'change-proposed')
    : await createVersioned(tx, ref, change, amendment, 'change-proposed');
  await protectOwnedKey(tx.stub, ref.key, config, current.ownerMsp);
  return { status: 'pending', change: record };
}

/**
 * Governance:ApproveDatasetChange: an admin of the entry's current owner (and of its new owner, when the owner
 * changes) approves the pending change; with every approval recorded, the entry is amended and its key-level
 * policy follows the new owner.
 */
export async function approveDatasetChange(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(approveDatasetChangeSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:ApproveDatasetChange', requestId, input }, async (tx) => {
    const ref = datasetChangeRef(ctx.stub, input.dataset);
    const change = await getRecord<Versioned<DatasetChange>>(ctx.stub, ref.key);
    if (!change) throw errors.recordNotFound('no pending change of this catalogue entry', { dataset: input.dataset });
    const { caller, config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: change.requiredApprovals });
    if (change.status !== 'pending') throw errors.invalidState(`the change is ${change.status}, not pending`, { dataset: input.dataset, status: change.status });
    if (change.approvals[caller.mspId]) throw errors.invalidState('this org has already approved the change', { dataset: input.dataset, mspId: caller.mspId });
    const approvals = { ...change.approvals, [caller.mspId]: callerLabel(tx.caller) };
    const complete = change.requiredApprovals.every((m) => approvals[m]);
    const { reason, legalAuthority } = input;
    const updated = await amendVersioned<DatasetChange>(tx, ref, (c) => ({ ...c, approvals, status: complete ? 'applied' : 'pending' }), { reason, legalAuthority }, complete ? 'change-applied' : 'change-approved');
    if (!complete) return { status: 'pending', change: updated };
    const dataset = await amendVersioned<DatasetRecord>(tx, datasetRef(ctx.stub, input.dataset), () => change.proposed, { reason, legalAuthority }, 'amended');
    await protectOwnedKey(ctx.stub, datasetRef(ctx.stub, input.dataset).key, config, change.proposed.ownerMsp);
    await protectOwnedKey(ctx.stub, ref.key, config, change.proposed.ownerMsp);
    return { status: 'applied', change: updated, dataset };
  });
}
