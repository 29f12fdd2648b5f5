import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
const SUBJECT = 'c'.repeat(64);
const ORDER = { subjectKey: SUBJECT, caseId: 'CASE-7', accessorMsp: 'PublicSecurityMSP', legalAuthority: 'Criminal Procedure Law art. 152', reason: 'investigation', endsAt: '2030-01-01T00:00:00.000Z' };

before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const post = (path: string, body: unknown, sub: string, role: string) => fetch(t.url + path, {
  method: 'POST', headers: { authorization: `Bearer ${t.token({ sub, role })}`, 'content-type': 'application/json', 'idempotency-key': 'seal-1' }, body: JSON.stringify(body),
});

test('sealing orders are issued and ended by investigators only (other roles and citizens 403, nothing sent)', async () => {
  t.ledger.calls.length = 0;
  for (const [sub, role] of [['clerk1', 'clerk'], ['auditor1', 'auditor'], ['admin1', 'admin'], ['registrar1', 'registrar'], [SUBJECT, 'citizen']] as const) {
    assert.equal((await post('/api/v1/sealing-orders', ORDER, sub, role)).status, 403, role);
    assert.equal((await post('/api/v1/sealing-orders/tx1/end', { reason: 'closed' }, sub, role)).status, 403, role);
  }
  assert.equal(t.ledger.calls.length, 0);
  t.ledger.on('Audit:IssueSealingOrder', () => ({ orderId: 'tx1' }));
  assert.equal((await post('/api/v1/sealing-orders', ORDER, 'investigator1', 'investigator')).status, 201);
  assert.deepEqual(t.ledger.calls[0]?.req.args, ['seal-1', JSON.stringify(ORDER)]);
  assert.equal((await post('/api/v1/sealing-orders/tx1/end', { reason: 'closed' }, 'investigator1', 'investigator')).status, 201);
  assert.deepEqual(JSON.parse(t.ledger.calls[1]?.req.args[1] ?? '{}'), { orderId: 'tx1', reason: 'closed' });
});

test('crafted sealing input is 400 before Fabric: bad times, unknown fields, bad ids', async () => {
  t.ledger.calls.length = 0;
  for (const body of [{ ...ORDER, endsAt: 'tomorrow' }, { ...ORDER, sealedUntil: ORDER.endsAt }, { ...ORDER, subjectKey: 'x' }, { ...ORDER, extendsOrderId: '../etc' }]) {
    assert.equal((await post('/api/v1/sealing-orders', body, 'investigator1', 'investigator')).status, 400);
  }
  assert.equal((await post('/api/v1/sealing-orders/bad%20id/end', { reason: 'x' }, 'investigator1', 'investigator')).status, 400);
  assert.equal(t.ledger.calls.length, 0);
});

test('the citizen\'s access log is not cached and carries the withheld summary from the chaincode', async () => {
  t.ledger.on('Audit:ListBySubject', () => ({ records: [], bookmark: '', fetched: 0, withheld: { count: 2, releases: ['2030-01-01T00:00:00.000Z', null], complete: true } }));
  const res = await fetch(`${t.url}/api/v1/me/access-log`, { headers: { authorization: `Bearer ${t.token({ sub: SUBJECT, role: 'citizen' })}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(((await res.json()) as { withheld: { count: number } }).withheld.count, 2);
});
