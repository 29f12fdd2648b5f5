import type { ChaincodeStub } from 'fabric-shim';
import { isAnchored, putAnchor } from '../core/anchors';
import { canonicalBytes, parseBytes } from '../core/canonical-json';
import { getRecord } from '../core/state';
import { writeOnce } from './write-once';

/** Fields every audit entry has: who accessed what, when, why, under which grant. */
interface EntryBase {
  accessId: string;
  accessorOperatorId: string;
  accessorMsp: string;
  role: string;
  dataset: string;
  /** Owner of the dataset at access time: its auditors (and the governance org's) may see the entry while sealed. */
  datasetOwnerMsp?: string;
  fields: string[];
  purpose: string;
  legalBasis: string;
  caseId: string;
  at: string;
  expiresAt: string;
  /** The grant relied on, or null when the owner org accessed its own dataset (and for lookups). */
  grantId: string | null;
  /** Set on entries brought in from a legacy access log by Audit:ImportEntries (never citable for a read). */
  importBatchId?: string;
}

/** An append-only audit entry of one personal-data access (no transaction edits or deletes one). */
export interface AccessEntry extends EntryBase {
  /** Absent on entries written before lookups were audited. */
  kind?: 'access';
  subjectKey: string;
  /** The sealing order this access cites; the entry is withheld from the citizen while the order runs. */
  sealingOrderId?: string;
}

/**
 * An audit entry of an identity lookup (verify, subject key). It never holds the subject key: the lookup is
 * how the operator learns it, and the write set is visible to the client before the entry commits.
 */
export interface LookupEntry extends EntryBase {
  kind: 'lookup';
  lookup: 'verify' | 'subject-key';
  /** lookupRefOf(secret, subjectKey): links the entry to the subject only for holders of the secret. */
  subjectRef: string;
  /** claimRefOf(secret, claim): the answer may only be given for exactly the claim that was logged. */
  claimRef: string;
}

export type AuditEntry = AccessEntry | LookupEntry;

/** True for lookup entries. */
export const isLookup = (e: AuditEntry): e is LookupEntry => e.kind === 'lookup';

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

/** A row of the sealed-access index: which order withholds which access of a subject. */
export interface SealedRow {
  accessId: string;
  orderId: string;
  at: string;
}

export const ENTRY_TYPE = 'audit.entry';
export const BY_SUBJECT = 'audit.subject';
/** Lookup entries, by subject pseudonym (new with audited lookups). */
export const BY_LOOKUP = 'audit.lookup';
export const BY_ACCESSOR = 'audit.accessor';
export const BY_ORG = 'audit.org';
export const IMPORT_BATCH = 'audit.import';
/** Sealed accesses per subject, so the citizen's log can say how many are withheld and until when. */
export const SEALED = 'audit.sealed';
/** Time index uses simple keys, because the shim refuses range queries over composite keys. */
export const TIME_PREFIX = 'audit.time|';

/** Key of an entry itself (also the key of its anchor in the accessor org's anchors collection). */
export function entryKey(stub: Pick<ChaincodeStub, 'createCompositeKey'>, accessId: string): string {
  return stub.createCompositeKey(ENTRY_TYPE, [accessId]);
}

/** Every key an entry is stored under: the entry itself and its four indexes (each holding a copy). */
export function entryKeys(stub: Pick<ChaincodeStub, 'createCompositeKey'>, e: AuditEntry): string[] {
  return [
    entryKey(stub, e.accessId),
    isLookup(e) ? stub.createCompositeKey(BY_LOOKUP, [e.subjectRef, e.at, e.accessId]) : stub.createCompositeKey(BY_SUBJECT, [e.subjectKey, e.at, e.accessId]),
    stub.createCompositeKey(BY_ACCESSOR, [e.accessorMsp, e.accessorOperatorId, e.at, e.accessId]),
    stub.createCompositeKey(BY_ORG, [e.accessorMsp, e.at, e.accessId]),
    `${TIME_PREFIX}${e.at}|${e.accessId}`,
  ];
}

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
      await put(stub.createCompositeKey(SEALED, [e.subjectKey, e.accessId]), canonicalBytes(row));
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
  return getRecord<ImportBatch>(stub, stub.createCompositeKey(IMPORT_BATCH, [batchId]));
}
