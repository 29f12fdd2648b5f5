/**
 * Secondary indexes over composite keys: an index entry `<indexType>\0<attr...>\0<id>\0` holds the id of
 * the record it points to, and a page of the index is resolved to the records themselves.
 *
 * Core candidate: property, business and copyright all use this; it lives here only because core had no
 * index helper when these families were written. It depends on core alone, so it can move there as is.
 */
import type { ChaincodeStub } from 'fabric-shim';
import { canonicalBytes, getRecordOrThrow, Page, pageByPartialKey, parseBytes, RecordRef } from '../core';

interface IndexEntry {
  id: string;
}

/** Adds an index entry pointing at a record id (the id is also the last key attribute). */
export async function putIndexEntry(stub: ChaincodeStub, indexType: string, attributes: string[], id: string): Promise<void> {
  await stub.putState(stub.createCompositeKey(indexType, [...attributes, id]), canonicalBytes({ id } satisfies IndexEntry));
}

/** Removes an index entry. */
export async function deleteIndexEntry(stub: ChaincodeStub, indexType: string, attributes: string[], id: string): Promise<void> {
  await stub.deleteState(stub.createCompositeKey(indexType, [...attributes, id]));
}

/**
 * One page of an index, resolved to records: at most pageSize (1..100) index entries plus one record read
 * each. Evaluate transactions only (Fabric forbids writes after a paginated query).
 */
export async function pageIndexedRecords<T>(
  stub: ChaincodeStub, indexType: string, attributes: string[], pageSize: number, bookmark: string,
  refOf: (id: string) => RecordRef,
): Promise<Page<T>> {
  const page = await pageByPartialKey(stub, indexType, attributes, pageSize, bookmark, (kv) => parseBytes<IndexEntry>(kv.value).id);
  const records: T[] = [];
  for (const id of page.records) {
    const ref = refOf(id);
    records.push(await getRecordOrThrow<T>(stub, ref.key, { family: ref.family, id: ref.id }));
  }
  return { records, bookmark: page.bookmark, fetched: page.fetched };
}
