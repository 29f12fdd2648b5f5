import type { Context } from 'fabric-contract-api';
import type { Iterators } from 'fabric-shim';
import { Audit } from '../api/audit';
import {
  type KeyRange, errors, implement, pageByPartialKey, parseBytes, partialKeyRange, readGovernanceConfig, requireCaller,
  requireCallerWithConfig, scanPage, simpleKeyRange, txTimeIso,
} from '../core';
import { lookupRefOf, subjectSecret } from '../identity/subject-key';
import { AUDITOR } from './access';
import { isGenuineEntry, readEntry } from './entries';
import { AUDIT_KEYS, type AuditEntry, type SealedRow, TIME_PREFIX, isLookup } from './records';
import { type Viewer, isVisible } from './rules';
import { SealResolver, readOrder, sealState } from './sealing';

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
async function entryPage(ctx: Context, q: Query, size: number, mark: string) {
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
  return { page: { records: page.records.map((s) => s.entry as AuditEntry), bookmark: page.bookmark, fetched: page.fetched }, seals };
}

async function viewerOf(ctx: Context, view: Viewer['view']): Promise<Viewer> {
  const { caller, config } = await requireCallerWithConfig(ctx, AUDITOR);
  return { view, mspId: caller.mspId, config, now: txTimeIso(ctx.stub) };
}

/**
 * Audit:ListBySubject: entries about one subject, its accesses and its lookups (indexed under the subject's
 * lookup pseudonym), merged by time. The citizen view hides entries whose sealing order still runs and says
 * instead how many are withheld and when each is released (`withheld`); the auditor view shows sealed entries
 * to auditors of the dataset owner and of the governance org only.
 */
export const bySubject = implement(Audit.tx.ListBySubject, async (ctx, subjectKey, view, pageSize, bookmark) => {
  const viewer = await viewerOf(ctx, view);
  const sources = [partialKeyRange(AUDIT_KEYS.bySubject, [subjectKey]), partialKeyRange(AUDIT_KEYS.byLookup, [lookupRefOf(subjectSecret(), subjectKey)])];
  const { page, seals } = await entryPage(ctx, { name: 'Audit:ListBySubject', viewer, sources }, pageSize, bookmark);
  if (viewer.view === 'auditor') return page;
  return { ...page, withheld: await withheld(ctx, seals, subjectKey, viewer.now) };
});

/**
 * How many of a subject's accesses are withheld now and when each is released (null: the order cannot be
 * read, so the entry stays withheld), from the subject's sealed-access index; no content of any withheld
 * entry. Reads at most 100 rows; `complete` is false when there are more.
 */
async function withheld(ctx: Context, seals: SealResolver, subjectKey: string, now: string) {
  const rows = await pageByPartialKey(ctx.stub, AUDIT_KEYS.sealed, [subjectKey], 100, '', (kv) => parseBytes<SealedRow>(kv.value));
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

/** Audit:ListByAccessor: entries by one operator of one org. */
export const byAccessor = implement(Audit.tx.ListByAccessor, async (ctx, accessorMsp, operatorId, pageSize, bookmark) => {
  const viewer = await viewerOf(ctx, 'auditor');
  return (await entryPage(ctx, { name: 'Audit:ListByAccessor', viewer, sources: [partialKeyRange(AUDIT_KEYS.byAccessor, [accessorMsp, operatorId])] }, pageSize, bookmark)).page;
});

/** Audit:ListByOrg: entries by any operator of one org. */
export const byOrg = implement(Audit.tx.ListByOrg, async (ctx, accessorMsp, pageSize, bookmark) => {
  const viewer = await viewerOf(ctx, 'auditor');
  return (await entryPage(ctx, { name: 'Audit:ListByOrg', viewer, sources: [partialKeyRange(AUDIT_KEYS.byOrg, [accessorMsp])] }, pageSize, bookmark)).page;
});

/** Audit:ListByTime: entries with from <= at < to, oldest first. */
export const byTime = implement(Audit.tx.ListByTime, async (ctx, from, to, pageSize, bookmark) => {
  const viewer = await viewerOf(ctx, 'auditor');
  if (from >= to) throw errors.invalidArgument('from must be before to', { from, to });
  const sources = [simpleKeyRange(`${TIME_PREFIX}${from}`, `${TIME_PREFIX}${to}`)];
  return (await entryPage(ctx, { name: 'Audit:ListByTime', viewer, sources }, pageSize, bookmark)).page;
});

/** Audit:Get: one genuine entry by access id; RECORD_NOT_FOUND also for a sealed entry the caller may not see. */
export const getEntry = implement(Audit.tx.Get, async (ctx, accessId) => {
  const viewer = await viewerOf(ctx, 'auditor');
  const entry = await readEntry(ctx.stub, accessId);
  if (!entry || !(await isVisible(viewer, new SealResolver(ctx.stub, viewer.config), entry))) {
    throw errors.recordNotFound('no audit entry with this access id', { accessId });
  }
  return entry;
});

/**
 * Audit:GetSealingOrder: an order and where its chain stands. For investigators of the issuing org and
 * auditors of the issuing org and of the governance org; RECORD_NOT_FOUND for everyone else, so an order's
 * existence is not revealed.
 */
export const getSealingOrder = implement(Audit.tx.GetSealingOrder, async (ctx, id) => {
  const { caller } = await requireCaller(ctx, { roles: ['investigator', 'auditor'], orgs: 'member' });
  const config = await readGovernanceConfig(ctx.stub);
  const order = await readOrder(ctx.stub, config, id);
  const mayRead = !!order && (caller.mspId === order.issuerMsp || (caller.role === 'auditor' && caller.mspId === config.governanceMsp));
  if (!order || !mayRead) throw errors.recordNotFound('no sealing order with this id', { sealingOrderId: id });
  const state = await sealState(ctx.stub, config, id);
  const now = txTimeIso(ctx.stub);
  const status = state.releasesAt !== null && state.releasesAt <= now ? 'released' : state.current?.orderId !== id ? 'extended' : 'sealing';
  return { order, status, releasesAt: state.releasesAt, currentOrderId: state.current?.orderId ?? id } as const;
});
