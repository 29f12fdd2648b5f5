#!/usr/bin/env node
// Measures p50/p99 latency of identity registration (stage + register, two committed transactions) and of an
// identity read, sequentially, through a running gateway of the identity registrar org.
// usage: npm run gateway:latency -- [--url http://127.0.0.1:3001] [--org PublicSecurity] [--n 50]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { personalData, runSeed } from './lib/fixtures.mjs';
import { devToken } from './lib/rest.mjs';

/** p-th percentile (nearest rank) of sorted samples. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:3001' }, org: { type: 'string', default: 'PublicSecurity' }, n: { type: 'string', default: '50' } } });
const { url, org } = values;
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1 || n > 100_000) {
  process.stderr.write(`--n must be a whole number between 1 and 100000 (got ${values.n})\n`);
  process.exit(2);
}
const registrar = devToken(org, 'registrar1', 'registrar');
const clerk = devToken(org, 'clerk1', 'clerk');
const seed = runSeed();
const writes = [];
const reads = [];
const subjects = [];
for (let i = 0; i < n; i++) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/identities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json', 'idempotency-key': `lat-${randomUUID()}` },
    body: JSON.stringify({ personalData: personalData(seed, i) }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await res.json();
  writes.push(performance.now() - t0);
  if (res.status !== 201 || !body.data?.subjectKey) throw new Error(`registration failed with ${res.status}`);
  subjects.push(body.data.subjectKey);
}
for (let i = 0; i < n * 4; i++) {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/identities/${subjects[i % subjects.length]}`, { headers: { authorization: `Bearer ${clerk}` }, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  reads.push(performance.now() - t0);
  if (res.status !== 200) throw new Error(`read failed with ${res.status}`);
}
const fmt = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n=${s.length} p50=${percentile(s, 50).toFixed(1)} ms p99=${percentile(s, 99).toFixed(1)} ms`;
};
process.stdout.write(`registration (POST /api/v1/identities: stage + register, 2 commits): ${fmt(writes)}\n`);
process.stdout.write(`read (GET /api/v1/identities/{subject}): ${fmt(reads)}\n`);
