import { Property } from '../api/property';
import { amendVersioned, errors, implementSubmit, readVersioned } from '../core';
import { protectPropertyKey, requireLenderSide } from './access';
import { type EncumbranceData, type TitleData, encumbranceRef, titleRef } from './records';

/**
 * Property:ReleaseEncumbrance: releases an active encumbrance; the lender leaves the title's key-level policy
 * unless it holds another active encumbrance on it.
 */
export const releaseEncumbrance = implementSubmit(Property.tx.ReleaseEncumbrance, async (tx, input) => {
  const eRef = encumbranceRef(tx.stub, input.encumbranceId);
  const current = await readVersioned<EncumbranceData>(tx, eRef);
  const auth = await requireLenderSide(tx.ctx, current.lenderMsp);
  if (current.status !== 'active') {
    throw errors.invalidState('encumbrance is already released', { encumbranceId: input.encumbranceId });
  }
  const encumbrance = await amendVersioned<EncumbranceData>(tx, eRef, (e) => ({ ...e, status: 'released', releaseEvidenceHash: input.evidenceHash }), input, 'encumbrance_released');
  const tRef = titleRef(tx.stub, current.parcelNumber);
  const title = await amendVersioned<TitleData>(tx, tRef, (t) => ({
    ...t, activeEncumbrances: t.activeEncumbrances.filter((e) => e.encumbranceId !== input.encumbranceId),
  }), input, 'encumbrance_released');
  // The released record keeps the policy it had, so it stays as well protected as while it was active.
  await protectPropertyKey(tx, auth, tRef.key, title);
  return { encumbrance, title };
});
