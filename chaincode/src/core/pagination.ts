import type { ChaincodeStub, Iterators } from 'fabric-shim';
import { openBookmark, sealBookmark } from './bookmark';
import { parseBytes } from './canonical-json';
import { errors } from './error-helpers';

/** One page of a query: the records, the bookmark for the next page ('' when done) and how many were read. */
export interface Page<T> {
  records: T[];
  bookmark: string;
  fetched: number;
}

/**
 * The keys one query may read: the keys under a partial composite key, or simple keys in [start, end).
 * Every paginated query names its range, and its bookmark is checked against it before anything is read.
 */
export type KeyRange =
  | { kind: 'partial'; objectType: string; attributes: string[] }
  | { kind: 'range'; start: string; end: string };

/** The range of keys under a partial composite key. */
export const partialKeyRange = (objectType: string, attributes: string[]): KeyRange => ({ kind: 'partial', objectType, attributes });
/** The range of simple keys start <= key < end. */
export const simpleKeyRange = (start: string, end: string): KeyRange => ({ kind: 'range', start, end });

/** Validates a page size: integer 1..100, so no query is unbounded. */
export function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw errors.invalidArgument('pageSize must be an integer 1..100', { pageSize });
  }
  return pageSize;
}

/** Drains an iterator into decoded values and always closes it. */
export async function drain<T>(iterator: Iterators.StateQueryIterator, decode: (kv: Iterators.KV) => T): Promise<T[]> {
  const out: T[] = [];
  try {
    for (let res = await iterator.next(); !res.done || res.value; res = await iterator.next()) {
      if (res.value) out.push(decode(res.value));
      if (res.done) break;
    }
  } finally {
    await iterator.close();
  }
  return out;
}

/** Decodes a KV's value as JSON. */
export const jsonValue = <T>(kv: Iterators.KV): T => parseBytes<T>(kv.value);

/** True when `key` lies inside the range (a partial composite key: starts with its prefix). */
function inRange(stub: Pick<ChaincodeStub, 'createCompositeKey'>, range: KeyRange, key: string): boolean {
  if (range.kind === 'range') return key >= range.start && key < range.end;
  return key.startsWith(stub.createCompositeKey(range.objectType, range.attributes));
}

/**
 * Refuses a bookmark that does not lie inside the query's own range, before anything is read. The peer uses
 * a client's bookmark as the start key of the scan and only the end key bounds it, so a crafted bookmark
 * below the range would read other keys (for example another citizen's entries). '' is the first page.
 */
export function checkBookmark(stub: Pick<ChaincodeStub, 'createCompositeKey'>, range: KeyRange, bookmark: string): void {
  if (bookmark !== '' && !inRange(stub, range, bookmark)) throw foreignBookmark();
}

function foreignBookmark() {
  return errors.invalidArgument('bookmark does not belong to this query: pass the bookmark the previous page of the same query returned, or \'\' for the first page', { argument: 'bookmark' });
}

interface Fetched {
  kvs: Iterators.KV[];
  /** The peer's bookmark: the first key after this page, '' when the range is exhausted. */
  next: string;
}

/** One page of raw KVs of a range starting at `cursor` (the cursor must already be checked). */
async function fetchRange(stub: ChaincodeStub, range: KeyRange, size: number, cursor: string): Promise<Fetched> {
  const { iterator, metadata } = range.kind === 'partial'
    ? await stub.getStateByPartialCompositeKeyWithPagination(range.objectType, range.attributes, size, cursor)
    : await stub.getStateByRangeWithPagination(range.start, range.end, size, cursor);
  const kvs = await drain(iterator, (kv) => kv);
  // The peer omits the metadata of an empty page.
  return { kvs, next: metadata?.bookmark ?? '' };
}

/**
 * One page of a key range. The bookmark is the peer's (the first key of the next page) and must lie inside
 * the range: INVALID_ARGUMENT otherwise, with nothing read. Evaluate (read-only) transactions only: Fabric
 * refuses writes after a paginated query.
 */
export async function pageOfRange<T>(
  stub: ChaincodeStub, range: KeyRange, pageSize: number, bookmark: string, decode: (kv: Iterators.KV) => T = jsonValue,
): Promise<Page<T>> {
  const size = checkPageSize(pageSize);
  checkBookmark(stub, range, bookmark);
  const { kvs, next } = await fetchRange(stub, range, size, bookmark);
  return { records: kvs.map(decode), bookmark: next, fetched: kvs.length };
}

/** One page of records under a partial composite key (bookmark checked against that key). */
export function pageByPartialKey<T>(
  stub: ChaincodeStub, objectType: string, attributes: string[], pageSize: number, bookmark: string,
  decode: (kv: Iterators.KV) => T = jsonValue,
): Promise<Page<T>> {
  return pageOfRange(stub, partialKeyRange(objectType, attributes), pageSize, bookmark, decode);
}

/**
 * One page of records over a range of simple (non-composite) keys [startKey, endKey). The shim refuses
 * range queries whose keys are composite, so time indexes use simple keys.
 */
export function pageByRange<T>(
  stub: ChaincodeStub, startKey: string, endKey: string, pageSize: number, bookmark: string,
  decode: (kv: Iterators.KV) => T = jsonValue,
): Promise<Page<T>> {
  return pageOfRange(stub, simpleKeyRange(startKey, endKey), pageSize, bookmark, decode);
}

/** Most records one scanPage call reads (returned or skipped), so a filtered query stays bounded. */
export const MAX_SCAN = 1000;

/** A filtered and/or merged scan over one or more key ranges. */
export interface ScanSpec<T> {
  /** Names the query and its view (e.g. 'Audit:ListBySubject:citizen'); a bookmark only opens for the same query. */
  query: string;
  /** The ranges, each read in key order. */
  sources: KeyRange[];
  decode: (kv: Iterators.KV) => T;
  /** Order across sources (each source is already in key order); required with more than one source. */
  compare?: (a: T, b: T) => number;
  /** Whether a record is returned; records not kept still advance the bookmark and are never revealed by it. */
  keep?: (record: T) => boolean | Promise<boolean>;
  /** Key of the opaque bookmarks (a deployment secret shared by the departments' chaincode servers). */
  bookmarkKey: Uint8Array;
}

/** A page of a scan: `skipped` counts the records read but not kept. */
export interface ScanPage<T> extends Page<T> {
  skipped: number;
}

interface SourceState {
  range: KeyRange;
  /** Inclusive start key of what is left; null when exhausted. */
  cursor: string | null;
  items: Array<{ key: string; record: unknown }>;
  at: number;
  next: string;
}

/**
 * One full page of a filtered and/or merged query: keeps reading until pageSize records are kept, every
 * source is exhausted, or MAX_SCAN records were read. The bookmark is opaque and authenticated (AES-256-GCM,
 * bound to `query` and the ranges): a filtered view never reveals, through its bookmark, the key of a record it
 * withheld, and any other bookmark is INVALID_ARGUMENT with nothing read. Evaluate transactions only.
 */
export async function scanPage<T>(stub: ChaincodeStub, spec: ScanSpec<T>, pageSize: number, bookmark: string): Promise<ScanPage<T>> {
  const size = checkPageSize(pageSize);
  if (spec.sources.length > 1 && !spec.compare) throw new TypeError('scanPage: compare is required to merge several sources');
  const binding = JSON.stringify({ q: spec.query, s: spec.sources.map((r) => (r.kind === 'range' ? [r.start, r.end] : [r.objectType, ...r.attributes])) });
  const cursors = bookmark === '' ? spec.sources.map(() => '') : openBookmark(spec.bookmarkKey, binding, bookmark, spec.sources.length);
  const states: SourceState[] = spec.sources.map((range, i) => {
    const cursor = cursors[i] ?? null;
    if (cursor !== null && cursor !== '' && !inRange(stub, range, cursor)) throw foreignBookmark();
    return { range, cursor, items: [], at: 0, next: '' };
  });
  const records: T[] = [];
  let read = 0;
  while (records.length < size && read < MAX_SCAN && states.some((s) => s.cursor !== null)) {
    const want = Math.min(100, size - records.length + 10);
    for (const s of states) {
      if (s.cursor === null) continue;
      const page = await fetchRange(stub, s.range, want, s.cursor);
      s.items = page.kvs.map((kv) => ({ key: kv.key, record: spec.decode(kv) }));
      s.at = 0;
      s.next = page.next;
      if (s.items.length === 0) s.cursor = null;
    }
    for (;;) {
      const live = states.filter((s) => s.cursor !== null);
      // A live source without a buffered head must be fetched again before the merge can go on.
      if (live.length === 0 || live.some((s) => s.at >= s.items.length)) break;
      let pick = live[0] as SourceState;
      for (const s of live.slice(1)) {
        if ((spec.compare as (a: T, b: T) => number)(s.items[s.at]?.record as T, pick.items[pick.at]?.record as T) < 0) pick = s;
      }
      const record = pick.items[pick.at]?.record as T;
      pick.at += 1;
      pick.cursor = pick.at < pick.items.length ? (pick.items[pick.at]?.key as string) : pick.next === '' ? null : pick.next;
      read += 1;
      if (!spec.keep || (await spec.keep(record))) records.push(record);
      if (records.length >= size || read >= MAX_SCAN) break;
    }
  }
  const left = states.map((s) => s.cursor);
  const next = left.every((c) => c === null) ? '' : sealBookmark(spec.bookmarkKey, binding, left);
  return { records, bookmark: next, fetched: records.length, skipped: read - records.length };
}
