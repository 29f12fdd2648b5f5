// Robustness run (issue 10): `npm run bench -- --hostile --count 10000 [--seed S] [--concurrency C]`.
// Hostile requests generated from each department gateway's OpenAPI document (test/src/support/hostile.ts), sent
// to every running department gateway on the real network. Not a performance figure: it counts answers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { departments, loadTopology } from '@govchain/network';
import { ROOT } from './env.mjs';

const support = (name) => import(resolve(ROOT, 'test', 'dist', 'support', `${name}.js`));

/** Runs the hostile suite against every department gateway; writes bench/results/hostile-<ts>.json. */
export async function hostileRun({ count, seed, concurrency, log }) {
  const { operationsOf, runHostile } = await support('hostile');
  const { tokenSet } = await support('tokens');
  const orgs = departments(loadTopology());
  const gateways = await Promise.all(orgs.map(async (o) => {
    const url = `http://127.0.0.1:${o.gatewayPort}`;
    const doc = await (await fetch(`${url}/openapi.json`)).json();
    return { org: o.name, url, ops: operationsOf(doc), tokens: tokenSet(o.name) };
  }));
  const startedAt = new Date().toISOString();
  const t0 = Date.now();
  const report = await runHostile({
    gateways, count, seed, concurrency,
    onProgress: (done, r) => log(`[hostile] ${done}/${count}: 5xx ${r.fivexx}, no response ${r.noResponse}, 4xx without key ${r.fourxxWithoutKey}`),
  });
  const alive = await Promise.all(gateways.map(async (g) => {
    try {
      return { org: g.org, live: (await fetch(`${g.url}/live`, { signal: AbortSignal.timeout(5000) })).status === 200 };
    } catch {
      return { org: g.org, live: false };
    }
  }));
  const result = { schema: 'govchain-hostile/1', startedAt, seconds: (Date.now() - t0) / 1000, count, seed, concurrency, gateways: gateways.map((g) => g.org), alive, ...report };
  const dir = resolve(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `hostile-${startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return { file, result };
}
