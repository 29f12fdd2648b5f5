import type { Context } from 'fabric-contract-api';
import {
  bookmarkSchema, canonicalStringify, errors, getRecord, historyPage, pageSizeSchema, parseWith, readVersioned, recordIdSchema,
  requireCaller, sha256HexSchema,
} from '../core';
import { pageIndexedRecords } from '../property/indexed-page';
import { COPYRIGHT_FAMILY, COPYRIGHT_KEYS, DepositRecord, copyrightRef, copyrightTransferRef, depositRef, hashIndexKey, licenceRef } from './copyright-records';
import { COPYRIGHT_READ } from './copyright-access';
import { HashIndexEntry } from './deposit-tx';
import { copyrightRecordKindSchema } from './schema';

/**
 * Copyright:Verify(contentHash) — the verifier recomputes the SHA-256 of a file and asks whether it was
 * deposited: returns the deposit (with its evidence certificate), or RECORD_NOT_FOUND.
 */
export async function verifyByHash(ctx: Context, contentHash: string): Promise<string> {
  const hash = parseWith(sha256HexSchema, contentHash, 'contentHash');
  await requireCaller(ctx, COPYRIGHT_READ);
  const entry = await getRecord<HashIndexEntry>(ctx.stub, hashIndexKey(ctx.stub, hash));
  if (!entry || typeof entry.depositId !== 'string') throw errors.recordNotFound('no deposit with this hash', { family: COPYRIGHT_FAMILY, contentHash: hash });
  const record = await readVersioned<DepositRecord>(ctx, depositRef(ctx.stub, entry.depositId));
  // A hash index row planted by others could point at a genuine deposit of another work.
  if (record.contentHash !== hash) throw errors.recordNotFound('no deposit with this hash', { family: COPYRIGHT_FAMILY, contentHash: hash });
  return canonicalStringify({ matches: true, deposit: record, certificate: record.certificate });
}

/** Copyright:GetRecord(kind, id) — one deposit, transfer or licence. */
export async function getCopyrightRecord(ctx: Context, kind: string, id: string): Promise<string> {
  const ref = copyrightRef(ctx.stub, parseWith(copyrightRecordKindSchema, kind, 'kind'), parseWith(recordIdSchema, id, 'id'));
  await requireCaller(ctx, COPYRIGHT_READ);
  return canonicalStringify(await readVersioned(ctx, ref));
}

/** Copyright:History(kind, id, pageSize, bookmark) — versions of one record, newest first. */
export async function copyrightHistory(ctx: Context, kind: string, id: string, pageSize: string, bookmark: string): Promise<string> {
  const ref = copyrightRef(ctx.stub, parseWith(copyrightRecordKindSchema, kind, 'kind'), parseWith(recordIdSchema, id, 'id'));
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, COPYRIGHT_READ);
  await readVersioned(ctx, ref);
  return canonicalStringify(await historyPage(ctx.stub, ref.key, size, mark));
}

/** Copyright:ListTransfers / ListLicences(depositId, pageSize, bookmark) — a deposit's child records. */
export async function listDepositChildren(ctx: Context, child: 'transfer' | 'licence', depositId: string, pageSize: string, bookmark: string): Promise<string> {
  const id = parseWith(recordIdSchema, depositId, 'depositId');
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, COPYRIGHT_READ);
  const [indexType, refOf] = child === 'transfer'
    ? [COPYRIGHT_KEYS.transferByDeposit, (x: string) => copyrightTransferRef(ctx.stub, x)]
    : [COPYRIGHT_KEYS.licenceByDeposit, (x: string) => licenceRef(ctx.stub, x)];
  return canonicalStringify(await pageIndexedRecords(ctx.stub, indexType, [id], size, mark, refOf));
}
