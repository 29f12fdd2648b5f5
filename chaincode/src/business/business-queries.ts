import type { Context } from 'fabric-contract-api';
import {
  RECORD_READER_ROLES, bookmarkSchema, canonicalStringify, historyPage, pageSizeSchema, parseWith, readVersioned, requireCaller, subjectKeySchema,
} from '../core';
import { pageIndexedRecords } from '../property/indexed-page';
import { BUSINESS_KEYS, businessRef } from './business-records';
import { usccSchema } from './schema';

/** Reads: any role of any member department; the register is public data. */
const READ = { roles: RECORD_READER_ROLES, orgs: 'member' } as const;

/** Business:Get(code) — the current version of a business. */
export async function getBusiness(ctx: Context, code: string): Promise<string> {
  const ref = businessRef(ctx.stub, parseWith(usccSchema, code, 'code'));
  await requireCaller(ctx, READ);
  return canonicalStringify(await readVersioned(ctx, ref));
}

/** Business:ListByLegalRepresentative(subjectKey, pageSize, bookmark) — businesses a person represents. */
export async function listByLegalRepresentative(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
  const rep = parseWith(subjectKeySchema, subjectKey, 'subjectKey');
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, READ);
  const page = await pageIndexedRecords(ctx.stub, BUSINESS_KEYS.byLegalRepresentative, [rep], size, mark, (code) => businessRef(ctx.stub, code));
  return canonicalStringify(page);
}

/** Business:History(code, pageSize, bookmark) — versions newest first, with tx ids and timestamps. */
export async function businessHistory(ctx: Context, code: string, pageSize: string, bookmark: string): Promise<string> {
  const ref = businessRef(ctx.stub, parseWith(usccSchema, code, 'code'));
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  await requireCaller(ctx, READ);
  await readVersioned(ctx, ref);
  return canonicalStringify(await historyPage(ctx.stub, ref.key, size, mark));
}
