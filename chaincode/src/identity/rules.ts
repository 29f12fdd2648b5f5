import type { Context } from 'fabric-contract-api';
import { errors, requireCaller, txTimeIso, type Versioned } from '../core';
import { LOOKUP_ROLES } from '../audit/access';
import { readEntry } from '../audit/entries';
import { type LookupEntry, isLookup } from '../audit/records';
import { disclosureTime, lookupClaim } from '../audit/rules';
import type { RecordLookupInput } from '../audit/schema';
import type { IdentityRecord, IdentityStatus } from './records';
import { claimRefOf, lookupRefOf, subjectKeyOf, subjectSecret } from './subject-key';

/** Allowed status transitions: action -> (from states, to state). Erased is final. */
export const TRANSITIONS = {
  suspended: { from: ['active'], to: 'suspended' },
  revoked: { from: ['active', 'suspended'], to: 'revoked' },
  reinstated: { from: ['suspended', 'revoked'], to: 'active' },
  erased: { from: ['active', 'suspended', 'revoked'], to: 'erased' },
} as const satisfies Record<string, { from: readonly IdentityStatus[]; to: IdentityStatus }>;

export type StatusAction = keyof typeof TRANSITIONS;

/** Refuses a status change an identity's current status does not allow (ERASED once erased, else INVALID_STATE). */
export function assertTransition(current: Versioned<IdentityRecord>, action: StatusAction): void {
  if (current.status === 'erased') throw errors.erased('identity has been erased', { subjectKey: current.subjectKey });
  const allowed: readonly IdentityStatus[] = TRANSITIONS[action].from;
  if (!allowed.includes(current.status)) {
    throw errors.invalidState(`cannot apply ${action} to a ${current.status} identity`, { subjectKey: current.subjectKey, status: current.status });
  }
}

/**
 * The committed lookup a lookup answer cites: recorded by this very operator, of this kind, for exactly this
 * claim, within its 5-minute window. Anything else is ACCESS_DENIED (fail closed: no entry, no answer).
 */
export async function citedLookup(ctx: Context, accessId: string, kind: RecordLookupInput['lookup']) {
  const { caller } = await requireCaller(ctx, { roles: LOOKUP_ROLES[kind], orgs: 'member' });
  const claim = lookupClaim(ctx, kind);
  const entry = await readEntry(ctx.stub, accessId);
  const mine = (e: typeof entry): e is LookupEntry => !!e && isLookup(e) && e.lookup === kind
    && e.accessorMsp === caller.mspId && e.accessorOperatorId === caller.operatorId;
  if (!mine(entry)) throw errors.accessDenied(`no committed ${kind} lookup by this operator with this access id`, { accessId });
  disclosureTime(entry, txTimeIso(ctx.stub));
  const secret = subjectSecret();
  const subjectKey = subjectKeyOf(secret, claim.idNumber);
  if (entry.subjectRef !== lookupRefOf(secret, subjectKey) || entry.claimRef !== claimRefOf(secret, claim)) {
    throw errors.accessDenied('the claim is not the one this lookup recorded', { accessId });
  }
  return { claim, secret, subjectKey };
}
