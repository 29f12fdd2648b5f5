import { Business } from '../api/business';
import { historyPage, implement, pageIndexedRecords, readVersioned, requireCaller } from '../core';
import { BUSINESS_READ } from './access';
import { BUSINESS_KEYS, type BusinessRecord, businessRef } from './records';

/** Business:Get(code): the current version of a business. */
export const getBusiness = implement(Business.tx.Get, async (ctx, code) => {
  const ref = businessRef(ctx.stub, code);
  await requireCaller(ctx, BUSINESS_READ);
  return readVersioned<BusinessRecord>(ctx, ref);
});

/** Business:ListByLegalRepresentative: businesses a person represents. */
export const listByLegalRepresentative = implement(Business.tx.ListByLegalRepresentative, async (ctx, rep, pageSize, bookmark) => {
  await requireCaller(ctx, BUSINESS_READ);
  return pageIndexedRecords<BusinessRecord>(ctx.stub, BUSINESS_KEYS.byLegalRepresentative, [rep], pageSize, bookmark, (code) => businessRef(ctx.stub, code));
});

/** Business:History(code, pageSize, bookmark): versions newest first, with tx ids and timestamps. */
export const businessHistory = implement(Business.tx.History, async (ctx, code, pageSize, bookmark) => {
  const ref = businessRef(ctx.stub, code);
  await requireCaller(ctx, BUSINESS_READ);
  await readVersioned(ctx, ref);
  return historyPage<BusinessRecord>(ctx.stub, ref.key, pageSize, bookmark);
});
