import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../testing/test-app';

const SUBJECT = 'c'.repeat(64);

describe('audit search, leak trace and activity routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
    t.ledger.on('Audit:Search', () => ({ records: [], bookmark: '', complete: true, withheld: 0, cost: { index: 'subject', read: 0, pages: 1 } }));
    t.ledger.on('Audit:TraceSubjects', () => ({ subjects: [], cursor: null, cost: { read: 0, pages: 1 } }));
    t.ledger.on('Audit:Activity', () => ({ records: [], bookmark: '', withheld: 0, cost: { read: 0, pages: 1 } }));
  });
  after(async () => t.close());

  const auditor = () => t.token({ sub: 'auditor1', role: 'auditor' });
  const get = (path: string, token = auditor()) => fetch(t.url + path, { headers: { authorization: `Bearer ${token}` } });
  const post = (path: string, body: unknown, token = auditor()) => fetch(t.url + path, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `k-${Math.random()}` }, body: JSON.stringify(body),
  });
  const keyOf = async (res: Response) => ((await res.json()) as { error: { key: string } }).error.key;

  test('search passes the filter to Audit:Search as the auditor, and is not /audit/{accessId}', async () => {
    const res = await get(`/api/v1/audit/search?subject=${SUBJECT}&dataset=resident-identity&from=2025-01-01T00:00:00.000Z&pageSize=5`);
    assert.equal(res.status, 200, await res.clone().text());
    const call = t.ledger.calls.at(-1);
    assert.equal(call?.req.transaction, 'Search');
    assert.equal(call?.operatorId, 'auditor1');
    assert.deepEqual(JSON.parse(call?.req.args[0] ?? ''), { subject: SUBJECT, dataset: 'resident-identity', from: '2025-01-01T00:00:00.000Z' });
    assert.deepEqual(call?.req.args.slice(1), ['5', '']);
  });

  test('wrong role, a citizen, crafted input: refused before Fabric', async () => {
    const before = t.ledger.calls.length;
    assert.equal((await get(`/api/v1/audit/search?subject=${SUBJECT}`, t.token({ sub: 'clerk1', role: 'clerk' }))).status, 403);
    assert.equal((await get(`/api/v1/audit/search?subject=${SUBJECT}`, t.token({ sub: SUBJECT, role: 'citizen' }))).status, 403);
    assert.equal(await keyOf(await get('/api/v1/audit/search?bookmark=%00audit')), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await get('/api/v1/audit/search?subject=ABC')), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await get('/api/v1/audit/search?from=2025-02-01T00:00:00.000Z&to=2025-01-01T00:00:00.000Z')), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await get('/api/v1/audit/search?sealed=true')), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await get('/api/v1/audit/activity?from=2025-01-01T00:00:00.000Z&to=2025-06-01T00:00:00.000Z')), 'INVALID_ARGUMENT', 'more than 92 days');
    assert.equal(await keyOf(await get('/api/v1/audit/activity?from=2025-01-01T00:00:00.000Z&to=2025-01-02T00:00:00.000Z&officeStart=25:00')), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await post('/api/v1/audit/leak-trace', { subjects: [] })), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await post('/api/v1/audit/leak-trace', { subjects: [SUBJECT, SUBJECT] })), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await post('/api/v1/audit/leak-trace', { subjects: Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(64, '0')) })), 'INVALID_ARGUMENT');
    assert.equal(await keyOf(await post('/api/v1/audit/leak-trace', { subjects: [SUBJECT], cursor: { subject: 0, bookmark: '' } })), 'INVALID_ARGUMENT', 'clients cannot pass a cursor');
    assert.equal((await post('/api/v1/audit/leak-trace', { subjects: [SUBJECT] }, t.token({ sub: 'registrar1', role: 'registrar' }))).status, 403);
    assert.equal(t.ledger.calls.length, before, 'nothing reached Fabric');
  });

  test('leak trace and activity answer their reports', async () => {
    const trace = await post('/api/v1/audit/leak-trace', { subjects: [SUBJECT], from: '2025-01-01T00:00:00.000Z' });
    assert.equal(trace.status, 200);
    assert.equal(trace.headers.get('cache-control'), 'no-store');
    const report = (await trace.json()) as { subjects: number; complete: boolean };
    assert.equal(report.subjects, 1);
    assert.equal(report.complete, true);
    const activity = await get('/api/v1/audit/activity?from=2025-01-01T00:00:00.000Z&to=2025-01-31T00:00:00.000Z&weekdays=1,2,3');
    assert.equal(activity.status, 200);
    assert.deepEqual(JSON.parse(t.ledger.calls.at(-1)?.req.args[0] ?? ''), { from: '2025-01-01T00:00:00.000Z', to: '2025-01-31T00:00:00.000Z', bookmark: '' });
  });

  test('session routes say who signed in; citizens reach only their own copyrights', async () => {
    const me = await get('/api/v1/operators/me');
    assert.deepEqual(await me.json(), { kind: 'operator', operatorId: 'auditor1', org: 'PublicSecurity', role: 'auditor' });
    const citizen = t.token({ sub: SUBJECT, role: 'citizen' });
    assert.deepEqual(await (await get('/api/v1/me', citizen)).json(), { kind: 'citizen', subject: SUBJECT, org: 'PublicSecurity' });
    assert.equal((await get('/api/v1/operators/me', citizen)).status, 403);
    assert.equal((await get('/api/v1/me')).status, 403);
    assert.equal((await get('/api/v1/me/copyrights', citizen)).status, 200);
    const call = t.ledger.calls.at(-1);
    assert.equal(call?.req.transaction, 'ListByPerson');
    assert.equal(call?.req.args[0], SUBJECT);
    assert.equal((await get('/api/v1/me/copyrights?subject=' + 'd'.repeat(64), citizen)).status, 400);
  });
});
