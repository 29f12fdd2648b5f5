import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { errors } from '../core/error-helpers';
import { getRecord } from '../core/state';
import { submit } from '../core/submit';
import { Tx } from '../core/tx';
import { readDataset, requireEffectiveGrant } from '../governance/grant-check';
import { DatasetRecord } from '../governance/records';
import { IdentityRecord, identityRef } from '../identity/records';
import { AccessEntry, putEntry } from './records';
import { RequestAccessInput, requestAccessSchema } from './schema';

/** How long an access id may be cited by ReadPersonalData (capped by the grant's expiry). */
export const ACCESS_TTL_MS = 30 * 60 * 1000;

/**
 * Audit:RequestAccess: checks role, org, catalogue and grant, then appends the audit entry and its
 * indexes. Returns {accessId, expiresAt}; the personal data itself is only ever returned by the
 * evaluate Identity:ReadPersonalData citing this committed access id.
 */
export async function requestAccess(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(requestAccessSchema, raw, 'input');
  return submit(ctx, { txName: 'Audit:RequestAccess', requestId, input }, async (tx) => {
    await requireCaller(ctx, { roles: ['registrar', 'clerk'], orgs: 'member' });
    const dataset = await readDataset(ctx.stub, input.dataset);
    const unlisted = input.fields.filter((f) => !dataset.fields.includes(f));
    if (unlisted.length > 0) throw errors.accessDenied('fields not listed in the catalogue entry', { dataset: input.dataset, fields: unlisted });
    const grantCap = await authorize(tx, dataset, input);
    const identity = await getRecord<IdentityRecord>(ctx.stub, identityRef(ctx.stub, input.subjectKey).key);
    if (!identity) throw errors.recordNotFound('no identity for this subject key', { subjectKey: input.subjectKey });
    if (identity.status === 'erased') throw errors.erased('identity has been erased', { subjectKey: input.subjectKey });
    const entry = buildEntry(tx, input, grantCap);
    await putEntry(ctx.stub, entry);
    tx.recordChange({ family: 'audit', id: entry.accessId, action: 'access-recorded', version: 1 });
    return { accessId: entry.accessId, expiresAt: entry.expiresAt };
  });
}

/** Owner org: no grant. Others: refused for not_shared, else an approved, unexpired grant is required. */
async function authorize(tx: Tx, dataset: DatasetRecord, input: RequestAccessInput): Promise<{ grantId: string | null; expiresAt: string | null }> {
  if (tx.caller.mspId === dataset.ownerMsp) return { grantId: null, expiresAt: null };
  if (dataset.shareClass === 'not_shared') throw errors.accessDenied('dataset is not shared with other orgs', { dataset: dataset.dataset });
  const grant = await requireEffectiveGrant(tx.stub, { requesterMsp: tx.caller.mspId, dataset: dataset.dataset, purpose: input.purpose }, tx.now);
  return { grantId: grant.grantId, expiresAt: grant.expiresAt };
}

function buildEntry(tx: Tx, input: RequestAccessInput, grant: { grantId: string | null; expiresAt: string | null }): AccessEntry {
  const ttlEnd = new Date(Date.parse(tx.now) + ACCESS_TTL_MS).toISOString();
  const expiresAt = grant.expiresAt && grant.expiresAt < ttlEnd ? grant.expiresAt : ttlEnd;
  return {
    ...input,
    accessId: tx.txId,
    accessorOperatorId: tx.caller.operatorId,
    accessorMsp: tx.caller.mspId,
    role: tx.caller.role,
    at: tx.now,
    expiresAt,
    grantId: grant.grantId,
  };
}
