import type { Context } from 'fabric-contract-api';
import { parseJsonArg } from '../core/args';
import { errors } from '../core/error-helpers';
import { submit } from '../core/submit';
import { Versioned, amendVersioned, readVersioned } from '../core/versioned';
import { requireIdentityRegistrar } from './identity-policy';
import { IdentityRecord, IdentityStatus, identityRef, personalDataKey } from './records';
import { statusChangeSchema } from './schema';

/** Allowed status transitions: action -> (from states, to state). Erased is final. */
const TRANSITIONS = {
  suspended: { from: ['active'], to: 'suspended' },
  revoked: { from: ['active', 'suspended'], to: 'revoked' },
  reinstated: { from: ['suspended', 'revoked'], to: 'active' },
  erased: { from: ['active', 'suspended', 'revoked'], to: 'erased' },
} as const satisfies Record<string, { from: readonly IdentityStatus[]; to: IdentityStatus }>;

export type StatusAction = keyof typeof TRANSITIONS;

/**
 * Identity:Suspend / Revoke / Reinstate / Erase: an amendment of the public record with reason, legal
 * authority and approver. Erase also purges the personal data from the registrar's collection; the
 * fingerprints stay on the public record.
 */
export async function changeStatus(ctx: Context, txName: string, action: StatusAction, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(statusChangeSchema, raw, 'input');
  return submit(ctx, { txName, requestId, input }, async (tx) => {
    const { collection } = await requireIdentityRegistrar(ctx);
    const ref = identityRef(ctx.stub, input.subjectKey);
    const current = await readVersioned<IdentityRecord>(tx, ref);
    assertTransition(current, action);
    if (action === 'erased') await ctx.stub.purgePrivateData(collection, personalDataKey(ctx.stub, input.subjectKey));
    const { reason, legalAuthority } = input;
    return amendVersioned<IdentityRecord>(tx, ref, (r) => ({ ...r, status: TRANSITIONS[action].to }), { reason, legalAuthority }, action);
  });
}

function assertTransition(current: Versioned<IdentityRecord>, action: StatusAction): void {
  if (current.status === 'erased') throw errors.erased('identity has been erased', { subjectKey: current.subjectKey });
  const allowed: readonly IdentityStatus[] = TRANSITIONS[action].from;
  if (!allowed.includes(current.status)) {
    throw errors.invalidState(`cannot apply ${action} to a ${current.status} identity`, { subjectKey: current.subjectKey, status: current.status });
  }
}
