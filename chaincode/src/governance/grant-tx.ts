import type { Context } from 'fabric-contract-api';
import { requireCallerWithConfig } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { callerLabel } from '../core/caller';
import { errors } from '../core/error-helpers';
import { putAnchor } from '../core/anchors';
import { getRecord, getRecordOrThrow } from '../core/state';
import { submit } from '../core/submit';
import { Versioned, amendVersioned, createVersioned } from '../core/versioned';
import { approvalStatement, readDataset } from './grant-check';
import { protectOwnedKey } from './policy';
import { GrantRecord, grantIdOf, grantRef } from './records';
import { GrantRef, decideGrantSchema, proposeGrantSchema } from './schema';

/**
 * Governance:ProposeGrant: the governance org records a pending grant (or re-proposes an existing one,
 * which resets it to pending). It has no effect until the dataset owner's admin approves it. Grant keys need
 * the governance org's and the owner's peers (protectOwnedKey).
 */
export async function proposeGrant(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(proposeGrantSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:ProposeGrant', requestId, input }, async (tx) => {
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: 'governance' });
    const dataset = await readDataset(ctx.stub, input.dataset);
    if (!config.members.includes(input.requesterMsp)) throw errors.ruleViolation('requesting org must be a member', { requesterMsp: input.requesterMsp });
    if (dataset.ownerMsp === input.requesterMsp) throw errors.ruleViolation('the owner org needs no grant for its own dataset', { dataset: input.dataset });
    if (dataset.shareClass === 'not_shared') throw errors.ruleViolation('dataset is not shared', { dataset: input.dataset });
    if (input.expiresAt <= tx.now) throw errors.ruleViolation('expiresAt must be in the future', { expiresAt: input.expiresAt });
    const { reason, legalAuthority, ...fields } = input;
    const grant: GrantRecord = { ...fields, grantId: grantIdOf(input), ownerMsp: dataset.ownerMsp, status: 'pending', approvedByOwner: null, approvedTxId: null };
    const ref = grantRef(ctx.stub, input);
    const record = (await getRecord(ctx.stub, ref.key))
      ? await amendVersioned<GrantRecord>(tx, ref, () => grant, { reason, legalAuthority }, 'proposed')
      : await createVersioned(tx, ref, grant, { reason, legalAuthority }, 'proposed');
    await protectOwnedKey(ctx.stub, ref.key, config, dataset.ownerMsp);
    return record;
  });
}

/**
 * Governance:ApproveGrant: an admin of the dataset's owner org approves a pending grant. The approval is
 * anchored in the owner org's anchors collection, so it commits only with the owner's peer, and a grant counts
 * only with that anchor (grant-check.ts): a grant record created or edited by others is not an approval.
 */
export async function approveGrant(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(decideGrantSchema, raw, 'input');
  return submit(ctx, { txName: 'Governance:ApproveGrant', requestId, input }, async (tx) => {
    const { grant, ref } = await loadGrant(ctx, input);
    const dataset = await readDataset(ctx.stub, input.dataset);
    const { config } = await requireCallerWithConfig(ctx, { roles: ['admin'], orgs: [dataset.ownerMsp] });
    if (grant.status !== 'pending') throw errors.invalidState(`grant is ${grant.status}, not pending`, { grantId: grant.grantId, status: grant.status });
    if (grant.ownerMsp !== dataset.ownerMsp) throw errors.invalidState('the dataset changed owner since the grant was proposed; propose it again', { grantId: grant.grantId });
    if (grant.expiresAt <= tx.now) throw errors.ruleViolation('grant has expired', { grantId: grant.grantId });
    const approved = await amendVersioned<GrantRecord>(tx, ref, (g) => ({ ...g, status: 'approved', approvedByOwner: callerLabel(tx.caller), approvedTxId: tx.txId }), input, 'approved');
    await putAnchor(ctx.stub, dataset.ownerMsp, ref.key, approvalStatement(approved));
    await protectOwnedKey(ctx.stub, ref.key, config, dataset.ownerMsp);
    return approved;
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
    const revoked = await amendVersioned<GrantRecord>(tx, ref, (g) => ({ ...g, status: 'revoked' }), input, 'revoked');
    await protectOwnedKey(ctx.stub, ref.key, config, grant.ownerMsp);
    return revoked;
  });
}

async function loadGrant(ctx: Context, input: GrantRef) {
  const ref = grantRef(ctx.stub, input);
  const grant = await getRecordOrThrow<Versioned<GrantRecord>>(ctx.stub, ref.key, { family: 'grant', id: ref.id });
  return { grant, ref };
}
