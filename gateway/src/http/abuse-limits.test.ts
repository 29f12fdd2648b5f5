import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createMetrics } from '../observability/metrics';
import { createOpsApp } from '../observability/ops-app';
import { HealthService } from '../services/health-service';
import { FakeLedger } from '../../testing/fake-ledger';
import { startTestApp } from '../../testing/test-app';

const keyOf = async (res: Response): Promise<{ key: string; details?: { scope?: string; reason?: string } }> =>
  ((await res.json()) as { error: { key: string; details?: { scope?: string; reason?: string } } }).error;

test('the per-IP limit applies before authentication: anonymous floods get 429, and so does a valid token from that address', async () => {
  const t = await startTestApp({ ipRateLimitPerMinute: 3 });
  try {
    for (let i = 0; i < 3; i++) assert.equal((await fetch(`${t.url}/api/v1/properties/ABC-123456`)).status, 401);
    const flooded = await fetch(`${t.url}/api/v1/properties/ABC-123456`);
    assert.equal(flooded.status, 429);
    assert.deepEqual(await keyOf(flooded), { code: 429, key: 'RATE_LIMITED', message: 'too many requests from this address; slow down', details: { scope: 'ip' } });
    const valid = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub: 'registrar1', role: 'registrar' })}` } });
    assert.equal(valid.status, 429, 'the limit is counted before the token is even looked at');
    assert.equal((await fetch(`${t.url}/ready`)).status, 429, 'anonymous readiness probes count too');
  } finally {
    await t.close();
  }
});

test('/ready answers from a cache: 60 anonymous probes (40 at once) cause one chaincode ping', async () => {
  const t = await startTestApp({ readyCacheMs: 60_000 });
  try {
    const burst = await Promise.all(Array.from({ length: 40 }, () => fetch(`${t.url}/ready`)));
    assert.ok(burst.every((r) => r.status === 200));
    for (let i = 0; i < 20; i++) assert.equal((await fetch(`${t.url}/ready`)).status, 200);
    assert.equal(t.services.health.pings, 1);
  } finally {
    await t.close();
  }
});

test('readiness pings again after the cache time, and a failure is reused for at most a second', async () => {
  let now = 0;
  const ledger = new FakeLedger();
  const health = new HealthService(ledger, 'auditor1', 5000, () => now);
  await health.ready();
  now = 4999;
  await health.ready();
  assert.equal(health.pings, 1);
  now = 5000;
  ledger.pingError = Object.assign(new Error('down'), { status: 503 }) as never;
  await assert.rejects(health.ready());
  now = 5500;
  await assert.rejects(health.ready());
  assert.equal(health.pings, 2);
  ledger.pingError = undefined;
  now = 6000;
  await health.ready();
  assert.equal(health.pings, 3);
});

test('/metrics is served by the operations app, not the API app', async () => {
  const t = await startTestApp();
  const metrics = createMetrics(false);
  const ops = createOpsApp({ metrics, health: t.services.health, org: 'PublicSecurity' }).listen(0, '127.0.0.1');
  await new Promise<void>((r) => ops.once('listening', () => r()));
  try {
    const opsUrl = `http://127.0.0.1:${(ops.address() as AddressInfo).port}`;
    metrics.httpDuration.observe({ method: 'GET', route: '/x', status: '200' }, 0.01);
    const res = await fetch(`${opsUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /govchain_gateway_http_request_duration_seconds_bucket/);
    assert.equal((await fetch(`${opsUrl}/ready`)).status, 200);
    const other = await fetch(`${opsUrl}/api/v1/properties/ABC-123456`);
    assert.equal(other.status, 404);
    assert.equal((await keyOf(other)).key, 'ROUTE_NOT_FOUND');
    assert.equal((await fetch(`${t.url}/metrics`)).status, 404);
  } finally {
    await new Promise<void>((r) => ops.close(() => r()));
    await t.close();
  }
});

test('an operator whose certificate has no govchain.role is refused (403 FORBIDDEN_ROLE), never waved through', async () => {
  const t = await startTestApp();
  try {
    const res = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub: 'norole1', role: 'registrar' })}` } });
    assert.equal(res.status, 403);
    const e = await keyOf(res);
    assert.equal(e.key, 'FORBIDDEN_ROLE');
    assert.equal(e.details?.reason, 'certificate_has_no_role');
  } finally {
    await t.close();
  }
});
