/** Business status transitions as a table, so the rules read in one place and test exhaustively. */
import { errors } from '../core/error-helpers';
import type { BusinessStatus } from './business-records';

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
