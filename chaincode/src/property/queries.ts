import type { Context } from 'fabric-contract-api';
import { Property } from '../api/property';
import { type Page, type RecordRef, type Tx, historyPage, implement, pageIndexedRecords, parseWith, readVersioned, recordIdSchema, requireCaller } from '../core';
import { PROPERTY_READ } from './access';
import {
  type EncumbranceRecord, PROPERTY_KEYS, type TitleData, type TitleRecord, type TransferData, type TransferRecord, encumbranceRef, propertyRef,
  titleRef, transferRef,
} from './records';
import { type PropertyRecordKind, parcelNumberSchema } from './schema';

type AnyRecord = TitleRecord | TransferRecord | EncumbranceRecord;

/** The title a transfer belongs to. */
export function readTitleOf(tx: Pick<Tx, 'stub'>, transfer: Pick<TransferData, 'parcelNumber'>) {
  return readVersioned<TitleData>(tx, titleRef(tx.stub, transfer.parcelNumber));
}

/** The ref of a record by kind; a title's id is a parcel number, a transfer's or encumbrance's a record id. */
function refOf(ctx: Context, kind: PropertyRecordKind, id: string): RecordRef {
  return propertyRef(ctx.stub, kind, parseWith(kind === 'title' ? parcelNumberSchema : recordIdSchema, id, 'id'));
}

/** Property:GetRecord(kind, id): one title, transfer or encumbrance. */
export const getPropertyRecord = implement(Property.tx.GetRecord, async (ctx, kind, id) => {
  const ref = refOf(ctx, kind, id);
  await requireCaller(ctx, PROPERTY_READ);
  return readVersioned<AnyRecord>(ctx, ref);
});

/** Property:History(kind, id, pageSize, bookmark): versions of one record, newest first, with tx ids. */
export const propertyHistory = implement(Property.tx.History, async (ctx, kind, id, pageSize, bookmark) => {
  const ref = refOf(ctx, kind, id);
  await requireCaller(ctx, PROPERTY_READ);
  await readVersioned(ctx, ref);
  return historyPage<AnyRecord>(ctx.stub, ref.key, pageSize, bookmark);
});

/** One page of an index of the family, resolved to its records (any member may read). */
async function listIndex<T>(ctx: Context, indexType: string, attribute: string, pageSize: number, bookmark: string, ref: (id: string) => RecordRef): Promise<Page<T>> {
  await requireCaller(ctx, PROPERTY_READ);
  return pageIndexedRecords<T>(ctx.stub, indexType, [attribute], pageSize, bookmark, ref);
}

/** Property:ListTitlesByOwner: titles a citizen currently owns. */
export const listTitlesByOwner = implement(Property.tx.ListTitlesByOwner, (ctx, owner, pageSize, bookmark) =>
  listIndex<TitleRecord>(ctx, PROPERTY_KEYS.titleByOwner, owner, pageSize, bookmark, (id) => titleRef(ctx.stub, id)));

/** Property:ListTransfers: transfers of a parcel. */
export const listTransfers = implement(Property.tx.ListTransfers, (ctx, parcel, pageSize, bookmark) =>
  listIndex<TransferRecord>(ctx, PROPERTY_KEYS.transferByParcel, parcel, pageSize, bookmark, (id) => transferRef(ctx.stub, id)));

/** Property:ListEncumbrances: encumbrances of a parcel, active or released. */
export const listEncumbrances = implement(Property.tx.ListEncumbrances, (ctx, parcel, pageSize, bookmark) =>
  listIndex<EncumbranceRecord>(ctx, PROPERTY_KEYS.encumbranceByParcel, parcel, pageSize, bookmark, (id) => encumbranceRef(ctx.stub, id)));
