import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseWith } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { historyPage } from '../core/history';
import { RECORD_READER_ROLES, bookmarkSchema, pageSizeSchema, subjectKeySchema } from '../core/schema';
import { readVersioned } from '../core/versioned';
import { identityRef } from './records';

/** Public identity records hold no personal data: any identified operator of a member org may read them. */
const anyOperator = { roles: RECORD_READER_ROLES, orgs: 'member' } as const;

/** Identity:Get: the public record (status may be 'erased'; personal data reads then fail with ERASED). */
export async function getIdentity(ctx: Context, subjectKey: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  const ref = identityRef(ctx.stub, parseWith(subjectKeySchema, subjectKey, 'subjectKey'));
  return canonicalStringify(await readVersioned(ctx, ref));
}

/** Identity:History: versions of the public record, newest first. */
export async function identityHistory(ctx: Context, subjectKey: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, anyOperator);
  const ref = identityRef(ctx.stub, parseWith(subjectKeySchema, subjectKey, 'subjectKey'));
  await readVersioned(ctx, ref);
  const page = await historyPage(ctx.stub, ref.key, parseWith(pageSizeSchema, pageSize, 'pageSize'), parseWith(bookmarkSchema, bookmark, 'bookmark'));
  return canonicalStringify(page);
}
