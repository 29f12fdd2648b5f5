import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { Context, Contract, Returns, Transaction } from 'fabric-contract-api';
import { MSP, MemoryStub, TestChannel, WHO, bootstrap, catalogueIdentity, citizen, registerCitizen, rejectsWithKey, useTestSecret } from '../../testing';
import { AuditContract } from './audit-contract';
import { canonicalStringify } from '../core';
import { type SubjectTrace, traceSubjects } from './leak-trace-query';
import { leakTraceSchema } from './schema';

const audit = new AuditContract();
const NOW = '2025-06-01T00:00:00.000Z';

/** A contract that runs the leak trace with a tiny read budget, to exercise its cursor. */
class SmallBudgetAudit extends Contract {
  constructor() {
    super('SmallBudgetAudit');
  }
  @Transaction(false) @Returns('string')
  public async TraceSubjects(ctx: Context, input: string): Promise<string> {
    return canonicalStringify(await traceSubjects(ctx, leakTraceSchema.parse(JSON.parse(input)), 7));
  }
}

type SearchPage = { records: Array<{ accessId: string; subjectKey: string; accessorOperatorId: string; at: string; caseId: string }>; bookmark: string; complete: boolean; withheld: number; cost: { index: string; read: number; pages: number } };
type Trace = { subjects: SubjectTrace[]; cursor: { subject: number; bookmark: string } | null; cost: { read: number; pages: number } };

describe('Audit insight queries: search, leak tracing, activity', () => {
  let ch: TestChannel;
  let subjects: string[];
  let batch = 0;
  /** Imports legacy entries of PublicSecurity: [subject index, operator, ISO time, caseId?]. */
  const importEntries = async (rows: Array<[number, string, string, string?]>) => {
    const entries = rows.map(([s, op, at, caseId]) => ({
      subjectKey: subjects[s], dataset: 'resident-identity', fields: ['name'], purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 19',
      caseId: caseId ?? `CASE-${batch}-${op}`, accessorOperatorId: op, role: 'clerk', at,
    }));
    await ch.submit(audit, 'ImportEntries', [`imp-${batch}`, JSON.stringify({ batchId: `b-${batch++}`, source: 'test log', legalAuthority: 'Regulation art. 12', entries })], { as: WHO.psAdmin });
  };
  const search = (filter: Record<string, unknown>, pageSize = 100, bookmark = '', as = WHO.govAuditor) =>
    ch.evaluateJson<SearchPage>(audit, 'Search', [JSON.stringify(filter), String(pageSize), bookmark], { as });
  const trace = (input: Record<string, unknown>, as = WHO.govAuditor, contract: Contract = audit) =>
    ch.evaluateJson<Trace>(contract, 'TraceSubjects', [JSON.stringify(input)], { as });

  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    await catalogueIdentity(ch);
    subjects = [];
    for (let i = 0; i < 5; i++) subjects.push(await registerCitizen(ch, citizen(`40${i}`, `Insight Subject ${i}`), `s${i}`));
    ch.setTime(NOW);
    batch = 0;
  });

  it('searches by subject inside a time window, reading only the window (plus one short page)', async () => {
    // subject 0: 30 entries in January, 3 in March, 40 in May
    await importEntries([
      ...Array.from({ length: 30 }, (_, i) => [0, 'clerk.a', `2025-01-${String(1 + (i % 28)).padStart(2, '0')}T09:00:${String(i).padStart(2, '0')}.000Z`] as [number, string, string]),
      [0, 'clerk.b', '2025-03-02T10:00:00.000Z'], [0, 'clerk.a', '2025-03-03T10:00:00Z'], [0, 'clerk.c', '2025-03-31T23:59:59.999Z'],
      ...Array.from({ length: 40 }, (_, i) => [0, 'clerk.a', `2025-05-01T08:00:${String(i).padStart(2, '0')}.000Z`] as [number, string, string]),
    ]);
    const page = await search({ subject: subjects[0], from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' });
    assert.deepEqual(page.records.map((r) => r.accessorOperatorId), ['clerk.b', 'clerk.a', 'clerk.c']);
    assert.equal(page.complete, true);
    assert.equal(page.bookmark, '');
    assert.equal(page.cost.index, 'subject+lookup');
    assert.ok(page.cost.read <= 4, `read ${page.cost.read} index entries for a 3-entry window`);
  });

  it('pages a filtered search with its own bookmarks and refuses a bookmark of another query', async () => {
    await importEntries(Array.from({ length: 12 }, (_, i) => [i % 2, 'clerk.a', `2025-02-0${1 + (i % 9)}T09:00:${String(i).padStart(2, '0')}.000Z`, i % 3 === 0 ? 'CASE-X' : 'CASE-Y']));
    const seen: string[] = [];
    let bookmark = '';
    for (let n = 0; n < 10; n++) {
      const page = await search({ caseId: 'CASE-X' }, 1, bookmark);
      seen.push(...page.records.map((r) => r.accessId));
      assert.ok(page.records.every((r) => r.caseId === 'CASE-X'));
      bookmark = page.bookmark;
      if (!bookmark) break;
    }
    assert.equal(seen.length, 4, 'entries 0, 3, 6, 9 carry CASE-X');
    assert.equal(new Set(seen).size, 4);
    const subject0 = await search({ subject: subjects[0] }, 2);
    assert.notEqual(subject0.bookmark, '');
    await rejectsWithKey(search({ subject: subjects[1] }, 2, subject0.bookmark), 'INVALID_ARGUMENT');
    await rejectsWithKey(search({ subject: subjects[0], from: '2025-02-06T00:00:00.000Z' }, 2, subject0.bookmark), 'INVALID_ARGUMENT');
    await rejectsWithKey(search({ subject: subjects[0] }, 2, Buffer.from('audit.time|2025').toString('base64url')), 'INVALID_ARGUMENT');
    await rejectsWithKey(search({ subject: subjects[0] }, 2, (await search({ subject: subjects[0] }, 2, '', WHO.psAuditor)).bookmark), 'INVALID_ARGUMENT', );
    await rejectsWithKey(search({ subject: subjects[0] }, 2, 'not+base64/'), 'INVALID_ARGUMENT');
    await rejectsWithKey(search({ from: '2025-03-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' }), 'INVALID_ARGUMENT');
  });

  it('combines org, operator, dataset and time filters', async () => {
    await importEntries([[0, 'clerk.a', '2025-02-01T09:00:00.000Z'], [1, 'clerk.b', '2025-02-02T09:00:00.000Z'], [2, 'clerk.a', '2025-02-03T09:00:00.000Z']]);
    const byOperator = await search({ org: MSP.ps, operator: 'clerk.a' });
    assert.equal(byOperator.cost.index, 'accessor');
    assert.deepEqual(byOperator.records.map((r) => r.subjectKey), [subjects[0], subjects[2]]);
    const byOrgAndTime = await search({ org: MSP.ps, from: '2025-02-02T00:00:00.000Z' });
    assert.equal(byOrgAndTime.cost.index, 'org');
    assert.equal(byOrgAndTime.records.length, 2);
    assert.equal((await search({ dataset: 'resident-identity', operator: 'clerk.b' })).records.length, 1);
    assert.equal((await search({ dataset: 'other-dataset' })).records.length, 0);
    assert.equal((await search({ org: MSP.nr })).records.length, 0);
  });

  it('is for auditors only', async () => {
    await rejectsWithKey(search({ subject: subjects[0] }, 10, '', WHO.psClerk), 'FORBIDDEN_ROLE');
    await rejectsWithKey(trace({ subjects: [subjects[0]] }, WHO.nrClerk), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.evaluate(audit, 'Activity', [JSON.stringify({ from: '2025-01-01T00:00:00.000Z', to: NOW })], { as: WHO.psRegistrar }), 'FORBIDDEN_ROLE');
  });

  it('traces leaked subjects to the operators who accessed them, with a cost independent of other entries', async () => {
    await importEntries([
      [0, 'leaker', '2025-02-01T09:00:00.000Z'], [1, 'leaker', '2025-02-01T09:01:00.000Z'], [2, 'leaker', '2025-02-01T09:02:00.000Z'], [3, 'leaker', '2025-02-01T22:00:00.000Z'],
      [0, 'clerk.a', '2025-02-03T09:00:00.000Z'], [1, 'clerk.a', '2025-02-03T09:00:00.000Z'], [0, 'clerk.b', '2025-02-04T09:00:00.000Z'],
      [0, 'leaker', '2024-12-01T09:00:00.000Z'], [4, 'clerk.a', '2025-02-05T09:00:00.000Z'],
    ]);
    const input = { subjects: subjects.slice(0, 4), from: '2025-01-01T00:00:00.000Z', to: '2025-03-01T00:00:00.000Z' };
    const before = await trace(input);
    assert.equal(before.cursor, null);
    const leaker = before.subjects.map((s) => s.accessors.find((a) => a.accessorOperatorId === 'leaker')?.count ?? 0);
    assert.deepEqual(leaker, [1, 1, 1, 1], 'the December access is outside the window');
    assert.deepEqual(before.subjects[0]?.accessors.map((a) => a.accessorOperatorId), ['clerk.a', 'clerk.b', 'leaker']);
    assert.equal(before.cost.read, 7, 'only the 7 window entries of the 4 subjects are read');
    // 200 more entries about other subjects and times leave the cost unchanged.
    await importEntries(Array.from({ length: 200 }, (_, i) => [4, `bulk${i % 7}`, `2025-0${1 + (i % 4)}-1${i % 10}T10:00:${String(i % 60).padStart(2, '0')}.000Z`]));
    await importEntries(Array.from({ length: 100 }, (_, i) => [i % 4, 'old', `2023-0${1 + (i % 9)}-01T10:00:${String(i % 60).padStart(2, '0')}.000Z`]));
    const after = await trace(input);
    assert.deepEqual(after.subjects, before.subjects);
    assert.equal(after.cost.read, before.cost.read);
  });

  it('hands back a cursor when its read budget is spent, and continuing finds every entry once', async () => {
    await importEntries(Array.from({ length: 24 }, (_, i) => [i % 3, `op${i % 4}`, `2025-02-${String(1 + i).padStart(2, '0')}T09:00:00.000Z`]));
    const small = new SmallBudgetAudit();
    const input = { subjects: subjects.slice(0, 3) };
    let total = 0;
    let calls = 0;
    let cursor: Trace['cursor'] = null;
    do {
      const res = await trace({ ...input, ...(cursor ? { cursor } : {}) }, WHO.govAuditor, small);
      total += res.subjects.reduce((n, s) => n + s.entries, 0);
      assert.ok(res.cost.read <= 7);
      cursor = res.cursor;
      calls++;
    } while (cursor && calls < 20);
    assert.equal(total, 24);
    assert.ok(calls >= 3);
    const foreign = (await trace({ subjects: [subjects[0] as string] }, WHO.govAuditor, small)).cursor;
    assert.ok(foreign);
    await rejectsWithKey(trace({ subjects: [subjects[1], subjects[0]], cursor: { subject: 0, bookmark: foreign.bookmark } }), 'INVALID_ARGUMENT');
    await rejectsWithKey(trace({ subjects: [subjects[0], subjects[0]] }), 'INVALID_ARGUMENT');
  });

  it('withholds entries under a running sealing order from auditors outside the owner and governance orgs', async () => {
    const orderId = (await ch.submitJson<{ orderId: string }>(audit, 'IssueSealingOrder', ['o1', JSON.stringify({
      subjectKey: subjects[0], caseId: 'SEALED-1', accessorMsp: MSP.ps, legalAuthority: 'Criminal Procedure Law art. 152', reason: 'ongoing investigation',
      endsAt: '2025-12-01T00:00:00.000Z',
    })], { as: WHO.psInvestigator, time: '2025-05-01T09:00:00.000Z' })).orderId;
    const base = { subjectKey: subjects[0], dataset: 'resident-identity', fields: ['name'], purpose: 'criminal-investigation', legalBasis: 'Criminal Procedure Law art. 52' };
    await ch.submit(audit, 'RequestAccess', ['r1', JSON.stringify({ ...base, caseId: 'SEALED-1', sealingOrderId: orderId })], { as: WHO.psClerk, time: '2025-05-01T10:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['r2', JSON.stringify({ ...base, caseId: 'OPEN-1' })], { as: WHO.psClerk, time: '2025-05-01T11:00:00.000Z' });
    const nrAuditor = { mspId: MSP.nr, role: 'auditor', operatorId: 'nr-auditor1' };
    const outsider = await search({ subject: subjects[0] }, 10, '', nrAuditor);
    assert.deepEqual(outsider.records.map((r) => r.caseId), ['OPEN-1']);
    assert.equal(outsider.withheld, 1);
    assert.equal((await search({ subject: subjects[0] }, 10, '', WHO.psAuditor)).records.length, 2, 'the owner org sees it');
    assert.equal((await search({ subject: subjects[0] })).records.length, 2, 'the governance org sees it');
    const traced = await trace({ subjects: [subjects[0]] }, nrAuditor);
    assert.equal(traced.subjects[0]?.entries, 1);
    assert.equal(traced.subjects[0]?.withheld, 1);
    const activity = await ch.evaluateJson<{ records: unknown[]; withheld: number }>(audit, 'Activity', [JSON.stringify({ from: '2025-05-01T00:00:00.000Z', to: '2025-05-02T00:00:00.000Z' })], { as: nrAuditor });
    assert.equal(activity.records.length, 1);
    assert.equal(activity.withheld, 1);
    // After the order ends everyone sees it.
    ch.setTime('2025-12-02T00:00:00.000Z');
    assert.equal((await search({ subject: subjects[0] }, 10, '', nrAuditor)).records.length, 2);
  });

  it('finds a subject\'s lookups too, and skips a copy planted under another subject\'s key', async () => {
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RecordLookup', ['l1', JSON.stringify({ lookup: 'subject-key', purpose: 'audit-investigation', legalBasis: 'PIPL art. 34', caseId: 'LOOKUP-1' })], {
      as: WHO.psClerk, time: '2025-05-03T10:00:00.000Z', transient: { personalData: JSON.stringify({ idNumber: citizen('401', 'Insight Subject 1').idNumber }) },
    });
    const page = await search({ subject: subjects[1] });
    assert.deepEqual(page.records.map((r) => [r.accessId, r.caseId]), [[accessId, 'LOOKUP-1']]);
    const traced = await trace({ subjects: [subjects[1]] });
    assert.deepEqual(traced.subjects[0]?.accessors.map((a) => [a.accessorOperatorId, a.count, a.lookups]), [[WHO.psClerk.operatorId, 1, 1]]);
    // A copy of subject 1's lookup planted under subject 2's index is not subject 2's.
    await importEntries([[2, 'clerk.a', '2025-02-01T09:00:00.000Z']]);
    const stub = new MemoryStub(ch.ledger, { txId: 'plant', millis: 0, clientMsp: MSP.ps });
    const real = await search({ subject: subjects[2] });
    const planted = { ...real.records[0], caseId: 'PLANTED' };
    ch.ledger.state.set(stub.createCompositeKey('audit.subject', [subjects[2] as string, '2025-02-02T09:00:00.000Z', 'forged1']), Buffer.from(JSON.stringify(planted)));
    assert.deepEqual((await search({ subject: subjects[2] })).records.map((r) => r.caseId), [real.records[0]?.caseId], 'the planted copy is skipped');
  });

  it('pages the activity of a window in time order', async () => {
    await importEntries(Array.from({ length: 30 }, (_, i) => [i % 5, `op${i % 3}`, `2025-04-${String(1 + i).padStart(2, '0')}T0${i % 10}:00:00.000Z`]));
    const page = await ch.evaluateJson<{ records: Array<{ at: string; subjectKey: string }>; bookmark: string }>(
      audit, 'Activity', [JSON.stringify({ from: '2025-04-05T00:00:00.000Z', to: '2025-04-15T00:00:00.000Z' })], { as: WHO.psAuditor });
    assert.equal(page.records.length, 10);
    assert.deepEqual(page.records.map((r) => r.at), [...page.records.map((r) => r.at)].sort());
    assert.deepEqual(Object.keys(page.records[0] ?? {}).sort(), ['accessId', 'accessorMsp', 'accessorOperatorId', 'at', 'dataset', 'kind', 'subject']);
    assert.equal(page.bookmark, '');
    for (const bookmark of ['b1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', Buffer.from('audit.time|2025-04-06').toString('base64url'), '\u0000audit.time']) {
      await rejectsWithKey(ch.evaluate(audit, 'Activity', [JSON.stringify({ from: '2025-04-05T00:00:00.000Z', to: '2025-04-15T00:00:00.000Z', bookmark })], { as: WHO.psAuditor }), 'INVALID_ARGUMENT');
    }
  });
});
