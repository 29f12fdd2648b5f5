/**
 * Audit:TraceSubjects — for a set of leaked subjects, who accessed each of them in a time window (精准追责). For
 * every subject it seeks into the subject index at the window's start and reads to the window's end, so one call
 * costs O(Σ entries of the leaked subjects inside the window + one short page per subject), independent of the
 * ledger's size. A call reads at most LEAK_READ_BUDGET entries and then returns a cursor to continue from; the
 * gateway merges the calls and ranks operators and orgs by how many of the subjects each one covers.
 */
import type { Context } from 'fabric-contract-api';
import { requireCaller } from '../core/access-guard';
import { parseJsonArg } from '../core/args';
import { canonicalStringify } from '../core/canonical-json';
import { txTimeIso } from '../core/tx-time';
import { encodeBookmark, scanWindow, startKey, subjectWindow } from './index-window';
import { leakTraceSchema } from './insight-schema';
import { auditorVisibility } from './visibility';

/** Index entries one call may read before it hands back a cursor. */
export const LEAK_READ_BUDGET = 5000;
/** Access ids kept per subject and accessor, for drilling down. */
export const LEAK_IDS_PER_ACCESSOR = 10;

/** One operator's accesses to one subject inside the window. */
export interface SubjectAccessor {
  accessorMsp: string;
  accessorOperatorId: string;
  count: number;
  firstAt: string;
  lastAt: string;
  accessIds: string[];
}

/** What one call found about one subject (a subject split across calls appears in each). */
export interface SubjectTrace {
  subjectKey: string;
  entries: number;
  withheld: number;
  accessors: SubjectAccessor[];
}

/** Audit:TraceSubjects(input JSON) for auditors of member orgs (`budget`: entries one call reads, lowered by tests). */
export async function traceSubjects(ctx: Context, raw: string, budget = LEAK_READ_BUDGET): Promise<string> {
  const { caller, config } = await requireCaller(ctx, { roles: ['auditor'], orgs: 'member' });
  const input = parseJsonArg(leakTraceSchema, raw, 'input');
  const visibility = auditorVisibility(ctx.stub, caller, config!, txTimeIso(ctx.stub));
  const traces: SubjectTrace[] = [];
  let read = 0;
  let pages = 0;
  let cursor: { subject: number; bookmark: string } | null = null;
  for (let i = input.cursor?.subject ?? 0; i < input.subjects.length; i++) {
    const subjectKey = input.subjects[i] as string;
    const w = subjectWindow(ctx.stub, subjectKey, input.from, input.to);
    const start = i === input.cursor?.subject && input.cursor.bookmark ? startKey(w, input.cursor.bookmark, 'cursor.bookmark') : w.first;
    const trace: SubjectTrace = { subjectKey, entries: 0, withheld: 0, accessors: [] };
    const byAccessor = new Map<string, SubjectAccessor>();
    const scan = await scanWindow(ctx.stub, w, start, budget - read, async (e) => {
      if (!(await visibility.sees(e))) {
        trace.withheld++;
        return true;
      }
      trace.entries++;
      const id = `${e.accessorMsp}\u0000${e.accessorOperatorId}`;
      const a = byAccessor.get(id) ?? { accessorMsp: e.accessorMsp, accessorOperatorId: e.accessorOperatorId, count: 0, firstAt: e.at, lastAt: e.at, accessIds: [] };
      a.count++;
      if (e.at < a.firstAt) a.firstAt = e.at;
      if (e.at > a.lastAt) a.lastAt = e.at;
      if (a.accessIds.length < LEAK_IDS_PER_ACCESSOR) a.accessIds.push(e.accessId);
      byAccessor.set(id, a);
      return true;
    });
    read += scan.read;
    pages += scan.pages;
    trace.accessors = [...byAccessor.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
    traces.push(trace);
    if (scan.next) {
      cursor = { subject: i, bookmark: encodeBookmark(scan.next) };
      break;
    }
    if (read >= budget && i + 1 < input.subjects.length) {
      cursor = { subject: i + 1, bookmark: '' };
      break;
    }
  }
  return canonicalStringify({ subjects: traces, cursor, cost: { read, pages } });
}
