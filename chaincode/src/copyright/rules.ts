/**
 * Exclusivity of licences as pure functions. An exclusive licence means no other licence may cover the
 * same territory at the same time, so a new or amended licence is refused when it overlaps an active
 * licence in the same territory and either of the two is exclusive.
 */
import type { z } from 'zod';
import { errors } from '../core/error-helpers';
import type { licenceTermsSchema } from './schema';

/** The terms that decide conflicts; the deposit keeps these for its active licences. */
export type LicenceTerms = z.infer<typeof licenceTermsSchema>;

/** Territories are free text, so compare them trimmed and case-insensitively ("CN" = "cn"). */
const sameTerritory = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether two date ranges (inclusive, YYYY-MM-DD, null end = open) share a day. */
export function periodsOverlap(a: Pick<LicenceTerms, 'startDate' | 'endDate'>, b: Pick<LicenceTerms, 'startDate' | 'endDate'>): boolean {
  const aEndsBeforeB = a.endDate !== null && a.endDate < b.startDate;
  const bEndsBeforeA = b.endDate !== null && b.endDate < a.startDate;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** Refuses a licence that conflicts with another active one (RULE_VIOLATION naming the other licence). */
export function assertNoExclusivityConflict(candidate: LicenceTerms, active: readonly LicenceTerms[]): void {
  const conflict = active.find((other) => other.licenceId !== candidate.licenceId
    && (other.exclusive || candidate.exclusive)
    && sameTerritory(other.territory, candidate.territory)
    && periodsOverlap(other, candidate));
  if (conflict) {
    throw errors.ruleViolation('an exclusive licence would overlap another licence in the same territory and period', {
      licenceId: candidate.licenceId, conflictingLicenceId: conflict.licenceId,
    });
  }
}

/** The active-licence list with one licence's terms replaced or added, sorted by id. */
export function withTerms(active: readonly LicenceTerms[], terms: LicenceTerms): LicenceTerms[] {
  return [...active.filter((t) => t.licenceId !== terms.licenceId), terms].sort((a, b) => (a.licenceId < b.licenceId ? -1 : 1));
}

/** The terms of a licence record. */
export const termsOf = (l: LicenceTerms): LicenceTerms =>
  ({ licenceId: l.licenceId, exclusive: l.exclusive, territory: l.territory, startDate: l.startDate, endDate: l.endDate });

/** Refuses a change of a terminated licence (INVALID_STATE). */
export function assertActive(licence: { licenceId: string; status: 'active' | 'terminated' }): void {
  if (licence.status !== 'active') throw errors.invalidState('licence is terminated', { licenceId: licence.licenceId });
}
