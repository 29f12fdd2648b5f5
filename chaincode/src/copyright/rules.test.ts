import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGovChainError } from '../core/errors';
import { LicenceTerms, assertNoExclusivityConflict, periodsOverlap, withTerms } from './rules';

const terms = (licenceId: string, exclusive: boolean, startDate: string, endDate: string | null, territory = 'CN'): LicenceTerms =>
  ({ licenceId, exclusive, territory, startDate, endDate });

const conflictOf = (candidate: LicenceTerms, active: LicenceTerms[]) => {
  try {
    assertNoExclusivityConflict(candidate, active);
    return undefined;
  } catch (e) {
    return parseGovChainError((e as Error).message)?.details.conflictingLicenceId;
  }
};

describe('licence exclusivity', () => {
  it('treats ranges as inclusive and open ends as unbounded', () => {
    assert.equal(periodsOverlap(terms('a', false, '2025-01-01', '2025-06-30'), terms('b', false, '2025-06-30', null)), true);
    assert.equal(periodsOverlap(terms('a', false, '2025-01-01', '2025-06-29'), terms('b', false, '2025-06-30', null)), false);
    assert.equal(periodsOverlap(terms('a', false, '2026-01-01', null), terms('b', false, '2025-01-01', null)), true);
  });

  it('refuses overlap when either licence is exclusive, in the same territory', () => {
    const active = [terms('L1', true, '2025-01-01', '2025-12-31')];
    assert.equal(conflictOf(terms('L2', false, '2025-06-01', null), active), 'L1');
    assert.equal(conflictOf(terms('L2', true, '2025-06-01', null), [terms('L1', false, '2025-01-01', null, ' cn ')]), 'L1');
    assert.equal(conflictOf(terms('L2', true, '2026-01-01', null), active), undefined, 'after the exclusive period');
    assert.equal(conflictOf(terms('L2', true, '2025-06-01', null, 'HK'), active), undefined, 'other territory');
    assert.equal(conflictOf(terms('L2', false, '2025-06-01', null), [terms('L1', false, '2025-01-01', null)]), undefined, 'both non-exclusive');
    assert.equal(conflictOf(terms('L1', true, '2025-06-01', null), active), undefined, 'a licence never conflicts with itself');
  });

  it('keeps the active list sorted and replaces terms by id', () => {
    const list = withTerms([terms('L2', false, '2025-01-01', null)], terms('L1', true, '2025-01-01', null));
    assert.deepEqual(list.map((t) => t.licenceId), ['L1', 'L2']);
    assert.equal(withTerms(list, terms('L1', false, '2025-01-01', null)).find((t) => t.licenceId === 'L1')?.exclusive, false);
  });
});
