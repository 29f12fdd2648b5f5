import type { z } from 'zod';
import type { KeyStub } from '../core/keys';
import type { accessEntrySchema, importBatchSchema, lookupEntrySchema, sealingEndSchema, sealingOrderSchema } from './schema';

/** An audit entry of one personal-data access. */
export type AccessEntry = z.infer<typeof accessEntrySchema>;
/** An audit entry of an identity lookup (never the subject key). */
export type LookupEntry = z.infer<typeof lookupEntrySchema>;
export type AuditEntry = AccessEntry | LookupEntry;
/** One Audit:ImportEntries batch. */
export type ImportBatch = z.infer<typeof importBatchSchema>;
/** A sealing order. */
export type SealingOrder = z.infer<typeof sealingOrderSchema>;
/** The early end of a sealing order. */
export type SealingEnd = z.infer<typeof sealingEndSchema>;

/** Points from an order to the order that extends it (at most one). */
export interface SealingExtension {
  orderId: string;
  extendedBy: string;
}

/** A row of the sealed-access index: which order withholds which access of a subject. */
export interface SealedRow {
  accessId: string;
  orderId: string;
  at: string;
}

/** True for lookup entries. */
export const isLookup = (e: AuditEntry): e is LookupEntry => e.kind === 'lookup';

/** Key object types of the audit family; every key is written once. */
export const AUDIT_KEYS = {
  entry: 'audit.entry',
  bySubject: 'audit.subject',
  /** Lookup entries, by subject pseudonym (new with audited lookups). */
  byLookup: 'audit.lookup',
  byAccessor: 'audit.accessor',
  byOrg: 'audit.org',
  importBatch: 'audit.import',
  /** Sealed accesses per subject, so the citizen's log can say how many are withheld and until when. */
  sealed: 'audit.sealed',
  sealingOrder: 'audit.seal.order',
  sealingEnd: 'audit.seal.end',
  sealingExtension: 'audit.seal.ext',
} as const;

/** Time index uses simple keys, because the shim refuses range queries over composite keys. */
export const TIME_PREFIX = 'audit.time|';

/** Key of an entry itself (also the key of its anchor in the accessor org's anchors collection). */
export function entryKey(stub: KeyStub, accessId: string): string {
  return stub.createCompositeKey(AUDIT_KEYS.entry, [accessId]);
}

/** Every key an entry is stored under: the entry itself and its four indexes (each holding a copy). */
export function entryKeys(stub: KeyStub, e: AuditEntry): string[] {
  return [
    entryKey(stub, e.accessId),
    isLookup(e) ? stub.createCompositeKey(AUDIT_KEYS.byLookup, [e.subjectRef, e.at, e.accessId]) : stub.createCompositeKey(AUDIT_KEYS.bySubject, [e.subjectKey, e.at, e.accessId]),
    stub.createCompositeKey(AUDIT_KEYS.byAccessor, [e.accessorMsp, e.accessorOperatorId, e.at, e.accessId]),
    stub.createCompositeKey(AUDIT_KEYS.byOrg, [e.accessorMsp, e.at, e.accessId]),
    `${TIME_PREFIX}${e.at}|${e.accessId}`,
  ];
}

/** Key of an import batch record. */
export const importBatchKey = (stub: KeyStub, batchId: string): string => stub.createCompositeKey(AUDIT_KEYS.importBatch, [batchId]);
/** Key of a sealed-access row. */
export const sealedRowKey = (stub: KeyStub, subjectKey: string, accessId: string): string => stub.createCompositeKey(AUDIT_KEYS.sealed, [subjectKey, accessId]);
/** Key of a sealing order. */
export const orderKey = (stub: KeyStub, id: string): string => stub.createCompositeKey(AUDIT_KEYS.sealingOrder, [id]);
/** Key of a sealing order's end record. */
export const endKey = (stub: KeyStub, id: string): string => stub.createCompositeKey(AUDIT_KEYS.sealingEnd, [id]);
/** Key of a sealing order's extension pointer. */
export const extensionKey = (stub: KeyStub, id: string): string => stub.createCompositeKey(AUDIT_KEYS.sealingExtension, [id]);
