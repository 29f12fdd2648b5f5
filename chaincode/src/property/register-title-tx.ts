import { Property } from '../api/property';
import { createVersioned, implementSubmit, putIndexEntry } from '../core';
import { protectPropertyKey, requirePropertyRegistrar } from './access';
import { PROPERTY_KEYS, type TitleData, titleRef } from './records';
import { sortedSet } from './rules';

/** Property:RegisterTitle: a registrar of the property registrar org registers a title. */
export const registerTitle = implementSubmit(Property.tx.RegisterTitle, async (tx, input) => {
  const auth = await requirePropertyRegistrar(tx.ctx);
  const ref = titleRef(tx.stub, input.parcelNumber);
  const data: TitleData = {
    parcelNumber: input.parcelNumber,
    owners: sortedSet(input.owners),
    areaSqm: input.areaSqm,
    use: input.use,
    documentHash: input.documentHash,
    pendingTransferId: null,
    activeEncumbrances: [],
    transferCount: 0,
    encumbranceCount: 0,
  };
  const record = await createVersioned(tx, ref, data, input, 'title_registered');
  for (const owner of data.owners) await putIndexEntry(tx.stub, PROPERTY_KEYS.titleByOwner, [owner], data.parcelNumber);
  await protectPropertyKey(tx, auth, ref.key, data);
  return record;
});
