/**
 * Time-windowed scans of the audit indexes with a read budget. Every index key of an entry carries its time
 * (`at`), so a scan seeks to the window's first second and stops after its last one: its cost is the entries inside
 * the window plus at most one short page, whatever the ledger's size.
 *
 * Seeking relies on LevelDB's pagination, where a bookmark is the ledger key to start from (Fabric's
 * HandleGetStateByRange uses `metadata.Bookmark` as the start key); the chaincode only ever starts inside the window
 * it scans. Clients never see those keys: where a scan stopped is sealed into an opaque, authenticated bookmark
 * bound to the query, the caller's view and the windows (core/bookmark.ts), so a bookmark never reveals the key of
 * an entry the caller may not see, and any other bookmark is INVALID_ARGUMENT with nothing read.
 */
import type { ChaincodeStub, Iterators } from 'fabric-shim';
import { errors, openBookmark, parseBytes, sealBookmark } from '../core';
import { subjectSecret } from '../identity/subject-key';
import { AUDIT_KEYS, type AuditEntry, TIME_PREFIX } from './records';

/** The part of an ISO time that every stored form shares (`YYYY-MM-DDTHH:MM:SS`): keys sort by it. */
const SECOND = 19;
/** Sorts after every character an ISO time continues with ('.' or 'Z') and before any key separator's successor. */
const PAST_SECOND = '\x7f';
const MAX_RUNE = '\u{10FFFF}';

/** One key range of one audit index, limited to a time window. */
export interface IndexWindow {
  /** The index the window is on, for the cost report. */
  index: 'subject' | 'lookup' | 'accessor' | 'org' | 'time';
  /** The first key inside the window. */
  first: string;
  /** Keys at or after this are past the window. */
  end: string;
  /** Millisecond bounds of the window: from <= at < to. */
  fromMs: number;
  toMs: number;
  read(stub: ChaincodeStub, start: string, size: number): Promise<{ kvs: Iterators.KV[]; next: string }>;
}

/** The window of a composite index (`<type>\0<attrs...>\0<at>\0<accessId>\0`). */
function compositeWindow(stub: ChaincodeStub, index: IndexWindow['index'], type: string, attrs: string[], from?: string, to?: string): IndexWindow {
  const prefix = stub.createCompositeKey(type, attrs);
  return {
    index,
    first: from ? prefix + from.slice(0, SECOND) : prefix,
    end: to ? prefix + to.slice(0, SECOND) + PAST_SECOND : prefix + MAX_RUNE,
    fromMs: from ? Date.parse(from) : -Infinity,
    toMs: to ? Date.parse(to) : Infinity,
    read: async (s, start, size) => {
      const { iterator, metadata } = await s.getStateByPartialCompositeKeyWithPagination(type, attrs, size, start);
      return { kvs: await drainKvs(iterator), next: metadata?.bookmark ?? '' };
    },
  };
}

/** Accesses about one subject. */
export const subjectWindow = (stub: ChaincodeStub, subject: string, from?: string, to?: string) => compositeWindow(stub, 'subject', AUDIT_KEYS.bySubject, [subject], from, to);
/** Lookups (verify, subject key) about one subject, by its pseudonym (identity/subject-key lookupRefOf). */
export const lookupWindow = (stub: ChaincodeStub, subjectRef: string, from?: string, to?: string) => compositeWindow(stub, 'lookup', AUDIT_KEYS.byLookup, [subjectRef], from, to);
/** Entries by one operator of one org. */
export const accessorWindow = (stub: ChaincodeStub, msp: string, operator: string, from?: string, to?: string) =>
  compositeWindow(stub, 'accessor', AUDIT_KEYS.byAccessor, [msp, operator], from, to);
/** Entries by any operator of one org. */
export const orgWindow = (stub: ChaincodeStub, msp: string, from?: string, to?: string) => compositeWindow(stub, 'org', AUDIT_KEYS.byOrg, [msp], from, to);

/** All entries in time order (simple keys `audit.time|<at>|<accessId>`). */
export function timeWindow(from?: string, to?: string): IndexWindow {
  const end = to ? TIME_PREFIX + to.slice(0, SECOND) + PAST_SECOND : TIME_PREFIX + PAST_SECOND;
  return {
    index: 'time',
    first: TIME_PREFIX + (from ? from.slice(0, SECOND) : ''),
    end,
    fromMs: from ? Date.parse(from) : -Infinity,
    toMs: to ? Date.parse(to) : Infinity,
    read: async (s, start, size) => {
      const { iterator, metadata } = await s.getStateByRangeWithPagination(TIME_PREFIX, end, size, start);
      return { kvs: await drainKvs(iterator), next: metadata?.bookmark ?? '' };
    },
  };
}

async function drainKvs(iterator: Iterators.StateQueryIterator): Promise<Iterators.KV[]> {
  const out: Iterators.KV[] = [];
  try {
    for (let res = await iterator.next(); !res.done || res.value; res = await iterator.next()) {
      if (res.value) out.push({ key: res.value.key, value: res.value.value } as Iterators.KV);
      if (res.done) break;
    }
  } finally {
    await iterator.close();
  }
  return out;
}

/** Where a scan over several windows (scanned one after the other) stands. */
export interface Position {
  part: number;
  key: string;
}

const binding = (query: string, parts: readonly IndexWindow[]) => JSON.stringify({ q: query, w: parts.map((w) => [w.first, w.end]) });

/** Seals a position into an opaque bookmark for `query` over `parts` ('' when the scan is done). */
export function sealPosition(query: string, parts: readonly IndexWindow[], pos: Position | null): string {
  return pos ? sealBookmark(subjectSecret(), binding(query, parts), [String(pos.part), pos.key]) : '';
}

/** Opens a bookmark sealed by sealPosition for the same query and windows ('' is the start), or INVALID_ARGUMENT. */
export function openPosition(query: string, parts: readonly IndexWindow[], bookmark: string): Position {
  if (!bookmark) return { part: 0, key: parts[0]?.first ?? '' };
  const [part, key] = openBookmark(subjectSecret(), binding(query, parts), bookmark, 2);
  const w = parts[Number(part)];
  if (!w || typeof key !== 'string' || key < w.first || key >= w.end) throw errors.invalidArgument('bookmark does not belong to this query', { argument: 'bookmark' });
  return { part: Number(part), key };
}

/** A stored copy as the scan read it: the key it sits under and its bytes (to check it is genuine). */
export interface StoredCopy {
  key: string;
  bytes: Uint8Array;
}

/** What a scan cost. */
export interface ScanCost {
  read: number;
  pages: number;
}

/** Page sizes of a scan: a short first page (most windows hold few entries), then full pages. */
const pageSizeFor = (pageNo: number, left: number) => Math.max(1, Math.min(pageNo === 0 ? 25 : 100, left));

/**
 * Reads entries of a window from `start`, oldest first, passing each one inside the time bounds to `take`, until
 * the window ends, `budget` entries were read, or `take` returns false (its entry counted as consumed: the scan
 * continues after it). A copy that does not parse is counted as read and skipped. Returns the key to continue from.
 */
export async function scanWindow(
  stub: ChaincodeStub, w: IndexWindow, start: string, budget: number, take: (e: AuditEntry, copy: StoredCopy) => boolean | Promise<boolean>,
): Promise<ScanCost & { next: string }> {
  let key = start;
  let read = 0;
  let pages = 0;
  while (read < budget) {
    const { kvs, next } = await w.read(stub, key, pageSizeFor(pages, budget - read));
    pages++;
    for (const [i, kv] of kvs.entries()) {
      if (kv.key >= w.end) return { next: '', read, pages };
      read++;
      let e: AuditEntry | undefined;
      try {
        e = parseBytes<AuditEntry>(kv.value);
      } catch {
        e = undefined;
      }
      const at = e ? Date.parse(e.at) : Number.NaN;
      if (e && at >= w.fromMs && at < w.toMs && !(await take(e, { key: kv.key, bytes: kv.value }))) {
        return { next: kvs[i + 1]?.key ?? (next && next < w.end ? next : ''), read, pages };
      }
    }
    if (!next || next >= w.end) return { next: '', read, pages };
    key = next;
  }
  return { next: key, read, pages };
}

/**
 * Scans several windows one after the other from `from`, with one read budget. `full()` (a page is full) stops the
 * scan between entries and between windows. Returns where to continue, or null when every window is done.
 */
export async function scanParts(
  stub: ChaincodeStub, parts: readonly IndexWindow[], from: Position, budget: number,
  take: (e: AuditEntry, copy: StoredCopy, part: number) => boolean | Promise<boolean>, full: () => boolean = () => false,
): Promise<ScanCost & { next: Position | null }> {
  let read = 0;
  let pages = 0;
  for (let p = from.part; p < parts.length; p++) {
    const w = parts[p] as IndexWindow;
    if (p > from.part && (full() || read >= budget)) return { next: { part: p, key: w.first }, read, pages };
    const r = await scanWindow(stub, w, p === from.part ? from.key : w.first, budget - read, (e, c) => take(e, c, p));
    read += r.read;
    pages += r.pages;
    if (r.next) return { next: { part: p, key: r.next }, read, pages };
  }
  return { next: null, read, pages };
}
