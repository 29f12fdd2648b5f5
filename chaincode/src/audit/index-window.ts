/**
 * Time-windowed scans of the audit indexes with a read budget. Every index key of an entry carries its time
 * (`at`), so a scan seeks to the window's first second and stops at its last one: its cost is the entries inside
 * the window plus at most one short page, whatever the ledger's size.
 *
 * Seeking relies on LevelDB's pagination, where a bookmark is the ledger key to start from (Fabric's
 * HandleGetStateByRange uses `metadata.Bookmark` as the start key). Bookmarks given back to clients are
 * base64url of such a key, and a client's bookmark is accepted only when it lies inside the window it is for.
 */
import type { ChaincodeStub, Iterators } from 'fabric-shim';
import { errors } from '../core/error-helpers';
import { AccessEntry, BY_ACCESSOR, BY_ORG, BY_SUBJECT, TIME_PREFIX } from './records';
import { parseBytes } from '../core/canonical-json';

/** The part of an ISO time that every stored form shares (`YYYY-MM-DDTHH:MM:SS`): keys sort by it. */
const SECOND = 19;
/** Sorts after every character an ISO time continues with ('.' or 'Z') and before any key separator's successor. */
const PAST_SECOND = '\x7f';
const MAX_RUNE = '\u{10FFFF}';

/** One key range of one audit index, limited to a time window. */
export interface IndexWindow {
  /** The index the window is on, for the cost report. */
  index: 'subject' | 'accessor' | 'org' | 'time';
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

/** Entries about one subject. */
export const subjectWindow = (stub: ChaincodeStub, subject: string, from?: string, to?: string) => compositeWindow(stub, 'subject', BY_SUBJECT, [subject], from, to);
/** Entries by one operator of one org. */
export const accessorWindow = (stub: ChaincodeStub, msp: string, operator: string, from?: string, to?: string) =>
  compositeWindow(stub, 'accessor', BY_ACCESSOR, [msp, operator], from, to);
/** Entries by any operator of one org. */
export const orgWindow = (stub: ChaincodeStub, msp: string, from?: string, to?: string) => compositeWindow(stub, 'org', BY_ORG, [msp], from, to);

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

/** base64url of a ledger key, as clients see bookmarks. */
export const encodeBookmark = (key: string): string => (key ? Buffer.from(key, 'utf8').toString('base64url') : '');

/**
 * The ledger key of a client's bookmark, or the window's first key for ''. A bookmark outside the window, or one
 * that is not the base64url of a key made of the characters audit keys use, is refused with nothing read.
 */
export function startKey(w: IndexWindow, bookmark: string, argument = 'bookmark'): string {
  if (!bookmark) return w.first;
  const key = Buffer.from(bookmark, 'base64url').toString('utf8');
  // Audit keys are ASCII (hex, ids, ISO times) plus the \0 separator: then string order equals the ledger's byte order.
  const ascii = [...key].every((c) => c.charCodeAt(0) <= 0x7e);
  if (!ascii || encodeBookmark(key) !== bookmark || key < w.first || key >= w.end) {
    throw errors.invalidArgument(`${argument} does not belong to this query`, { argument });
  }
  return key;
}

/** What a budgeted scan found and what it cost. */
export interface ScanResult<T> {
  records: T[];
  /** Where to continue ('' when the window is exhausted). */
  next: string;
  /** Index entries read and range-query pages issued. */
  read: number;
  pages: number;
}

/** Page sizes of a scan: a short first page (most windows hold few entries), then full pages. */
const pageSizeFor = (pageNo: number, left: number) => Math.max(1, Math.min(pageNo === 0 ? 25 : 100, left));

/**
 * Reads entries of a window from `start`, oldest first, passing each one inside the time bounds to `take`, until
 * the window ends, `budget` entries were read, or `take` returns false (its entry counted as consumed: the scan
 * continues after it). Returns the ledger key to continue from.
 */
export async function scanWindow(
  stub: ChaincodeStub, w: IndexWindow, start: string, budget: number, take: (e: AccessEntry) => boolean | Promise<boolean>,
): Promise<Omit<ScanResult<never>, 'records'>> {
  let key = start;
  let read = 0;
  let pages = 0;
  while (read < budget) {
    const { kvs, next } = await w.read(stub, key, pageSizeFor(pages, budget - read));
    pages++;
    for (const [i, kv] of kvs.entries()) {
      if (kv.key >= w.end) return { next: '', read, pages };
      read++;
      const e = parseBytes<AccessEntry>(kv.value);
      const at = Date.parse(e.at);
      if (at >= w.fromMs && at < w.toMs && !(await take(e))) {
        return { next: kvs[i + 1]?.key ?? (next && next < w.end ? next : ''), read, pages };
      }
    }
    if (!next || next >= w.end) return { next: '', read, pages };
    key = next;
  }
  return { next: key, read, pages };
}
