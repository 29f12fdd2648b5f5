import type { Context } from 'fabric-contract-api';
import { amendVersioned, callerLabel, createVersioned, errors, parseJsonArg, readVersioned, submit } from '../core';
import { deleteIndexEntry, putIndexEntry } from './indexed-page';
import { protectPropertyKey, requireLenderSide, requirePropertyRegistrar, requireServiceDesk } from './property-access';
import {
  EncumbranceData, PROPERTY_KEYS, TitleData, TransferData, activeEncumbranceIds, encumbranceRef, titleRef, transferIdOf, transferRef,
} from './property-records';
import { closeTransferSchema, proposeTransferSchema, recordApprovalSchema, recordLenderConsentSchema } from './schema';
import {
  assertCanPropose, assertCompletable, closedTransfer, newTransfer, titleAfterTransfer, withApproval, withLenderConsent,
} from './transfer-rules';

/**
 * Property:ProposeTransfer(requestId, input) — opens a transfer of a title to the buyers and locks the
 * title until the transfer completes or is cancelled.
 */
export async function proposeTransfer(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(proposeTransferSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:ProposeTransfer', requestId, input }, async (tx) => {
    const auth = await requireServiceDesk(ctx);
    const tRef = titleRef(ctx.stub, input.parcelNumber);
    const title = await readVersioned<TitleData>(tx, tRef);
    assertCanPropose(title, input.buyers);
    const n = title.transferCount + 1;
    const transferId = transferIdOf(title.parcelNumber, n);
    const xRef = transferRef(ctx.stub, transferId);
    const transfer = await createVersioned(tx, xRef, newTransfer(title, transferId, input.buyers, input.contractHash), input, 'transfer_proposed');
    const locked = await amendVersioned<TitleData>(tx, tRef, (t) => ({ ...t, pendingTransferId: transferId, transferCount: n }), input, 'transfer_proposed');
    await putIndexEntry(ctx.stub, PROPERTY_KEYS.transferByParcel, [title.parcelNumber], transferId);
    await protectPropertyKey(tx, auth, xRef.key, title);
    await protectPropertyKey(tx, auth, tRef.key, locked);
    return transfer;
  });
}

/** Property:RecordApproval(requestId, input) — records one seller's or buyer's signed consent. */
export async function recordApproval(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(recordApprovalSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:RecordApproval', requestId, input }, async (tx) => {
    const auth = await requireServiceDesk(ctx);
    const xRef = transferRef(ctx.stub, input.transferId);
    const approval = { subjectKey: input.subjectKey, evidenceHash: input.evidenceHash, recordedBy: callerLabel(tx.caller), recordedAt: tx.now, txId: tx.txId };
    const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => withApproval(t, approval), input, 'transfer_approved');
    await protectPropertyKey(tx, auth, xRef.key, await titleOf(ctx, tx, transfer));
    return transfer;
  });
}

/**
 * Property:RecordLenderConsent(requestId, input) — records the lender's consent for one active
 * encumbrance on the title; the lender org itself, or the registrar for a lender off the channel.
 */
export async function recordLenderConsent(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(recordLenderConsentSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:RecordLenderConsent', requestId, input }, async (tx) => {
    const encumbrance = await readVersioned<EncumbranceData>(tx, encumbranceRef(ctx.stub, input.encumbranceId));
    const auth = await requireLenderSide(ctx, encumbrance.lenderMsp);
    const xRef = transferRef(ctx.stub, input.transferId);
    const current = await readVersioned<TransferData>(tx, xRef);
    if (current.parcelNumber !== encumbrance.parcelNumber) {
      throw errors.ruleViolation('encumbrance is on another parcel', { transferId: input.transferId, encumbranceId: input.encumbranceId });
    }
    const title = await titleOf(ctx, tx, current);
    const consent = { encumbranceId: input.encumbranceId, evidenceHash: input.evidenceHash, recordedBy: callerLabel(tx.caller), recordedAt: tx.now, txId: tx.txId };
    const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => withLenderConsent(t, activeEncumbranceIds(title), consent), input, 'lender_consented');
    await protectPropertyKey(tx, auth, xRef.key, title);
    return transfer;
  });
}

/**
 * Property:CompleteTransfer(requestId, input) — the registrar completes a fully approved transfer:
 * APPROVAL_MISSING while a party has not approved, CONSENT_REQUIRED while a lender has not consented.
 * The buyers become the owners; the owner index and the title's key-level policy are rewritten.
 */
export async function completeTransfer(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(closeTransferSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:CompleteTransfer', requestId, input }, async (tx) => {
    const auth = await requirePropertyRegistrar(ctx);
    const xRef = transferRef(ctx.stub, input.transferId);
    const current = await readVersioned<TransferData>(tx, xRef);
    const before = await titleOf(ctx, tx, current);
    assertCompletable(current, activeEncumbranceIds(before));
    const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => closedTransfer(t, 'completed'), input, 'transfer_completed');
    const tRef = titleRef(ctx.stub, current.parcelNumber);
    const title = await amendVersioned<TitleData>(tx, tRef, (t) => titleAfterTransfer(t, current), input, 'ownership_transferred');
    for (const owner of before.owners.filter((o) => !title.owners.includes(o))) {
      await deleteIndexEntry(ctx.stub, PROPERTY_KEYS.titleByOwner, [owner], title.parcelNumber);
    }
    for (const owner of title.owners.filter((o) => !before.owners.includes(o))) {
      await putIndexEntry(ctx.stub, PROPERTY_KEYS.titleByOwner, [owner], title.parcelNumber);
    }
    await protectPropertyKey(tx, auth, xRef.key, title);
    await protectPropertyKey(tx, auth, tRef.key, title);
    return { title, transfer };
  });
}

/** Property:CancelTransfer(requestId, input) — the registrar cancels a pending transfer and unlocks the title. */
export async function cancelTransfer(ctx: Context, requestId: string, raw: string): Promise<string> {
  const input = parseJsonArg(closeTransferSchema, raw, 'input');
  return submit(ctx, { txName: 'Property:CancelTransfer', requestId, input }, async (tx) => {
    const auth = await requirePropertyRegistrar(ctx);
    const xRef = transferRef(ctx.stub, input.transferId);
    const transfer = await amendVersioned<TransferData>(tx, xRef, (t) => closedTransfer(t, 'cancelled'), input, 'transfer_cancelled');
    const tRef = titleRef(ctx.stub, transfer.parcelNumber);
    const title = await amendVersioned<TitleData>(tx, tRef, (t) => ({ ...t, pendingTransferId: null }), input, 'transfer_cancelled');
    await protectPropertyKey(tx, auth, xRef.key, title);
    await protectPropertyKey(tx, auth, tRef.key, title);
    return { title, transfer };
  });
}

function titleOf(ctx: Context, tx: Parameters<typeof readVersioned>[0], transfer: Pick<TransferData, 'parcelNumber'>) {
  return readVersioned<TitleData>(tx, titleRef(ctx.stub, transfer.parcelNumber));
}
