import type { ApiClient } from './client';
import type { AccessEntry, SearchPage } from './types';

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

/** Why an officer turns an ID number into a subject key: the lookup is itself an audited access. */
export interface LookupReason {
  purpose: string;
  legalBasis: string;
  caseId?: string;
}

/**
 * The body of POST /identities/subject-key. The purpose and legal basis are collected by every form that looks a
 * number up; the gateway's current schema takes only the ID number, so they are sent once it accepts them (one
 * place to change when audited lookups land).
 */
export function subjectKeyLookupBody(idNumber: string, _reason: LookupReason): Record<string, string> {
  return { idNumber };
}

/** Turns a resident ID number into its subject key (an audited lookup on the gateway). */
export async function lookupSubjectKey(api: ApiClient, idNumber: string, reason: LookupReason): Promise<string> {
  return (await api.post<{ subjectKey: string }>('/identities/subject-key', subjectKeyLookupBody(idNumber, reason))).subjectKey;
}

/** One page of GET /audit/search. */
export const searchAudit = (api: ApiClient, filter: AuditFilter, bookmark = '', pageSize = 20) =>
  api.get<SearchPage>('/audit/search', { ...filter, pageSize, bookmark });

/** Every entry of a search, page by page, up to `limit` (for export); reports progress. */
export async function searchAll(api: ApiClient, filter: AuditFilter, limit: number, progress: (n: number) => void): Promise<{ rows: AccessEntry[]; truncated: boolean }> {
  const rows: AccessEntry[] = [];
  let bookmark = '';
  do {
    const page = await searchAudit(api, filter, bookmark, 100);
    rows.push(...page.records);
    progress(rows.length);
    bookmark = page.bookmark;
  } while (bookmark && rows.length < limit);
  return { rows: rows.slice(0, limit), truncated: !!bookmark || rows.length > limit };
}
