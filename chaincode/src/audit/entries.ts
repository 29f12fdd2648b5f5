import type { ChaincodeStub } from 'fabric-shim';
import { canonicalBytes, getRecord, isAnchored, parseBytes, putAnchor } from '../core';
import { writeOnce } from './access';
import { type AuditEntry, type ImportBatch, type SealedRow, entryKey, entryKeys, importBatchKey, isLookup, sealedRowKey } from './records';

/**
 * Writes entries once, each under every key of entryKeys (serialised once: the bulk import writes 2,500 keys
 * per tx), plus the sealed-access row of a sealed access. Every key gets the write-once policy (every member
 * department's peer), and each entry's bytes are anchored in the accessor org's anchors collection, so the
 * accessor org must endorse the creation and readers can check that no one changed a byte.
 */
export async function putEntries(stub: ChaincodeStub, members: readonly string[], entries: readonly AuditEntry[]): Promise<void> {
  const put = writeOnce(stub, members);
  for (const e of entries) {
    const bytes = canonicalBytes(e);
    for (const key of entryKeys(stub, e)) await put(key, bytes);
    await putAnchor(stub, e.accessorMsp, entryKey(stub, e.accessId), bytes);
    if (!isLookup(e) && e.sealingOrderId) {
      const row: SealedRow = { accessId: e.accessId, orderId: e.sealingOrderId, at: e.at };
      await put(sealedRowKey(stub, e.subjectKey, e.accessId), canonicalBytes(row));
    }
  }
}

/**
 * True when stored entry bytes are the ones the accessor org anchored, and `storedAt` is one of the keys the
 * entry belongs under (an index row planted under another subject, operator or time is not its row).
 */
export async function isGenuineEntry(stub: ChaincodeStub, storedAt: string, bytes: Uint8Array, entry: AuditEntry): Promise<boolean> {
  if (typeof entry?.accessId !== 'string' || typeof entry.accessorMsp !== 'string') return false;
  let keys: string[];
  try {
    keys = entryKeys(stub, entry);
  } catch {
    return false;
  }
  return keys.includes(storedAt) && isAnchored(stub, entry.accessorMsp, keys[0] as string, bytes);
}

/** Reads a committed, genuine entry by access id (undefined when absent or not anchored by its accessor org). */
export async function readEntry(stub: ChaincodeStub, accessId: string): Promise<AuditEntry | undefined> {
  const key = entryKey(stub, accessId);
  const bytes = await stub.getState(key);
  if (!bytes || bytes.length === 0) return undefined;
  let entry: AuditEntry;
  try {
    entry = parseBytes<AuditEntry>(bytes);
  } catch {
    return undefined;
  }
  return (await isGenuineEntry(stub, key, bytes, entry)) ? entry : undefined;
}

/** Reads an import batch record. */
export function readImportBatch(stub: ChaincodeStub, batchId: string): Promise<ImportBatch | undefined> {
  return getRecord<ImportBatch>(stub, importBatchKey(stub, batchId));
}
