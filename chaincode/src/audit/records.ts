import type { ChaincodeStub } from 'fabric-shim';
import { canonicalBytes } from '../core/canonical-json';
import { getRecord } from '../core/state';

/** An append-only audit entry of one personal-data access (no transaction edits or deletes one). */
export interface AccessEntry {
  accessId: string;
  accessorOperatorId: string;
  accessorMsp: string;
  role: string;
  subjectKey: string;
  dataset: string;
  fields: string[];
  purpose: string;
  legalBasis: string;
  caseId: string;
  at: string;
  expiresAt: string;
  sealedUntil?: string;
  /** The grant relied on, or null when the owner org accessed its own dataset. */
  grantId: string | null;
  /** Set on entries brought in from a legacy access log by Audit:ImportEntries (never citable for a read). */
  importBatchId?: string;
}

/** One Audit:ImportEntries batch: what was imported, from where, on whose authority and by whom. */
export interface ImportBatch {
  batchId: string;
  source: string;
  legalAuthority: string;
  importerMsp: string;
  importedBy: string;
  count: number;
  firstAt: string;
  lastAt: string;
  txId: string;
  at: string;
}

export const ENTRY_TYPE = 'audit.entry';
export const BY_SUBJECT = 'audit.subject';
export const BY_ACCESSOR = 'audit.accessor';
export const BY_ORG = 'audit.org';
export const IMPORT_BATCH = 'audit.import';
/** Time index uses simple keys, because the shim refuses range queries over composite keys. */
export const TIME_PREFIX = 'audit.time|';

/** Every key an entry is stored under: the entry itself and its four indexes (each holding a copy). */
export function entryKeys(stub: ChaincodeStub, e: AccessEntry): string[] {
  return [
    stub.createCompositeKey(ENTRY_TYPE, [e.accessId]),
    stub.createCompositeKey(BY_SUBJECT, [e.subjectKey, e.at, e.accessId]),
    stub.createCompositeKey(BY_ACCESSOR, [e.accessorMsp, e.accessorOperatorId, e.at, e.accessId]),
    stub.createCompositeKey(BY_ORG, [e.accessorMsp, e.at, e.accessId]),
    `${TIME_PREFIX}${e.at}|${e.accessId}`,
  ];
}

/** Writes an entry under every key of entryKeys, serialising it once (the bulk import writes 2,500 keys per tx). */
export async function putEntry(stub: ChaincodeStub, e: AccessEntry): Promise<void> {
  const bytes = canonicalBytes(e);
  for (const key of entryKeys(stub, e)) await stub.putState(key, bytes);
}

/** Reads a committed entry by access id. */
export function readEntry(stub: ChaincodeStub, accessId: string): Promise<AccessEntry | undefined> {
  return getRecord<AccessEntry>(stub, stub.createCompositeKey(ENTRY_TYPE, [accessId]));
}
