import { Copyright } from '../api/copyright';
import { errors, getRecord, historyPage, implement, pageIndexedRecords, readVersioned, requireCaller, type Versioned } from '../core';
import { COPYRIGHT_READ } from './access';
import {
  COPYRIGHT_FAMILY, COPYRIGHT_KEYS, type CopyrightTransferData, type DepositRecord, type HashIndexEntry, type LicenceData, copyrightRef, copyrightTransferRef,
  depositRef, hashIndexKey, licenceRef,
} from './records';

type AnyRecord = DepositRecord | Versioned<CopyrightTransferData> | Versioned<LicenceData>;

/**
 * Copyright:Verify(contentHash): the verifier recomputes the SHA-256 of a file and asks whether it was
 * deposited: returns the deposit (with its evidence certificate), or RECORD_NOT_FOUND.
 */
export const verifyByHash = implement(Copyright.tx.Verify, async (ctx, hash) => {
  await requireCaller(ctx, COPYRIGHT_READ);
  const entry = await getRecord<HashIndexEntry>(ctx.stub, hashIndexKey(ctx.stub, hash));
  if (!entry || typeof entry.depositId !== 'string') throw errors.recordNotFound('no deposit with this hash', { family: COPYRIGHT_FAMILY, contentHash: hash });
  const record = await readVersioned<DepositRecord>(ctx, depositRef(ctx.stub, entry.depositId));
  // A hash index row planted by others could point at a genuine deposit of another work.
  if (record.contentHash !== hash) throw errors.recordNotFound('no deposit with this hash', { family: COPYRIGHT_FAMILY, contentHash: hash });
  return { matches: true as const, deposit: record, certificate: record.certificate };
});

/** Copyright:GetRecord(kind, id): one deposit, transfer or licence. */
export const getCopyrightRecord = implement(Copyright.tx.GetRecord, async (ctx, kind, id) => {
  const ref = copyrightRef(ctx.stub, kind, id);
  await requireCaller(ctx, COPYRIGHT_READ);
  return readVersioned<AnyRecord>(ctx, ref);
});

/** Copyright:History(kind, id, pageSize, bookmark): versions of one record, newest first. */
export const copyrightHistory = implement(Copyright.tx.History, async (ctx, kind, id, pageSize, bookmark) => {
  const ref = copyrightRef(ctx.stub, kind, id);
  await requireCaller(ctx, COPYRIGHT_READ);
  await readVersioned(ctx, ref);
  return historyPage<AnyRecord>(ctx.stub, ref.key, pageSize, bookmark);
});

/** Copyright:ListTransfers(depositId, pageSize, bookmark): a deposit's rights transfers. */
export const listTransfers = implement(Copyright.tx.ListTransfers, async (ctx, depositId, pageSize, bookmark) => {
  await requireCaller(ctx, COPYRIGHT_READ);
  return pageIndexedRecords<Versioned<CopyrightTransferData>>(ctx.stub, COPYRIGHT_KEYS.transferByDeposit, [depositId], pageSize, bookmark, (x) => copyrightTransferRef(ctx.stub, x));
});

/** Copyright:ListLicences(depositId, pageSize, bookmark): a deposit's licences. */
export const listLicences = implement(Copyright.tx.ListLicences, async (ctx, depositId, pageSize, bookmark) => {
  await requireCaller(ctx, COPYRIGHT_READ);
  return pageIndexedRecords<Versioned<LicenceData>>(ctx.stub, COPYRIGHT_KEYS.licenceByDeposit, [depositId], pageSize, bookmark, (x) => licenceRef(ctx.stub, x));
});
