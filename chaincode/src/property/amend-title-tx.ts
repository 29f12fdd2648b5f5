import { Property } from '../api/property';
import { amendVersioned, applyPatch, implementSubmit } from '../core';
import { protectPropertyKey, requirePropertyRegistrar } from './access';
import { type TitleData, titleRef } from './records';

/** Property:AmendTitle: corrects area, use or document hash; never ownership. */
export const amendTitle = implementSubmit(Property.tx.AmendTitle, async (tx, input) => {
  const auth = await requirePropertyRegistrar(tx.ctx);
  const ref = titleRef(tx.stub, input.parcelNumber);
  const record = await amendVersioned<TitleData>(tx, ref, (t) => applyPatch(t, input.changes), input, 'title_amended');
  await protectPropertyKey(tx, auth, ref.key, record);
  return record;
});
