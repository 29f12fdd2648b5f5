import { Property } from '../api/property';
import { amendVersioned, callerLabel, errors, implementSubmit, readVersioned } from '../core';
import { protectPropertyKey, requireLenderSide } from './access';
import { readTitleOf } from './queries';
import { type EncumbranceData, type TransferData, activeEncumbranceIds, encumbranceRef, transferRef } from './records';
import { withLenderConsent } from './rules';

/**
 * Property:RecordLenderConsent: records the lender's consent for one active encumbrance on the title; the
 * lender org itself, or the registrar for a lender off the channel.
 */
export const recordLenderConsent = implementSubmit(Property.tx.RecordLenderConsent, async (tx, input) => {
  const encumbrance = await readVersioned<EncumbranceData>(tx, encumbranceRef(tx.stub, input.encumbranceId));
  const auth = await requireLenderSide(tx.ctx, encumbrance.lenderMsp);
  const xRef = transferRef(tx.stub, input.transferId);
  const current = await readVersioned<TransferData>(tx, xRef);
  if (current.parcelNumber !== encumbrance.parcelNumber) {
    throw errors.ruleViolation('encumbrance is on another parcel', { transferId: input.transferId, encumbranceId: input.encumbranceId });
  }
  const title = await readTitleOf(tx, current);
  const consent = { encumbranceId: input.encumbranceId, evidenceHash: input.evidenceHash, recordedBy: callerLabel(tx.caller), recordedAt: tx.now, txId: tx.txId };
  const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => withLenderConsent(t, activeEncumbranceIds(title), consent), input, 'lender_consented');
  await protectPropertyKey(tx, auth, xRef.key, title);
  return transfer;
});
