import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { operationsOf, runHostile, type OpenApiDoc } from '../support/hostile';
import { tokenSet } from '../support/tokens';
import { startGateway, stopGateways, type TestGateway } from './gateway-support';

/**
 * Hostile input generated from the gateways' own OpenAPI document (fast-check): wrong types, boundary lengths,
 * control/bidi Unicode, deep nesting, huge numbers, forged bookmarks, path tricks, duplicate keys, bad
 * encodings, hostile headers and malformed HTTP, sent to two real gateways on the real network.
 * GOVCHAIN_HOSTILE_COUNT (default 8000, about 20 s here) and GOVCHAIN_HOSTILE_SEED reproduce a run; the 10,000-request run is
 * `npm run bench -- --hostile --count 10000`.
 */
describe('hostile input against real gateways', () => {
  let gws: Record<string, TestGateway> = {};
  before(async () => {
    // One token per role sends thousands of requests: lift the per-operator limit so they reach the deep layers.
    const started = await Promise.all(['PublicSecurity', 'NaturalResources'].map((org) => startGateway(org, { GOVCHAIN_RATE_LIMIT_PER_MINUTE: '1000000' })));
    gws = Object.fromEntries(started.map((g) => [g.org, g]));
  });
  after(async () => stopGateways(gws));

  it('answers every hostile request with no 5xx, no dropped connection and an error key on every 4xx; no gateway crashes', async () => {
    const count = Number(process.env.GOVCHAIN_HOSTILE_COUNT ?? 8000);
    const seed = Number(process.env.GOVCHAIN_HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const gateways = await Promise.all(
      Object.values(gws).map(async (g) => ({ url: g.url, ops: operationsOf((await (await fetch(`${g.url}/openapi.json`)).json()) as OpenApiDoc), tokens: tokenSet(g.org) })),
    );
    assert.ok(gateways.every((g) => g.ops.length > 50), 'the OpenAPI document lists the API');
    const report = await runHostile({ gateways, count, seed, concurrency: 8 });
    console.log(`[hostile] seed ${seed}: ${JSON.stringify({ ...report, violations: report.violations.length })}`);
    assert.equal(report.requests, count);
    assert.ok(report.requests - report.clientRefused >= count * 0.9, 'almost every request reached a gateway');
    assert.deepEqual(report.violationKinds, {}, `GOVCHAIN_HOSTILE_SEED=${seed} reproduces this run; examples: ${JSON.stringify(report.violations, null, 1)}`);
    assert.equal(report.fivexx + report.noResponse + report.fourxxWithoutKey, 0);
    assert.ok(Object.keys(report.fourxxByKey).length >= 5, 'the run reached many distinct refusals');
    for (const g of Object.values(gws)) {
      assert.ok(g.running(), `${g.org} gateway is still running`);
      assert.equal((await fetch(`${g.url}/live`)).status, 200);
    }
  });
});
