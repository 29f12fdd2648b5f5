import { Property } from '../api/property';
import { amendVersioned, deleteIndexEntry, implementSubmit, putIndexEntry, readVersioned } from '../core';
import { protectPropertyKey, requirePropertyRegistrar } from './access';
import { readTitleOf } from './queries';
import { PROPERTY_KEYS, type TitleData, type TransferData, activeEncumbranceIds, titleRef, transferRef } from './records';
import { assertCompletable, closedTransfer, titleAfterTransfer } from './rules';

/**
 * Property:CompleteTransfer: the registrar completes a fully approved transfer: APPROVAL_MISSING while a party
 * has not approved, CONSENT_REQUIRED while a lender has not consented. The buyers become the owners; the owner
 * index and the title's key-level policy are rewritten.
 */
export const completeTransfer = implementSubmit(Property.tx.CompleteTransfer, async (tx, input) => {
  const auth = await requirePropertyRegistrar(tx.ctx);
  const xRef = transferRef(tx.stub, input.transferId);
  const current = await readVersioned<TransferData>(tx, xRef);
  const before = await readTitleOf(tx, current);
  assertCompletable(current, activeEncumbranceIds(before));
  const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => closedTransfer(t, 'completed'), input, 'transfer_completed');
  const tRef = titleRef(tx.stub, current.parcelNumber);
  const title = await amendVersioned<TitleData>(tx, tRef, (t) => titleAfterTransfer(t, current), input, 'ownership_transferred');
  for (const owner of before.owners.filter((o) => !title.owners.includes(o))) {
    await deleteIndexEntry(tx.stub, PROPERTY_KEYS.titleByOwner, [owner], title.parcelNumber);
  }
  for (const owner of title.owners.filter((o) => !before.owners.includes(o))) {
    await putIndexEntry(tx.stub, PROPERTY_KEYS.titleByOwner, [owner], title.parcelNumber);
  }
  await protectPropertyKey(tx, auth, xRef.key, title);
  await protectPropertyKey(tx, auth, tRef.key, title);
  return { title, transfer };
});
