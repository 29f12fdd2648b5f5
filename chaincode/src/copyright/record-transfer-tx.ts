import { Copyright } from '../api/copyright';
import { addChild, implementSubmit } from '../core';
import { protectCopyrightKey, requireCopyrightOffice } from './access';
import { indexPersons, personsOf } from './person-index';
import { COPYRIGHT_KEYS, type CopyrightTransferData, type DepositData, copyrightTransferIdOf, copyrightTransferRef, depositRef, sortHolders } from './records';

/**
 * Copyright:RecordTransfer: records an assignment of the rights: a transfer record (previous and new holders)
 * and a new deposit version with the new holders.
 */
export const recordTransfer = implementSubmit(Copyright.tx.RecordTransfer, async (tx, input) => {
  const auth = await requireCopyrightOffice(tx.ctx, ['registrar']);
  const toHolders = sortHolders(input.toHolders);
  const { child: transfer, parent: deposit } = await addChild<DepositData, CopyrightTransferData>(tx, {
    parent: depositRef(tx.stub, input.depositId),
    counter: 'transferCount',
    childRef: (d, n) => copyrightTransferRef(tx.stub, copyrightTransferIdOf(d.depositId, n)),
    child: (d, transferId) => ({
      transferId, depositId: d.depositId, fromHolders: d.holders, toHolders, contractHash: input.contractHash, effectiveDate: input.effectiveDate,
    }),
    parentChange: (d) => ({ ...d, holders: toHolders }),
    index: COPYRIGHT_KEYS.transferByDeposit,
    amendment: input,
    actions: { child: 'rights_transferred', parent: 'rights_transferred' },
    protect: (key) => protectCopyrightKey(tx, auth, key),
  });
  await indexPersons(tx, auth, input.depositId, personsOf(toHolders));
  return { deposit, transfer };
});
