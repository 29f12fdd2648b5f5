import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, startGateway, tokenFor } from './gateway-support';

/** Sum of the evaluate-stage observations in the gateway's metrics (every chaincode evaluation, pings included). */
async function evaluations(opsUrl: string): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  return [...text.matchAll(/^govchain_gateway_fabric_stage_duration_seconds_count\{[^}]*stage="evaluate"[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('abuse limits on a real gateway', () => {
  it('/ready answers 100 anonymous probes (50 at once) with at most one chaincode evaluation', async () => {
    const gw = await startGateway('MarketRegulation', { GOVCHAIN_READY_CACHE_MS: '60000' });
    try {
      const before = await evaluations(gw.opsUrl);
      const burst = await Promise.all(Array.from({ length: 50 }, () => call(gw, 'GET', '/ready')));
      for (let i = 0; i < 50; i++) burst.push(await call(gw, 'GET', '/ready'));
      assert.ok(burst.every((r) => r.status === 200));
      assert.ok((await evaluations(gw.opsUrl)) - before <= 1, 'probes were answered from the cache');
    } finally {
      await gw.stop();
    }
  });

  it('the per-IP limit stops anonymous floods before authentication (429 RATE_LIMITED, scope ip), also for valid tokens', async () => {
    const gw = await startGateway('MarketRegulation', { GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      // The start-up readiness probe counted too: garbage tokens get 401 until the limit, then 429 (scope ip).
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await call(gw, 'GET', '/api/v1/governance/config', { token: 'garbage' })).status);
      const first = statuses.indexOf(429);
      assert.ok(first >= 3 && statuses.slice(0, first).every((s) => s === 401) && statuses.slice(first).every((s) => s === 429), statuses.join(','));
      const limited = await call<{ error: { key: string; details: { scope: string } } }>(gw, 'GET', '/api/v1/governance/config', { token: tokenFor(gw.org, 'auditor1', 'auditor') });
      assert.equal(limited.status, 429, 'a valid token from the same address is limited too: the limit runs before authentication');
      assert.equal(limited.body.error.key, 'RATE_LIMITED');
      assert.equal(limited.body.error.details.scope, 'ip');
    } finally {
      await gw.stop();
    }
  });

  it('/metrics is on the loopback operations port, not the API port', async () => {
    const gw = await startGateway('MarketRegulation');
    try {
      assert.equal((await call(gw, 'GET', '/metrics')).status, 404);
      const ops = await fetch(`${gw.opsUrl}/metrics`);
      assert.equal(ops.status, 200);
      assert.match(await ops.text(), /govchain_gateway_http_request_duration_seconds/);
      assert.equal(new URL(gw.opsUrl).hostname, '127.0.0.1');
    } finally {
      await gw.stop();
    }
  });
});
