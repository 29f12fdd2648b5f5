import type { Context } from 'fabric-contract-api';
import {
  bookmarkSchema, canonicalStringify, historyPage, pageSizeSchema, parseWith, readVersioned, recordIdSchema, requireCaller,
  subjectKeySchema,
} from '../core';
import { pageIndexedRecords } from './indexed-page';
import { PROPERTY_READ } from './property-access';
import { PROPERTY_KEYS, encumbranceRef, propertyRef, transferRef } from './property-records';
import { parcelNumberSchema, propertyRecordKindSchema } from './schema';

/** Property:GetRecord(kind, id) — one title, transfer or encumbrance (evaluate). */
export async function getPropertyRecord(ctx: Context, kind: string, id: string): Promise<string> {
  const k = parseWith(propertyRecordKindSchema, kind, 'kind');
  const ref = propertyRef(ctx.stub, k, parseWith(k === 'title' ? parcelNumberSchema : recordIdSchema, id, 'id'));
  await requireCaller(ctx, PROPERTY_READ);
  return canonicalStringify(await readVersioned(ctx, ref));
}

/** Property:History(kind, id, pageSize, bookmark) — versions of one record, newest first, with tx ids. */
export async function propertyHistory(ctx: Context, kind: string, id: string, pageSize: string, bookmark: string): Promise<string> {
  const k = parseWith(propertyRecordKindSchema, kind, 'kind');
  const ref = propertyRef(ctx.stub, k, parseWith(k === 'title' ? parcelNumberSchema : recordIdSchema, id, 'id'));
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, PROPERTY_READ);
  await readVersioned(ctx, ref);
  return canonicalStringify(await historyPage(ctx.stub, ref.key, size, mark));
}

/** Property:ListTitlesByOwner(subjectKey, pageSize, bookmark) — titles a citizen currently owns. */
export async function listTitlesByOwner(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
  const owner = parseWith(subjectKeySchema, subjectKey, 'subjectKey');
  return listIndex(ctx, PROPERTY_KEYS.titleByOwner, owner, pageSize, bookmark, (id) => propertyRef(ctx.stub, 'title', id));
}

/** Property:ListTransfers(parcelNumber, pageSize, bookmark) — transfers of a parcel. */
export async function listTransfers(ctx: Context, parcelNumber: string, pageSize: string, bookmark: string): Promise<string> {
  const parcel = parseWith(parcelNumberSchema, parcelNumber, 'parcelNumber');
  return listIndex(ctx, PROPERTY_KEYS.transferByParcel, parcel, pageSize, bookmark, (id) => transferRef(ctx.stub, id));
}

/** Property:ListEncumbrances(parcelNumber, pageSize, bookmark) — encumbrances of a parcel, active or released. */
export async function listEncumbrances(ctx: Context, parcelNumber: string, pageSize: string, bookmark: string): Promise<string> {
  const parcel = parseWith(parcelNumberSchema, parcelNumber, 'parcelNumber');
  return listIndex(ctx, PROPERTY_KEYS.encumbranceByParcel, parcel, pageSize, bookmark, (id) => encumbranceRef(ctx.stub, id));
}

async function listIndex(
  ctx: Context, indexType: string, attribute: string, pageSize: string, bookmark: string, refOf: Parameters<typeof pageIndexedRecords>[5],
): Promise<string> {
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, PROPERTY_READ);
  return canonicalStringify(await pageIndexedRecords<unknown>(ctx.stub, indexType, [attribute], size, mark, refOf));
}
