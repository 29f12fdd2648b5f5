import type { Context } from 'fabric-contract-api';
import { requireCaller, requireCallerWithConfig } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { callerLabel } from '../core/caller';
import { errors } from '../core/error-helpers';
import { getRecord, getRecordOrThrow } from '../core/state';
import { submit } from '../core/submit';
import { Versioned, amendVersioned, createVersioned } from '../core/versioned';
import { protectGovernanceKey } from './policy';
import { DatasetRecord, GrantRecord, datasetRef, grantIdOf, grantRef } from './records';
import { GrantRef, decideGrantSchema, proposeGrantSchema } from './schema';

/**
 * Governance:ProposeGrant: the governance org records a pending grant (or re-proposes an existing one,
 * which resets it to pending). It has no effect until the dataset owner's admin approves it.
 */
export async function proposeGrant(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(proposeGrantSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:ProposeGrant', requestId, input }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'governance' });
    const dataset = await getRecordOrThrow<DatasetRecord>(ctx.stub, datasetRef(ctx.stub, input.dataset).key, { family: 'catalogue', id: input.dataset });
    if (!config.members.includes(input.requesterMsp)) throw errors.ruleViolation('requesting org must be a member', { requesterMsp: input.requesterMsp });
    if (dataset.ownerMsp === input.requesterMsp) throw errors.ruleViolation('the owner org needs no grant for its own dataset', { dataset: input.dataset });
    if (dataset.shareClass === 'not_shared') throw errors.ruleViolation('dataset is not shared', { dataset: input.dataset });
    if (input.expiresAt <= tx.now) throw errors.ruleViolation('expiresAt must be in the future', { expiresAt: input.expiresAt });
    const { reason, legalAuthority, ...fields } = input;
    const grant: GrantRecord = { ...fields, grantId: grantIdOf(input), ownerMsp: dataset.ownerMsp, status: 'pending', approvedByOwner: null };
    const ref = grantRef(ctx.stub, input);
    if (await getRecord(ctx.stub, ref.key)) return amendVersioned<GrantRecord>(tx, ref, () => grant, { reason, legalAuthority }, 'proposed');
    const record = await createVersioned(tx, ref, grant, { reason, legalAuthority }, 'proposed');
    await protectGovernanceKey(ctx.stub, ref.key, config);
    return record;
  });
}

/** Governance:ApproveGrant: an admin of the dataset's owner org approves a pending grant. */
export async function approveGrant(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(decideGrantSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:ApproveGrant', requestId, input }, async (tx) => {
    const { grant, ref } = await loadGrant(ctx, input);
    const dataset = await getRecordOrThrow<DatasetRecord>(ctx.stub, datasetRef(ctx.stub, input.dataset).key, { family: 'catalogue', id: input.dataset });
    await requireCaller(ctx, { roles: ['admin'], orgs: [dataset.ownerMsp] });
    if (grant.status !== 'pending') throw errors.invalidState(`grant is ${grant.status}, not pending`, { grantId: grant.grantId, status: grant.status });
    if (grant.expiresAt <= tx.now) throw errors.ruleViolation('grant has expired', { grantId: grant.grantId });
    return amendVersioned<GrantRecord>(tx, ref, (g) => ({ ...g, status: 'approved', approvedByOwner: callerLabel(tx.caller) }), input, 'approved');
  });
}

/** Governance:RevokeGrant: the governance org or the owner org's admin ends a grant. */
export async function revokeGrant(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(decideGrantSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:RevokeGrant', requestId, input }, async (tx) => {
    const { grant, ref } = await loadGrant(ctx, input);
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'member' });
    if (tx.caller.mspId !== config.governanceMsp && tx.caller.mspId !== grant.ownerMsp) {
      throw errors.forbiddenOrg('only the governance org or the dataset owner may revoke', { mspId: tx.caller.mspId });
    }
    if (grant.status === 'revoked') throw errors.invalidState('grant already revoked', { grantId: grant.grantId });
    return amendVersioned<GrantRecord>(tx, ref, (g) => ({ ...g, status: 'revoked' }), input, 'revoked');
  });
}

async function loadGrant(ctx: Context, input: GrantRef) {
  const ref = grantRef(ctx.stub, input);
  const grant = await getRecordOrThrow<Versioned<GrantRecord>>(ctx.stub, ref.key, { family: 'grant', id: ref.id });
  return { grant, ref };
}
