/**
 * Audit:Search — auditors' search by any combination of subject, org, operator, dataset, case id and time window.
 * The most selective index answers (a subject's accesses and then its lookups, an operator of an org, an org, or
 * time) and the other filters are applied to what it reads. Each page reads at most SEARCH_READ_BUDGET index
 * entries, so a page may hold fewer records than asked for while `bookmark` is not ''; `complete` says the
 * windows were read to their end. Entries withheld from this auditor are counted in `withheld`, never shown.
 */
import type { ChaincodeStub } from 'fabric-shim';
import { Audit } from '../api/audit';
import { implement } from '../core';
import { lookupRefOf, subjectSecret } from '../identity/subject-key';
import { type AuditEntry, isLookup } from './records';
import { accessorWindow, IndexWindow, lookupWindow, openPosition, orgWindow, scanParts, sealPosition, subjectWindow, timeWindow } from './index-window';
import type { AuditSearchInput } from './schema';
import { insightViewer } from './insight-viewer';

/** Index entries one search page may read. */
export const SEARCH_READ_BUDGET = 2000;

/** The windows a filter is answered from, scanned in order. */
export function searchWindows(stub: ChaincodeStub, f: AuditSearchInput): IndexWindow[] {
  if (f.subject) return [subjectWindow(stub, f.subject, f.from, f.to), lookupWindow(stub, lookupRefOf(subjectSecret(), f.subject), f.from, f.to)];
  if (f.org && f.operator) return [accessorWindow(stub, f.org, f.operator, f.from, f.to)];
  if (f.org) return [orgWindow(stub, f.org, f.from, f.to)];
  return [timeWindow(f.from, f.to)];
}

/** The filters other than the index (a subject's lookups carry its pseudonym, found through the lookup window). */
const matches = (f: AuditSearchInput, e: AuditEntry, part: number): boolean =>
  (!f.subject || (isLookup(e) ? part === 1 : e.subjectKey === f.subject)) && (!f.org || e.accessorMsp === f.org)
  && (!f.operator || e.accessorOperatorId === f.operator) && (!f.dataset || e.dataset === f.dataset) && (!f.caseId || e.caseId === f.caseId);

/** Audit:Search(filter JSON, pageSize, bookmark) for auditors of member orgs. */
export const search = implement(Audit.tx.Search, async (ctx, filter, size, bookmark) => {
  const viewer = await insightViewer(ctx);
  const f = filter as AuditSearchInput;
  const parts = searchWindows(ctx.stub, f);
  const query = `Audit:Search:auditor:${viewer.mspId}`;
  const start = openPosition(query, parts, bookmark);
  const records: AuditEntry[] = [];
  let withheld = 0;
  const scan = await scanParts(ctx.stub, parts, start, SEARCH_READ_BUDGET, async (e, copy, part) => {
    if (!matches(f, e, part)) return true;
    const verdict = await viewer.judge(e, copy);
    if (verdict === 'withheld') withheld++;
    if (verdict === 'show') records.push(e);
    return records.length < size;
  }, () => records.length >= size);
  return {
    records, bookmark: sealPosition(query, parts, scan.next), complete: scan.next === null, withheld,
    cost: { index: parts.map((w) => w.index).join('+'), read: scan.read, pages: scan.pages },
  };
});
