import type { ChaincodeStub, Iterators } from 'fabric-shim';
import { parseBytes } from './canonical-json';
import { errors } from './error-helpers';

/** One page of a query: the records, the bookmark for the next page ('' when done) and how many were read. */
export interface Page<T> {
  records: T[];
  bookmark: string;
  fetched: number;
}

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

/**
 * One page of records under a partial composite key. Paginated queries are allowed in evaluate
 * (read-only) transactions only: Fabric refuses writes after a paginated query.
 */
export async function pageByPartialKey<T>(
  stub: ChaincodeStub, objectType: string, attributes: string[], pageSize: number, bookmark: string,
  decode: (kv: Iterators.KV) => T = jsonValue,
): Promise<Page<T>> {
  const { iterator, metadata } = await stub.getStateByPartialCompositeKeyWithPagination(objectType, attributes, checkPageSize(pageSize), bookmark);
  const records = await drain(iterator, decode);
  // The peer omits the metadata of an empty page.
  return { records, bookmark: metadata?.bookmark ?? '', fetched: metadata?.fetchedRecordsCount ?? records.length };
}

/**
 * One page of records over a range of simple (non-composite) keys [startKey, endKey). The shim refuses
 * range queries whose keys are composite, so time indexes use simple keys.
 */
export async function pageByRange<T>(
  stub: ChaincodeStub, startKey: string, endKey: string, pageSize: number, bookmark: string,
  decode: (kv: Iterators.KV) => T = jsonValue,
): Promise<Page<T>> {
  const { iterator, metadata } = await stub.getStateByRangeWithPagination(startKey, endKey, checkPageSize(pageSize), bookmark);
  const records = await drain(iterator, decode);
  // The peer omits the metadata of an empty page.
  return { records, bookmark: metadata?.bookmark ?? '', fetched: metadata?.fetchedRecordsCount ?? records.length };
}
