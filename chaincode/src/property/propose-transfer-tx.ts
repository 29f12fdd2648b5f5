import { Property } from '../api/property';
import { addChild, implementSubmit } from '../core';
import { protectPropertyKey, requireServiceDesk } from './access';
import { PROPERTY_KEYS, type TitleData, type TransferData, titleRef, transferIdOf, transferRef } from './records';
import { assertCanPropose, newTransfer } from './rules';

/**
 * Property:ProposeTransfer: opens a transfer of a title to the buyers and locks the title until the transfer
 * completes or is cancelled.
 */
export const proposeTransfer = implementSubmit(Property.tx.ProposeTransfer, async (tx, input) => {
  const auth = await requireServiceDesk(tx.ctx);
  const { child } = await addChild<TitleData, TransferData>(tx, {
    parent: titleRef(tx.stub, input.parcelNumber),
    counter: 'transferCount',
    childRef: (title, n) => transferRef(tx.stub, transferIdOf(title.parcelNumber, n)),
    child: (title, transferId) => {
      assertCanPropose(title, input.buyers);
      return newTransfer(title, transferId, input.buyers, input.contractHash);
    },
    parentChange: (t, transferId) => ({ ...t, pendingTransferId: transferId }),
    index: PROPERTY_KEYS.transferByParcel,
    amendment: input,
    actions: { child: 'transfer_proposed', parent: 'transfer_proposed' },
    protect: (key, title) => protectPropertyKey(tx, auth, key, title),
  });
  return child;
});
