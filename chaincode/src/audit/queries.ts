import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseWith } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { Page, pageByPartialKey, pageByRange } from '../core/pagination';
import { subjectKeySchema } from '../core/schema';
import { txTimeIso } from '../core/tx-time';
import { z } from 'zod';
import { AccessEntry, BY_ACCESSOR, BY_ORG, BY_SUBJECT, TIME_PREFIX, readEntry } from './records';
import { accessIdSchema, bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema, subjectViewSchema } from './schema';

/** Audit queries are for auditors of any member org (the gateway calls the citizen view for citizens). */
const AUDITOR = { roles: ['auditor'], orgs: 'member' } as const;

function paging(pageSize: string, bookmark: string) {
  return { size: parseWith(pageSizeSchema, pageSize, 'pageSize'), bookmark: parseWith(bookmarkSchema, bookmark, 'bookmark') };
}

const reply = (page: Page<AccessEntry>) => canonicalStringify(page);

/** Entries about one subject. The citizen view drops entries sealed until after this proposal's time. */
export async function bySubject(ctx: Context, subjectKey: string, view: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, AUDITOR);
  const key = parseWith(subjectKeySchema, subjectKey, 'subjectKey');
  const v = parseWith(subjectViewSchema, view, 'view');
  const p = paging(pageSize, bookmark);
  const page = await pageByPartialKey<AccessEntry>(ctx.stub, BY_SUBJECT, [key], p.size, p.bookmark);
  if (v === 'auditor') return reply(page);
  const now = txTimeIso(ctx.stub);
  return reply({ ...page, records: page.records.filter((e) => !e.sealedUntil || e.sealedUntil <= now) });
}

/** Entries by one operator of one org. */
export async function byAccessor(ctx: Context, accessorMsp: string, operatorId: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, AUDITOR);
  const msp = parseWith(mspIdSchema, accessorMsp, 'accessorMsp');
  const op = parseWith(z.string().min(1).max(128), operatorId, 'operatorId');
  const p = paging(pageSize, bookmark);
  return reply(await pageByPartialKey<AccessEntry>(ctx.stub, BY_ACCESSOR, [msp, op], p.size, p.bookmark));
}

/** Entries by any operator of one org. */
export async function byOrg(ctx: Context, accessorMsp: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, AUDITOR);
  const msp = parseWith(mspIdSchema, accessorMsp, 'accessorMsp');
  const p = paging(pageSize, bookmark);
  return reply(await pageByPartialKey<AccessEntry>(ctx.stub, BY_ORG, [msp], p.size, p.bookmark));
}

/** Entries with from <= at < to, oldest first. */
export async function byTime(ctx: Context, from: string, to: string, pageSize: string, bookmark: string): Promise<string> {
  await requireCaller(ctx, AUDITOR);
  const f = parseWith(isoDateTimeSchema, from, 'from');
  const t = parseWith(isoDateTimeSchema, to, 'to');
  if (f >= t) throw errors.invalidArgument('from must be before to', { from: f, to: t });
  const p = paging(pageSize, bookmark);
  return reply(await pageByRange<AccessEntry>(ctx.stub, `${TIME_PREFIX}${f}`, `${TIME_PREFIX}${t}`, p.size, p.bookmark));
}

/** One entry by access id. */
export async function getEntry(ctx: Context, accessId: string): Promise<string> {
  await requireCaller(ctx, AUDITOR);
  const id = parseWith(accessIdSchema, accessId, 'accessId');
  const entry = await readEntry(ctx.stub, id);
  if (!entry) throw errors.recordNotFound('no audit entry with this access id', { accessId: id });
  return canonicalStringify(entry);
}
