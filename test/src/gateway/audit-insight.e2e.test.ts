import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { BECAUSE, call, registerCitizen, startGateways, stopGateways, tokenFor, type TestGateway } from './gateway-support';
import { randomHex64 } from '@govchain/testing';

type Entry = { accessId: string; subjectKey: string; caseId: string; accessorOperatorId: string; at: string };
type SearchPage = { records: Entry[]; bookmark: string; complete: boolean; withheld: number; cost: { index: string; read: number; pages: number } };

describe('audit search, leak trace, activity and public verification on the real network', () => {
  let gw: Record<string, TestGateway> = {};
  let ps: TestGateway;
  let co: TestGateway;
  const subjects: string[] = [];
  const cases: string[] = [];
  let firstAt = '';
  let lastAt = '';
  const auditor = () => tokenFor(ps.org, 'auditor1', 'auditor');

  before(async () => {
    gw = await startGateways(['PublicSecurity', 'GovServiceCenter', 'CopyrightOffice']);
    ps = gw.PublicSecurity as TestGateway;
    co = gw.CopyrightOffice as TestGateway;
    const gsc = gw.GovServiceCenter as TestGateway;
    const dataset = `insight-${randomHex64().slice(0, 8)}`;
    const put = await call(gsc, 'POST', '/api/v1/catalogue', {
      token: tokenFor(gsc.org, 'admin1', 'admin'),
      body: { dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name'], shareClass: 'conditional', legalBasis: 'Resident Identity Card Law art. 19', ...BECAUSE },
    });
    assert.equal(put.status, 201, put.text);
    for (let i = 0; i < 3; i++) subjects.push(await registerCitizen(ps));
    // Subject 0 is read three times (registrar1, clerk1, registrar1), the others once each by registrar1.
    const reads: Array<[number, string, string]> = [[0, 'registrar1', 'registrar'], [0, 'clerk1', 'clerk'], [0, 'registrar1', 'registrar'], [1, 'registrar1', 'registrar'], [2, 'registrar1', 'registrar']];
    for (const [s, op, role] of reads) {
      const caseId = `INSIGHT-${randomHex64().slice(0, 8)}`;
      cases.push(caseId);
      const res = await call(ps, 'POST', `/api/v1/identities/${subjects[s]}/personal-data-access`, {
        token: tokenFor(ps.org, op, role), body: { dataset, fields: ['name'], purpose: 'identity-check', legalBasis: 'Resident Identity Card Law art. 19', caseId },
      });
      assert.equal(res.status, 200, res.text);
    }
    const page = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}`, { token: auditor() });
    firstAt = page.body.records[0]?.at ?? '';
    lastAt = page.body.records.at(-1)?.at ?? '';
  });
  after(async () => stopGateways(gw));

  it('searches a subject inside a time window on LevelDB, seeking to it and paging with its own bookmarks', async () => {
    const all = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}`, { token: auditor() });
    assert.equal(all.status, 200, all.text);
    assert.deepEqual(all.body.records.map((r) => r.caseId), cases.slice(0, 3));
    const after1 = new Date(Date.parse(firstAt) + 1).toISOString();
    const windowed = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}&from=${after1}&to=${new Date(Date.parse(lastAt) + 1).toISOString()}`, { token: auditor() });
    assert.deepEqual(windowed.body.records.map((r) => r.caseId), cases.slice(1, 3), 'the entry before the window is not returned');
    assert.ok(windowed.body.cost.read <= 3, `read ${windowed.body.cost.read}`);
    const p1 = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}&pageSize=2`, { token: auditor() });
    assert.equal(p1.body.records.length, 2);
    const p2 = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}&pageSize=2&bookmark=${p1.body.bookmark}`, { token: auditor() });
    assert.deepEqual(p2.body.records.map((r) => r.caseId), [cases[2]]);
    const byCase = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?caseId=${cases[3]}`, { token: auditor() });
    assert.deepEqual(byCase.body.records.map((r) => r.subjectKey), [subjects[1]]);
  });

  it('refuses another query\'s bookmark, a forged one, wrong roles, citizens and another org\'s token', async () => {
    const p1 = await call<SearchPage>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}&pageSize=1`, { token: auditor() });
    const foreign = await call<{ error: { key: string } }>(ps, 'GET', `/api/v1/audit/search?subject=${subjects[1]}&bookmark=${p1.body.bookmark}`, { token: auditor() });
    assert.equal(foreign.status, 400, foreign.text);
    assert.equal(foreign.body.error.key, 'INVALID_ARGUMENT');
    const forged = Buffer.from(`\u0000audit.subject\u0000${'0'.repeat(64)}\u0000`).toString('base64url');
    assert.equal((await call(ps, 'GET', `/api/v1/audit/search?subject=${subjects[1]}&bookmark=${forged}`, { token: auditor() })).status, 400);
    assert.equal((await call(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}`, { token: tokenFor(ps.org, 'clerk1', 'clerk') })).status, 403);
    assert.equal((await call(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}`, { token: tokenFor(ps.org, subjects[0] as string, 'citizen') })).status, 403);
    // Another department's token carries that department's audience: refused before anything else.
    assert.equal((await call(ps, 'GET', `/api/v1/audit/search?subject=${subjects[0]}`, { token: tokenFor('CopyrightOffice', 'auditor1', 'auditor') })).status, 401);
    assert.equal((await call(ps, 'POST', '/api/v1/audit/leak-trace', { token: tokenFor(ps.org, 'registrar1', 'registrar'), body: { subjects } })).status, 403);
  });

  it('ranks the operator who read every subject first, with the cost of the trace', async () => {
    const res = await call<{ operators: Array<{ accessorOperatorId: string; covered: number; accesses: number }>; orgs: Array<{ accessorMsp: string; covered: number }>; complete: boolean; cost: { read: number } }>(
      ps, 'POST', '/api/v1/audit/leak-trace', { token: auditor(), body: { subjects, from: new Date(Date.parse(firstAt) - 1).toISOString() } });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.operators.map((o) => [o.accessorOperatorId, o.covered, o.accesses]), [['registrar1', 3, 4], ['clerk1', 1, 1]]);
    assert.deepEqual(res.body.orgs.map((o) => [o.accessorMsp, o.covered]), [['PublicSecurityMSP', 3]]);
    assert.equal(res.body.complete, true);
    assert.equal(res.body.cost.read, 5);
  });

  it('reports the activity of a window per day and org', async () => {
    const from = new Date(Date.parse(firstAt) - 60_000).toISOString();
    const to = new Date(Date.parse(lastAt) + 60_000).toISOString();
    const res = await call<{ perDay: Array<{ org: string; count: number }>; complete: boolean }>(ps, 'GET', `/api/v1/audit/activity?from=${from}&to=${to}`, { token: auditor() });
    assert.equal(res.status, 200, res.text);
    const ps5 = res.body.perDay.filter((d) => d.org === 'PublicSecurityMSP').reduce((n, d) => n + d.count, 0);
    assert.ok(ps5 >= 5, `at least the 5 accesses of this test (${ps5})`);
    assert.equal(res.body.complete, true);
  });

  it('verifies a deposit publicly without a token and names no person; citizens list their works', async () => {
    const work = Buffer.from(`insight e2e work ${randomHex64()}`);
    const hash = createHash('sha256').update(work).digest('hex');
    const dep = await call<{ data: { depositId: string } }>(co, 'POST', '/api/v1/copyrights', {
      token: tokenFor(co.org, 'registrar1', 'registrar'), body: { contentHash: hash, title: 'Insight work', authors: [subjects[2]], workType: 'literary', ...BECAUSE },
    });
    assert.equal(dep.status, 201, dep.text);
    const pub = await call<{ matches: boolean; certificate: { depositId: string; blockNumber: number }; holders: unknown[] }>(ps, 'GET', `/api/v1/public/works/${hash}`);
    assert.equal(pub.status, 200, pub.text);
    assert.equal(pub.body.certificate.depositId, dep.body.data.depositId);
    assert.ok(pub.body.certificate.blockNumber > 0);
    assert.deepEqual(pub.body.holders, [{ kind: 'person' }]);
    assert.ok(!pub.text.includes(subjects[2] as string), 'the author\'s subject key is not public');
    const none = await call<{ matches: boolean }>(ps, 'GET', `/api/v1/public/works/${createHash('sha256').update(Buffer.concat([work, Buffer.from('x')])).digest('hex')}`);
    assert.equal(none.body.matches, false);
    const mine = await call<{ records: Array<{ deposit: { depositId: string }; relations: string[] }> }>(ps, 'GET', '/api/v1/me/copyrights', { token: tokenFor(ps.org, subjects[2] as string, 'citizen') });
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.body.records.map((r) => [r.deposit.depositId, r.relations]), [[dep.body.data.depositId, ['author', 'holder']]]);
    const theirs = await call<{ records: unknown[] }>(ps, 'GET', '/api/v1/me/copyrights', { token: tokenFor(ps.org, subjects[1] as string, 'citizen') });
    assert.equal(theirs.body.records.length, 0);
  });
});
