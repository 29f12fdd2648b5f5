import type { Context } from 'fabric-contract-api';
import { PERSONAL_DATA_KEY } from '../api/identity';
import { type GovernanceConfig, errors, parseTransient } from '../core';
import { subjectKeyLookupSchema, verifySchema } from '../identity/schema';
import { type AuditEntry, isLookup } from './records';
import type { RecordLookupInput } from './schema';
import type { SealResolver } from './sealing';

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

/** The transient claim of a lookup, validated for its kind. */
export function lookupClaim(ctx: Context, lookup: RecordLookupInput['lookup']): { idNumber: string; name?: string } {
  return lookup === 'verify' ? parseTransient(ctx.stub, PERSONAL_DATA_KEY, verifySchema) : parseTransient(ctx.stub, PERSONAL_DATA_KEY, subjectKeyLookupSchema);
}

/** Longest run of one sealing order: one year after it is issued (transaction time). */
export function oneYearAfter(iso: string): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString();
}

/** Who is reading audit entries, and at what (proposal) time. */
export interface Viewer {
  /** 'citizen': the subject's own log as the gateway shows it; 'auditor': a compliance officer. */
  view: 'citizen' | 'auditor';
  mspId: string;
  config: GovernanceConfig;
  now: string;
}

/**
 * While an entry is sealed, only compliance auditors of the dataset's owner and of the governance org see it;
 * the citizen, other orgs' auditors and every clerk do not. Entries without a recorded owner (written before
 * owners were recorded) are seen sealed by the governance org only.
 */
export function seesSealed(viewer: Viewer, entry: AuditEntry): boolean {
  if (viewer.view !== 'auditor') return false;
  return viewer.mspId === viewer.config.governanceMsp || (entry.datasetOwnerMsp !== undefined && viewer.mspId === entry.datasetOwnerMsp);
}

/** Whether the viewer may see the entry now: unsealed, released, or one of the privileged auditors. */
export async function isVisible(viewer: Viewer, seals: SealResolver, entry: AuditEntry): Promise<boolean> {
  if (isLookup(entry) || !entry.sealingOrderId || seesSealed(viewer, entry)) return true;
  return !(await seals.sealedAt(entry.sealingOrderId, viewer.now));
}
