import type { AuditEntry, LookupEntry } from '../api/types';

/** True for an identity lookup entry (verify, subject key), which names the subject only by a pseudonym. */
export const isLookupEntry = (e: AuditEntry): e is LookupEntry => e.kind === 'lookup';

/** The subject key of an access, or undefined for a lookup. */
export const subjectKeyOf = (e: AuditEntry): string | undefined => (isLookupEntry(e) ? undefined : e.subjectKey);

/** The sealing order an access cites, if any. */
export const sealingOrderOf = (e: AuditEntry): string | undefined => (isLookupEntry(e) ? undefined : e.sealingOrderId);
