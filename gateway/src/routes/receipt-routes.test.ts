import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
before(async () => {
  t = await startTestApp();
});
after(async () => t.close());

const get = (path: string, token?: string) => fetch(t.url + path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const key = async (res: Response) => ((await res.json()) as { error: { key: string } }).error.key;
const TX = 'a'.repeat(64);

test('receipt and certificate routes authenticate, validate ids and never answer 5xx for a client mistake', async () => {
  const clerk = t.token({ sub: 'clerk1', role: 'clerk' });
  for (const path of [`/api/v1/receipts/${TX}`, `/api/v1/receipts/${TX}/parts/0`, '/api/v1/copyrights/CR-0/certificate.pdf', '/api/v1/properties/P-1/certificate.pdf', '/api/v1/businesses/x/certificate.pdf']) {
    const res = await get(path);
    assert.equal(res.status, 401, path);
    assert.equal(await key(res), 'UNAUTHENTICATED');
  }
  for (const path of ['/api/v1/receipts/abc', `/api/v1/receipts/${TX.toUpperCase()}`, `/api/v1/receipts/${TX}/parts/-1`, `/api/v1/receipts/${TX}/parts/x`, '/api/v1/businesses/not-a-code/certificate.pdf']) {
    const res = await get(path, clerk);
    assert.equal(res.status, 400, path);
    assert.equal(await key(res), 'INVALID_ARGUMENT');
  }
  const other = await get(`/api/v1/receipts/${TX}`, t.token({ sub: 'clerk1', role: 'clerk', org: 'CopyrightOffice' }));
  assert.equal(other.status, 403);
  assert.equal(await key(other), 'FORBIDDEN_ORG');
  // No Fabric behind the unit-test app: 503 with a key that says so, not a crash.
  const res = await get(`/api/v1/receipts/${TX}`, clerk);
  assert.equal(res.status, 503);
  assert.equal(await key(res), 'PEER_UNAVAILABLE');
});

test('the public receipt route needs no token but the certificate\'s evidence', async () => {
  assert.equal((await get(`/api/v1/public/receipts/${TX}`)).status, 400);
  const bad = await get(`/api/v1/public/receipts/${TX}?evidence=xyz`);
  assert.equal(bad.status, 400);
  assert.equal(await key(bad), 'INVALID_ARGUMENT');
  const extra = await get(`/api/v1/public/receipts/${TX}?evidence=${TX}&x=1`);
  assert.equal(extra.status, 400, 'unknown query fields are refused');
});
