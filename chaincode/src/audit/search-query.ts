/**
 * Audit:Search — auditors' search by any combination of subject, org, operator, dataset, case id and time window.
 * The most selective index answers (subject, then operator of an org, then org, then time) and the other filters
 * are applied to what it reads. Each page reads at most SEARCH_READ_BUDGET index entries, so a page may hold fewer
 * records than asked for while `bookmark` is not ''; `complete` says the window was read to its end.
 */
import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseJsonArg, parseWith } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { pageSizeSchema } from '../core/schema';
import { txTimeIso } from '../core/tx-time';
import { AccessEntry } from './records';
import { accessorWindow, encodeBookmark, IndexWindow, orgWindow, scanWindow, startKey, subjectWindow, timeWindow } from './index-window';
import { AuditSearchInput, auditSearchSchema, insightBookmarkSchema } from './insight-schema';
import { auditorVisibility } from './visibility';
import type { ChaincodeStub } from 'fabric-shim';

/** Index entries one search page may read. */
export const SEARCH_READ_BUDGET = 2000;

/** The index a filter is answered from. */
export function searchWindow(stub: ChaincodeStub, f: AuditSearchInput): IndexWindow {
  if (f.subject) return subjectWindow(stub, f.subject, f.from, f.to);
  if (f.org && f.operator) return accessorWindow(stub, f.org, f.operator, f.from, f.to);
  if (f.org) return orgWindow(stub, f.org, f.from, f.to);
  return timeWindow(f.from, f.to);
}

const matches = (f: AuditSearchInput, e: AccessEntry): boolean =>
  (!f.subject || e.subjectKey === f.subject) && (!f.org || e.accessorMsp === f.org) && (!f.operator || e.accessorOperatorId === f.operator)
  && (!f.dataset || e.dataset === f.dataset) && (!f.caseId || e.caseId === f.caseId);

/** Audit:Search(filter JSON, pageSize, bookmark) for auditors of member orgs. */
export async function searchEntries(ctx: Context, filter: string, pageSize: string, bookmark: string): Promise<string> {
  const { caller, config } = await requireCaller(ctx, { roles: ['auditor'], orgs: 'member' });
  const f = parseJsonArg(auditSearchSchema, filter, 'filter');
  const size = parseWith(pageSizeSchema, pageSize, 'pageSize');
  const w = searchWindow(ctx.stub, f);
  const start = startKey(w, parseWith(insightBookmarkSchema, bookmark, 'bookmark'));
  const visibility = auditorVisibility(ctx.stub, caller, config!, txTimeIso(ctx.stub));
  const records: AccessEntry[] = [];
  let withheld = 0;
  const scan = await scanWindow(ctx.stub, w, start, SEARCH_READ_BUDGET, async (e) => {
    if (!matches(f, e)) return true;
    if (!(await visibility.sees(e))) {
      withheld++;
      return true;
    }
    records.push(e);
    return records.length < size;
  });
  return canonicalStringify({
    records, bookmark: encodeBookmark(scan.next), complete: scan.next === '', withheld,
    cost: { index: w.index, read: scan.read, pages: scan.pages },
  });
}
