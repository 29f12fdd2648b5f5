/**
 * Audit:TraceSubjects — for a set of leaked subjects, who accessed or looked up each of them in a time window
 * (精准追责). For every subject it seeks into the subject index (accesses) and the lookup index (verify and
 * subject-key lookups, by the subject's pseudonym) at the window's start and reads to the window's end, so one call
 * costs O(Σ entries of the leaked subjects inside the window + two short pages per subject), independent of the
 * ledger's size. A call reads at most LEAK_READ_BUDGET entries and then returns a cursor to continue from; the
 * gateway merges the calls and ranks operators and orgs by how many of the subjects each one covers.
 */
import type { Context } from 'fabric-contract-api';
import { Audit } from '../api/audit';
import { implement } from '../core';
import { lookupRefOf, subjectSecret } from '../identity/subject-key';
import { isLookup } from './records';
import { lookupWindow, openPosition, scanParts, sealPosition, subjectWindow } from './index-window';
import type { z } from 'zod';
import type { LeakTraceInput, SubjectAccessor, SubjectTrace, leakTraceResultSchema } from './schema';

export type { SubjectAccessor, SubjectTrace };
import { insightViewer } from './insight-viewer';

/** Index entries one call may read before it hands back a cursor. */
export const LEAK_READ_BUDGET = 5000;
/** Access ids kept per subject and accessor, for drilling down. */
export const LEAK_IDS_PER_ACCESSOR = 10;

/** Audit:TraceSubjects(input JSON) for auditors of member orgs (`budget`: entries one call reads, lowered by tests). */
export async function traceSubjects(ctx: Context, input: LeakTraceInput, budget = LEAK_READ_BUDGET): Promise<z.output<typeof leakTraceResultSchema>> {
  const viewer = await insightViewer(ctx);
  const secret = subjectSecret();
  const query = `Audit:TraceSubjects:auditor:${viewer.mspId}`;
  const traces: SubjectTrace[] = [];
  let read = 0;
  let pages = 0;
  let cursor: { subject: number; bookmark: string } | null = null;
  for (let i = input.cursor?.subject ?? 0; i < input.subjects.length; i++) {
    if (read >= budget) {
      cursor = { subject: i, bookmark: '' };
      break;
    }
    const subjectKey = input.subjects[i] as string;
    const parts = [subjectWindow(ctx.stub, subjectKey, input.from, input.to), lookupWindow(ctx.stub, lookupRefOf(secret, subjectKey), input.from, input.to)];
    // The subject is part of the binding: a cursor of one subject never opens for another.
    const bound = `${query}:${subjectKey}`;
    const start = openPosition(bound, parts, i === input.cursor?.subject ? input.cursor.bookmark : '');
    const trace: SubjectTrace = { subjectKey, entries: 0, withheld: 0, accessors: [] };
    const byAccessor = new Map<string, SubjectAccessor>();
    const scan = await scanParts(ctx.stub, parts, start, budget - read, async (e, copy, part) => {
      if (part === 0 && (isLookup(e) || e.subjectKey !== subjectKey)) return true;
      const verdict = await viewer.judge(e, copy);
      if (verdict === 'withheld') trace.withheld++;
      if (verdict !== 'show') return true;
      trace.entries++;
      const id = `${e.accessorMsp}\u0000${e.accessorOperatorId}`;
      const a = byAccessor.get(id) ?? { accessorMsp: e.accessorMsp, accessorOperatorId: e.accessorOperatorId, count: 0, lookups: 0, firstAt: e.at, lastAt: e.at, accessIds: [] };
      a.count++;
      if (isLookup(e)) a.lookups++;
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
      cursor = { subject: i, bookmark: sealPosition(bound, parts, scan.next) };
      break;
    }
  }
  return { subjects: traces, cursor, cost: { read, pages } };
}

/** The transaction: validated input, the default read budget. */
export const traceSubjectsTx = implement(Audit.tx.TraceSubjects, (ctx, input) => traceSubjects(ctx, input as LeakTraceInput));
