import { Copyright } from '../api/copyright';
import { amendVersioned, implementSubmit } from '../core';
import { protectCopyrightKey, requireCopyrightOffice } from './access';
import { type DepositData, type LicenceData, depositRef, licenceRef } from './records';
import { assertActive } from './rules';

/** Copyright:TerminateLicence: ends an active licence and frees its exclusivity. */
export const terminateLicence = implementSubmit(Copyright.tx.TerminateLicence, async (tx, input) => {
  const auth = await requireCopyrightOffice(tx.ctx, ['registrar']);
  const ref = licenceRef(tx.stub, input.licenceId);
  const licence = await amendVersioned<LicenceData>(tx, ref, (l) => {
    assertActive(l);
    return { ...l, status: 'terminated' };
  }, input, 'licence_terminated');
  const dRef = depositRef(tx.stub, licence.depositId);
  await amendVersioned<DepositData>(tx, dRef, (d) => ({ ...d, activeLicences: d.activeLicences.filter((t) => t.licenceId !== licence.licenceId) }), input, 'licence_terminated');
  await protectCopyrightKey(tx, auth, ref.key);
  await protectCopyrightKey(tx, auth, dRef.key);
  return licence;
});
