import { Copyright } from '../api/copyright';
import { addChild, implementSubmit } from '../core';
import { protectCopyrightKey, requireCopyrightOffice } from './access';
import { COPYRIGHT_KEYS, type DepositData, type LicenceData, depositRef, licenceIdOf, licenceRef } from './records';
import { assertNoExclusivityConflict, termsOf, withTerms } from './rules';

/**
 * Copyright:RecordLicence: records a licence on a deposited work; refused with RULE_VIOLATION when it would
 * overlap an exclusive licence (or is exclusive and overlaps any licence) in the same territory and period.
 */
export const recordLicence = implementSubmit(Copyright.tx.RecordLicence, async (tx, input) => {
  const auth = await requireCopyrightOffice(tx.ctx, ['registrar']);
  const { child } = await addChild<DepositData, LicenceData>(tx, {
    parent: depositRef(tx.stub, input.depositId),
    counter: 'licenceCount',
    childRef: (d, n) => licenceRef(tx.stub, licenceIdOf(d.depositId, n)),
    child: (d, licenceId) => {
      const data: LicenceData = {
        licenceId, depositId: d.depositId, licensee: input.licensee, exclusive: input.exclusive, scope: input.scope,
        territory: input.territory, startDate: input.startDate, endDate: input.endDate, contractHash: input.contractHash, status: 'active',
      };
      assertNoExclusivityConflict(termsOf(data), d.activeLicences);
      return data;
    },
    parentChange: (d, licenceId) => ({ ...d, activeLicences: withTerms(d.activeLicences, termsOf({ ...input, licenceId })) }),
    index: COPYRIGHT_KEYS.licenceByDeposit,
    amendment: input,
    actions: { child: 'licence_recorded', parent: 'licence_recorded' },
    protect: (key) => protectCopyrightKey(tx, auth, key),
  });
  return child;
});
