/** Business rules: status transitions as a table (read in one place, tested exhaustively) and the representative. */
import type { ChaincodeStub } from 'fabric-shim';
import { errors } from '../core';
import { readIdentity } from '../identity/queries';
import { identityRef } from '../identity/records';
import type { BusinessStatus } from './records';

/** Status-changing actions and the event action each records. */
export const STATUS_ACTIONS = {
  suspend: { from: ['active'], to: 'suspended', event: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active', event: 'reinstated' },
  // Deregistration is final: a deregistered code is never reused or revived (GB 32100 codes are for life).
  deregister: { from: ['active', 'suspended'], to: 'deregistered', event: 'deregistered' },
} as const satisfies Record<string, { from: readonly BusinessStatus[]; to: BusinessStatus; event: string }>;

/** A status-changing action name. */
export type StatusAction = keyof typeof STATUS_ACTIONS;

/** The status after an action, or INVALID_STATE (409) when the action does not apply. */
export function nextStatus(code: string, current: BusinessStatus, action: StatusAction): BusinessStatus {
  const rule = STATUS_ACTIONS[action];
  if (!(rule.from as readonly BusinessStatus[]).includes(current)) {
    throw errors.invalidState(`cannot ${action} a business that is ${current}`, { code, status: current, action });
  }
  return rule.to;
}

/** Amendments of content are allowed while the business exists in the register, not after deregistration. */
export function assertAmendable(code: string, current: BusinessStatus): void {
  if (current === 'deregistered') throw errors.invalidState('a deregistered business cannot be amended', { code, status: current });
}

/**
 * Checks that a subject key names an ACTIVE identity, reading the identity family's public record (no
 * personal data is touched). Missing -> RECORD_NOT_FOUND; suspended, revoked or erased -> RULE_VIOLATION.
 */
export async function assertActiveIdentity(stub: ChaincodeStub, subjectKey: string): Promise<void> {
  const ref = identityRef(stub, subjectKey);
  const identity = await readIdentity(stub, subjectKey);
  if (!identity) throw errors.recordNotFound('legal representative has no identity record', { family: ref.family, id: subjectKey });
  if (identity.status !== 'active') {
    throw errors.ruleViolation('legal representative identity is not active', { subjectKey, status: identity.status });
  }
}
