import type { LeakTraceInput, SubjectTrace } from '@govchain/chaincode';

/** One Audit:TraceSubjects answer. */
export interface TraceChunk {
  subjects: SubjectTrace[];
  cursor: { subject: number; bookmark: string } | null;
  cost: { read: number; pages: number };
}

/** How one operator (or org) covers the leaked set. */
export interface CoverageRow {
  accessorMsp: string;
  /** Absent on org rows. */
  accessorOperatorId?: string;
  /** Leaked subjects this accessor accessed in the window. */
  covered: number;
  /** covered / subjects traced, 0..1. */
  coverage: number;
  accesses: number;
  /** Of the accesses, how many were lookups (verify, subject key). */
  lookups: number;
  firstAt: string;
  lastAt: string;
  /** Per covered subject: its accesses and the first access ids (drill-down). Operator rows only. */
  subjects?: Array<{ subjectKey: string; count: number; accessIds: string[] }>;
  /** Distinct operators of the org who accessed the set. Org rows only. */
  operators?: number;
}

/** The ranked answer of a leak trace. */
export interface LeakReport {
  subjects: number;
  from: string | null;
  to: string | null;
  operators: CoverageRow[];
  orgs: CoverageRow[];
  /** Entries the caller may not see (sealed), counted but not attributed. */
  withheld: number;
  /** Subjects none of whose entries fell in the window. */
  untouched: number;
  /** False when the call budget ran out before every subject was read to the window's end. */
  complete: boolean;
  cost: { calls: number; read: number; pages: number };
}

/** Most Audit:TraceSubjects calls one trace makes (each reads at most the chaincode's budget). */
export const LEAK_MAX_CALLS = 20;
/** Operator rows returned. */
export const LEAK_TOP_OPERATORS = 50;

type Acc = CoverageRow & { subjectSet: Map<string, { count: number; accessIds: string[] }> };

const rank = (a: CoverageRow, b: CoverageRow) =>
  b.covered - a.covered || b.accesses - a.accesses || `${a.accessorMsp}/${a.accessorOperatorId ?? ''}`.localeCompare(`${b.accessorMsp}/${b.accessorOperatorId ?? ''}`);

/**
 * Runs a leak trace to completion (or to LEAK_MAX_CALLS chunks), merging the chunks and ranking operators and orgs
 * by how many of the leaked subjects each accessed, then by how often.
 */
export async function traceLeak(input: Omit<LeakTraceInput, 'cursor'>, readChunk: (input: LeakTraceInput) => Promise<TraceChunk>, maxCalls = LEAK_MAX_CALLS): Promise<LeakReport> {
  const ops = new Map<string, Acc>();
  const orgs = new Map<string, Acc & { operatorSet: Set<string> }>();
  const touched = new Set<string>();
  const cost = { calls: 0, read: 0, pages: 0 };
  let withheld = 0;
  let cursor: TraceChunk['cursor'] = null;
  do {
    const chunk = await readChunk({ ...input, ...(cursor ? { cursor } : {}) });
    cost.calls++;
    cost.read += chunk.cost.read;
    cost.pages += chunk.cost.pages;
    for (const s of chunk.subjects) {
      withheld += s.withheld;
      for (const a of s.accessors) {
        touched.add(s.subjectKey);
        const op = upsert(ops, `${a.accessorMsp}\u0000${a.accessorOperatorId}`, { accessorMsp: a.accessorMsp, accessorOperatorId: a.accessorOperatorId }, a);
        addSubject(op, s.subjectKey, a.count, a.accessIds);
        const org = upsert(orgs, a.accessorMsp, { accessorMsp: a.accessorMsp }, a) as Acc & { operatorSet?: Set<string> };
        (org.operatorSet ??= new Set()).add(a.accessorOperatorId);
        addSubject(org, s.subjectKey, a.count, []);
      }
    }
    cursor = chunk.cursor;
  } while (cursor && cost.calls < maxCalls);
  const n = input.subjects.length;
  const finish = (a: Acc & { operatorSet?: Set<string> }, withSubjects: boolean): CoverageRow => {
    const { subjectSet, operatorSet, ...row } = a;
    return {
      ...row,
      covered: subjectSet.size,
      coverage: Math.round((subjectSet.size / n) * 1000) / 1000,
      ...(withSubjects ? { subjects: [...subjectSet.entries()].map(([subjectKey, v]) => ({ subjectKey, ...v })) } : {}),
      ...(operatorSet ? { operators: operatorSet.size } : {}),
    };
  };
  return {
    subjects: n,
    from: input.from ?? null,
    to: input.to ?? null,
    operators: [...ops.values()].map((a) => finish(a, true)).sort(rank).slice(0, LEAK_TOP_OPERATORS),
    orgs: [...orgs.values()].map((a) => finish(a, false)).sort(rank),
    withheld,
    untouched: n - touched.size,
    complete: cursor === null,
    cost,
  };
}

function upsert<T extends Acc>(m: Map<string, T>, id: string, who: Pick<CoverageRow, 'accessorMsp' | 'accessorOperatorId'>, a: { count: number; lookups: number; firstAt: string; lastAt: string }): T {
  const row = m.get(id) ?? ({ ...who, covered: 0, coverage: 0, accesses: 0, lookups: 0, firstAt: a.firstAt, lastAt: a.lastAt, subjectSet: new Map() } as unknown as T);
  row.accesses += a.count;
  row.lookups += a.lookups;
  if (a.firstAt < row.firstAt) row.firstAt = a.firstAt;
  if (a.lastAt > row.lastAt) row.lastAt = a.lastAt;
  m.set(id, row);
  return row;
}

function addSubject(row: Acc, subjectKey: string, count: number, accessIds: string[]): void {
  const s = row.subjectSet.get(subjectKey) ?? { count: 0, accessIds: [] };
  s.count += count;
  for (const id of accessIds) if (s.accessIds.length < 10) s.accessIds.push(id);
  row.subjectSet.set(subjectKey, s);
}
