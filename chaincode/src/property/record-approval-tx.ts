import { Property } from '../api/property';
import { amendVersioned, callerLabel, implementSubmit } from '../core';
import { protectPropertyKey, requireServiceDesk } from './access';
import { readTitleOf } from './queries';
import { type TransferData, transferRef } from './records';
import { withApproval } from './rules';

/** Property:RecordApproval: records one seller's or buyer's signed consent. */
export const recordApproval = implementSubmit(Property.tx.RecordApproval, async (tx, input) => {
  const auth = await requireServiceDesk(tx.ctx);
  const xRef = transferRef(tx.stub, input.transferId);
  const approval = { subjectKey: input.subjectKey, evidenceHash: input.evidenceHash, recordedBy: callerLabel(tx.caller), recordedAt: tx.now, txId: tx.txId };
  const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => withApproval(t, approval), input, 'transfer_approved');
  await protectPropertyKey(tx, auth, xRef.key, await readTitleOf(tx, transfer));
  return transfer;
});
