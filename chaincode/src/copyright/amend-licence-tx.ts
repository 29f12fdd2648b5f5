import { Copyright } from '../api/copyright';
import { amendVersioned, applyPatch, errors, implementSubmit, readVersioned } from '../core';
import { protectCopyrightKey, requireCopyrightOffice } from './access';
import { type DepositData, type LicenceData, depositRef, licenceRef } from './records';
import { assertActive, assertNoExclusivityConflict, termsOf, withTerms } from './rules';

/**
 * Copyright:AmendLicence: changes scope, territory or end date as a new version; the new terms are checked for
 * exclusivity conflicts like a new licence.
 */
export const amendLicence = implementSubmit(Copyright.tx.AmendLicence, async (tx, input) => {
  const auth = await requireCopyrightOffice(tx.ctx, ['registrar']);
  const ref = licenceRef(tx.stub, input.licenceId);
  const current = await readVersioned<LicenceData>(tx, ref);
  assertActive(current);
  const { meta: _meta, ...currentData } = current;
  const next = applyPatch<LicenceData>(currentData, input.changes);
  if (next.endDate !== null && next.endDate < next.startDate) {
    throw errors.ruleViolation('endDate must not precede the licence startDate', { licenceId: next.licenceId, startDate: next.startDate });
  }
  const dRef = depositRef(tx.stub, current.depositId);
  const holderDeposit = await readVersioned<DepositData>(tx, dRef);
  assertNoExclusivityConflict(termsOf(next), holderDeposit.activeLicences);
  const licence = await amendVersioned<LicenceData>(tx, ref, () => next, input, 'licence_amended');
  await amendVersioned<DepositData>(tx, dRef, (d) => ({ ...d, activeLicences: withTerms(d.activeLicences, termsOf(next)) }), input, 'licence_amended');
  await protectCopyrightKey(tx, auth, ref.key);
  await protectCopyrightKey(tx, auth, dRef.key);
  return licence;
});
