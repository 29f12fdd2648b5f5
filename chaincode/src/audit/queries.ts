import type { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim';
import { requireCallerWithConfig } from '../core/access-guard';
import { parseWith } from '../core/args';
import { canonicalStringify, parseBytes } from '../core/canonical-json';
import { errors } from '../core/error-helpers';
import { KeyRange, pageByPartialKey, partialKeyRange, scanPage, simpleKeyRange } from '../core/pagination';
import { subjectKeySchema } from '../core/schema';
import { txTimeIso } from '../core/tx-time';
import { lookupRefOf, subjectSecret } from '../identity/subject-key';
import { z } from 'zod';
import { AuditEntry, BY_ACCESSOR, BY_LOOKUP, BY_ORG, BY_SUBJECT, SEALED, SealedRow, TIME_PREFIX, isGenuineEntry, isLookup, readEntry } from './records';
import { accessIdSchema, bookmarkSchema, isoDateTimeSchema, mspIdSchema, pageSizeSchema, subjectViewSchema } from './schema';
import { SealResolver } from './sealing';
import { Viewer, isVisible } from './visibility';

/** Audit queries are for auditors of any member org (the gateway calls the citizen view for citizens). */
const AUDITOR = { roles: ['auditor'], orgs: 'member' } as const;

/** A stored copy of an entry as a scan reads it: where it was found, its bytes, and the entry if it parses. */
interface Stored {
  key: string;
  bytes: Uint8Array;
  entry: AuditEntry | undefined;
}

const decodeStored = (kv: Iterators.KV): Stored => {
  let entry: AuditEntry | undefined;
  try {
    entry = parseBytes<AuditEntry>(kv.value);
  } catch {
    entry = undefined;
  }
  return { key: kv.key, bytes: kv.value, entry };
};

/** Entries of several indexes merge by time, then access id (the order within each index). */
const chronological = (a: Stored, b: Stored): number => {
  const [x, y] = [`${a.entry?.at ?? ''}|${a.entry?.accessId ?? ''}`, `${b.entry?.at ?? ''}|${b.entry?.accessId ?? ''}`];
  return x < y ? -1 : x > y ? 1 : 0;
};

interface Query {
  name: string;
  viewer: Viewer;
  sources: KeyRange[];
}

/**
 * One full page of genuine entries the viewer may see. Every audit query is filtered (copies not anchored by
 * their accessor org or planted under a foreign index key are dropped; sealed entries are dropped for viewers
 * who may not see them), so all of them use scanPage: full pages, and opaque bookmarks bound to this query,
 * view and key range that never reveal a withheld entry's key. A bookmark of another query is INVALID_ARGUMENT.
 */
async function entryPage(ctx: Context, q: Query, pageSize: string, bookmark: string) {
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const mark = parseWith(bookmarkSchema, bookmark, 'bookmark');
  const seals = new SealResolver(ctx.stub, q.viewer.config);
  const page = await scanPage<Stored>(ctx.stub, {
    // Auditor views differ per org (who sees sealed entries), the citizen view does not.
    query: q.viewer.view === 'auditor' ? `${q.name}:auditor:${q.viewer.mspId}` : `${q.name}:citizen`,
    sources: q.sources,
    decode: decodeStored,
    compare: chronological,
    keep: async (s) => !!s.entry && (await isGenuineEntry(ctx.stub, s.key, s.bytes, s.entry)) && isVisible(q.viewer, seals, s.entry),
    bookmarkKey: subjectSecret(),
  }, size, mark);
  return { records: page.records.map((s) => s.entry as AuditEntry), bookmark: page.bookmark, fetched: page.fetched, seals };
}

async function viewerOf(ctx: Context, view: Viewer['view']): Promise<Viewer> {
  const { caller, config } = await requireCallerWithConfig(ctx, AUDITOR);
  return { view, mspId: caller.mspId, config, now: txTimeIso(ctx.stub) };
}

/**
 * Entries about one subject: its accesses and its lookups (indexed under the subject's lookup pseudonym),
 * merged by time. The citizen view hides entries whose sealing order still runs and says instead how many are
 * withheld and when each is released (`withheld`); the auditor view shows sealed entries to auditors of the
 * dataset owner and of the governance org only.
 */
export async function bySubject(ctx: Context, subjectKey: string, view: string, pageSize: string, bookmark: string): Promise<string> {
  const viewer = await viewerOf(ctx, parseWith(subjectViewSchema, view, 'view'));
  const key = parseWith(subjectKeySchema, subjectKey, 'subjectKey');
  const sources = [partialKeyRange(BY_SUBJECT, [key]), partialKeyRange(BY_LOOKUP, [lookupRefOf(subjectSecret(), key)])];
  const { seals, ...page } = await entryPage(ctx, { name: 'Audit:ListBySubject', viewer, sources }, pageSize, bookmark);
  if (viewer.view === 'auditor') return canonicalStringify(page);
  return canonicalStringify({ ...page, withheld: await withheld(ctx, seals, key, viewer.now) });
}

/**
 * How many of a subject's accesses are withheld now and when each is released (null: the order cannot be
 * read, so the entry stays withheld), from the subject's sealed-access index; no content of any withheld
 * entry. Reads at most 100 rows; `complete` is false when there are more.
 */
async function withheld(ctx: Context, seals: SealResolver, subjectKey: string, now: string) {
  const rows = await pageByPartialKey(ctx.stub, SEALED, [subjectKey], 100, '', (kv) => parseBytes<SealedRow>(kv.value));
  const releases: Array<string | null> = [];
  for (const row of rows.records) {
    const entry = await readEntry(ctx.stub, row.accessId);
    if (!entry || isLookup(entry) || entry.subjectKey !== subjectKey || entry.sealingOrderId !== row.orderId) continue;
    const { releasesAt } = await seals.state(row.orderId);
    if (releasesAt === null || releasesAt > now) releases.push(releasesAt);
  }
  releases.sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  return { count: releases.length, releases, complete: rows.bookmark === '' };
}

/** Entries by one operator of one org. */
export async function byAccessor(ctx: Context, accessorMsp: string, operatorId: string, pageSize: string, bookmark: string): Promise<string> {
  const viewer = await viewerOf(ctx, 'auditor');
  const msp = parseWith(mspIdSchema, accessorMsp, 'accessorMsp');
  const op = parseWith(z.string().min(1).max(128), operatorId, 'operatorId');
  const { seals: _seals, ...page } = await entryPage(ctx, { name: 'Audit:ListByAccessor', viewer, sources: [partialKeyRange(BY_ACCESSOR, [msp, op])] }, pageSize, bookmark);
  return canonicalStringify(page);
}

/** Entries by any operator of one org. */
export async function byOrg(ctx: Context, accessorMsp: string, pageSize: string, bookmark: string): Promise<string> {
  const viewer = await viewerOf(ctx, 'auditor');
  const msp = parseWith(mspIdSchema, accessorMsp, 'accessorMsp');
  const { seals: _seals, ...page } = await entryPage(ctx, { name: 'Audit:ListByOrg', viewer, sources: [partialKeyRange(BY_ORG, [msp])] }, pageSize, bookmark);
  return canonicalStringify(page);
}

/** Entries with from <= at < to, oldest first. */
export async function byTime(ctx: Context, from: string, to: string, pageSize: string, bookmark: string): Promise<string> {
  const viewer = await viewerOf(ctx, 'auditor');
  const f = parseWith(isoDateTimeSchema, from, 'from');
  const t = parseWith(isoDateTimeSchema, to, 'to');
  if (f >= t) throw errors.invalidArgument('from must be before to', { from: f, to: t });
  const sources = [simpleKeyRange(`${TIME_PREFIX}${f}`, `${TIME_PREFIX}${t}`)];
  const { seals: _seals, ...page } = await entryPage(ctx, { name: 'Audit:ListByTime', viewer, sources }, pageSize, bookmark);
  return canonicalStringify(page);
}

/** One genuine entry by access id; RECORD_NOT_FOUND also for a sealed entry the caller may not see. */
export async function getEntry(ctx: Context, accessId: string): Promise<string> {
  const viewer = await viewerOf(ctx, 'auditor');
  const id = parseWith(accessIdSchema, accessId, 'accessId');
  const entry = await readEntry(ctx.stub, id);
  if (!entry || !(await isVisible(viewer, new SealResolver(ctx.stub, viewer.config), entry))) {
    throw errors.recordNotFound('no audit entry with this access id', { accessId: id });
  }
  return canonicalStringify(entry);
}
