import { Property } from '../api/property';
import { amendVersioned, implementSubmit } from '../core';
import { protectPropertyKey, requirePropertyRegistrar } from './access';
import { type TitleData, type TransferData, titleRef, transferRef } from './records';
import { closedTransfer } from './rules';

/** Property:CancelTransfer: the registrar cancels a pending transfer and unlocks the title. */
export const cancelTransfer = implementSubmit(Property.tx.CancelTransfer, async (tx, input) => {
  const auth = await requirePropertyRegistrar(tx.ctx);
  const xRef = transferRef(tx.stub, input.transferId);
  const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => closedTransfer(t, 'cancelled'), input, 'transfer_cancelled');
  const tRef = titleRef(tx.stub, transfer.parcelNumber);
  const title = await amendVersioned<TitleData>(tx, tRef, (t) => ({ ...t, pendingTransferId: null }), input, 'transfer_cancelled');
  await protectPropertyKey(tx, auth, xRef.key, title);
  await protectPropertyKey(tx, auth, tRef.key, title);
  return { title, transfer };
});
