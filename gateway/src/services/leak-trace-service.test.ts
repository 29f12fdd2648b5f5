import { test } from 'node:test';
import assert from 'node:assert/strict';
import { traceLeak, type TraceChunk } from './leak-trace-service';

const S = ['1', '2', '3', '4'].map((c) => c.repeat(64));
const acc = (msp: string, op: string, count = 1, at = '2025-02-01T09:00:00.000Z') => ({ accessorMsp: msp, accessorOperatorId: op, count, lookups: 0, firstAt: at, lastAt: at, accessIds: [`${op}-${count}`] });

test('merges resumed chunks and ranks by subjects covered, then by accesses', async () => {
  const chunks: TraceChunk[] = [
    { subjects: [{ subjectKey: S[0] as string, entries: 3, withheld: 1, accessors: [acc('PS', 'leaker'), acc('PS', 'clerk', 2)] }, { subjectKey: S[1] as string, entries: 1, withheld: 0, accessors: [acc('PS', 'leaker')] }], cursor: { subject: 1, bookmark: 'x' }, cost: { read: 5, pages: 2 } },
    { subjects: [{ subjectKey: S[1] as string, entries: 2, withheld: 0, accessors: [acc('NR', 'other', 5, '2025-03-01T00:00:00.000Z'), acc('PS', 'leaker')] }, { subjectKey: S[2] as string, entries: 1, withheld: 0, accessors: [acc('PS', 'leaker')] }, { subjectKey: S[3] as string, entries: 0, withheld: 0, accessors: [] }], cursor: null, cost: { read: 4, pages: 3 } },
  ];
  const seen: unknown[] = [];
  const report = await traceLeak({ subjects: S }, async (input) => {
    seen.push(input.cursor);
    return chunks[seen.length - 1] as TraceChunk;
  });
  assert.deepEqual(seen, [undefined, { subject: 1, bookmark: 'x' }], 'the second call resumes at the cursor');
  assert.equal(report.operators[0]?.accessorOperatorId, 'leaker');
  assert.equal(report.operators[0]?.covered, 3);
  assert.equal(report.operators[0]?.coverage, 0.75);
  assert.equal(report.operators[0]?.accesses, 4);
  assert.deepEqual(report.operators[0]?.subjects?.find((s) => s.subjectKey === S[1])?.count, 2, 'a subject split over two chunks is merged');
  assert.deepEqual(report.operators.map((o) => o.accessorOperatorId), ['leaker', 'other', 'clerk'], 'other: 1 subject, 5 accesses, ranks above clerk: 1 subject, 2 accesses');
  assert.deepEqual(report.orgs.map((o) => [o.accessorMsp, o.covered, o.operators]), [['PS', 3, 2], ['NR', 1, 1]]);
  assert.equal(report.withheld, 1);
  assert.equal(report.untouched, 1);
  assert.equal(report.complete, true);
  assert.deepEqual(report.cost, { calls: 2, read: 9, pages: 5 });
  assert.equal(report.orgs[1]?.lastAt, '2025-03-01T00:00:00.000Z');
});

test('stops after the call budget and says the trace is incomplete', async () => {
  let calls = 0;
  const report = await traceLeak({ subjects: S }, async () => {
    calls++;
    return { subjects: [], cursor: { subject: 0, bookmark: 'y' }, cost: { read: 5000, pages: 50 } };
  }, 3);
  assert.equal(calls, 3);
  assert.equal(report.complete, false);
});
