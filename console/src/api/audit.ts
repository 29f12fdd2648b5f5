import type { ApiClient } from './client';
import type { AuditEntry, SearchPage } from './types';

/** The audit search filter as the form collects it (all optional). */
export interface AuditFilter {
  subject?: string;
  org?: string;
  operator?: string;
  dataset?: string;
  caseId?: string;
  from?: string;
  to?: string;
}

/** Why an officer turns an ID number into a subject key: the lookup is itself an audited entry (kind lookup). */
export interface LookupReason {
  purpose: string;
  legalBasis: string;
  caseId: string;
}

/** The body of POST /identities/subject-key: the number (sent on as transient data only) and why it is looked up. */
export function subjectKeyLookupBody(idNumber: string, reason: LookupReason): Record<string, string> {
  return { idNumber, purpose: reason.purpose, legalBasis: reason.legalBasis, caseId: reason.caseId };
}

/** Turns a resident ID number into its subject key (an audited lookup on the gateway). */
export async function lookupSubjectKey(api: ApiClient, idNumber: string, reason: LookupReason): Promise<string> {
  return (await api.post<{ subjectKey: string }>('/identities/subject-key', subjectKeyLookupBody(idNumber, reason))).subjectKey;
}

/** One page of GET /audit/search. */
export const searchAudit = (api: ApiClient, filter: AuditFilter, bookmark = '', pageSize = 20) =>
  api.get<SearchPage>('/audit/search', { ...filter, pageSize, bookmark });

/** Every entry of a search, page by page, up to `limit` (for export); reports progress. */
export async function searchAll(api: ApiClient, filter: AuditFilter, limit: number, progress: (n: number) => void): Promise<{ rows: AuditEntry[]; truncated: boolean }> {
  const rows: AuditEntry[] = [];
  let bookmark = '';
  do {
    const page = await searchAudit(api, filter, bookmark, 100);
    rows.push(...page.records);
    progress(rows.length);
    bookmark = page.bookmark;
  } while (bookmark && rows.length < limit);
  return { rows: rows.slice(0, limit), truncated: !!bookmark || rows.length > limit };
}
