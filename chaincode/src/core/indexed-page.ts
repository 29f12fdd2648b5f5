/**
 * Secondary indexes over composite keys: an index entry `<indexType>\0<attr...>\0<id>\0` holds the id of
 * the record it points to, and a page of the index is resolved to the records themselves.
 * Property, business and copyright use them.
 */
import type { ChaincodeStub } from 'fabric-shim';
import { canonicalBytes, parseBytes } from './canonical-json';
import { Page, pageByPartialKey } from './pagination';
import type { RecordRef } from './keys';
import { readAnchoredRecord } from './versioned';

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
 * each. The bookmark must lie under this index's partial key (pageByPartialKey refuses any other with
 * INVALID_ARGUMENT before reading). An index entry that names no id, or points at a record that is missing
 * or not anchored by its registrar (written by modified chaincode), is skipped, never answered with a 5xx.
 * `fetched` counts the index entries read. Evaluate transactions only (no writes after a paginated query).
 */
export async function pageIndexedRecords<T>(
  stub: ChaincodeStub, indexType: string, attributes: string[], pageSize: number, bookmark: string,
  refOf: (id: string) => RecordRef,
): Promise<Page<T>> {
  const page = await pageByPartialKey(stub, indexType, attributes, pageSize, bookmark, (kv) => idOf(kv.value));
  const records: T[] = [];
  for (const id of page.records) {
    if (id === undefined) continue;
    const record = await readAnchoredRecord<T>(stub, refOf(id));
    if (record !== undefined) records.push(record);
  }
  return { records, bookmark: page.bookmark, fetched: page.fetched };
}

function idOf(value: Uint8Array): string | undefined {
  try {
    const id = parseBytes<Partial<IndexEntry>>(value).id;
    return typeof id === 'string' && id.length > 0 && id.length <= 256 && !id.includes('\u0000') && !id.includes('\u{10ffff}') ? id : undefined;
  } catch {
    return undefined;
  }
}
