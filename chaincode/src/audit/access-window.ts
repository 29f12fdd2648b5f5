import { errors } from '../core/error-helpers';
import type { AuditEntry } from './records';

/** How long a committed access entry may be cited by Identity:ReadPersonalData (capped by the grant's expiry). */
export const ACCESS_TTL_MS = 5 * 60 * 1000;
/** How long a committed lookup entry may be cited by Identity:Verify / Identity:SubjectKey. */
export const LOOKUP_TTL_MS = 5 * 60 * 1000;
/**
 * How far before its committed entry's time a disclosure may claim to happen. The proposal time is chosen by
 * the client; a disclosure is judged at max(proposal time, entry time), and only before the entry expires, so a
 * client can move the time a grant is re-checked against by at most the entry's window (5 min) and never
 * before the access it committed.
 */
export const MAX_READ_SKEW_MS = 30 * 1000;

/** The end of an entry's window: `ttlMs` after `now`, or the grant's expiry when that is earlier. */
export function windowEnd(now: string, ttlMs: number, cap: string | null): string {
  const end = new Date(Date.parse(now) + ttlMs).toISOString();
  return cap !== null && cap < end ? cap : end;
}

/**
 * The time a disclosure citing `entry` is judged at: max(proposal time, entry time). ACCESS_EXPIRED once the
 * window has passed; ACCESS_DENIED when the proposal claims a time well before the access was recorded.
 */
export function disclosureTime(entry: AuditEntry, now: string): string {
  if (now >= entry.expiresAt) {
    throw errors.accessExpired('the access id has expired (5-minute window); record a new access with a new Idempotency-Key', { accessId: entry.accessId, expiresAt: entry.expiresAt });
  }
  if (Date.parse(now) < Date.parse(entry.at) - MAX_READ_SKEW_MS) {
    throw errors.accessDenied('the read claims a time before its committed access entry', { accessId: entry.accessId });
  }
  return now > entry.at ? now : entry.at;
}
