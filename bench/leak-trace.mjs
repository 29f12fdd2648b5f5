#!/usr/bin/env node
// The cost of leak tracing (Audit:TraceSubjects, POST /api/v1/audit/leak-trace) on a ledger of N audit entries.
// Loads the ledger like P5 (registered citizens, then legacy access-log batches through Audit:ImportEntries, 500
// entries per committed transaction, same keys and indexes as live entries), seeds a leak (one operator read most
// of a set of subjects inside a one-week window), then times the trace with and without the window and reports the
// index entries and pages it read. Needs the network up (npm run network:up); --rest also needs the identity
// registrar's gateway (npm run gateway -- start --detach --org PublicSecurity). Hold the machine lock.
// usage: node bench/leak-trace.mjs [--entries 100000] [--subjects 1000] [--leaked 50] [--covered 45] [--rest]
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { BENCH_DATASET, ensureDataset } from './lib/audit.mjs';
import { directClients } from './lib/fabric.mjs';
import { closedLoop } from './lib/load.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { request } from './lib/rest.mjs';
import { summarize } from './lib/stats.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

const { values: a } = parseArgs({ options: {
  entries: { type: 'string', default: '100000' }, subjects: { type: 'string', default: '1000' }, leaked: { type: 'string', default: '50' },
  covered: { type: 'string', default: '45' }, rest: { type: 'boolean', default: false }, repeat: { type: 'string', default: '10' },
} });
const N = Number(a.entries);
const SUBJECTS = Number(a.subjects);
const LEAKED = Number(a.leaked);
const COVERED = Number(a.covered);
const REPEAT = Number(a.repeat);
if (!(N >= 1000 && SUBJECTS >= LEAKED && LEAKED >= COVERED && COVERED >= 1 && LEAKED <= 200 && REPEAT >= 1)) {
  console.error('BENCH_BAD_FLAG: need --entries >= 1000, --subjects >= --leaked >= --covered >= 1, --leaked <= 200');
  process.exit(2);
}
const log = (m) => console.log(`[leak-trace] ${new Date().toISOString().slice(11, 19)} ${m}`);
const fabric = directClients();
const orgs = departmentsByRole();
const seed = runSeed();
const w = workloads(seed, fabric, orgs);

// The seeded leak happens in one week of 2024; the background spans 2019-2025.
const WINDOW = { from: '2024-03-04T00:00:00.000Z', to: '2024-03-11T00:00:00.000Z' };
const SPAN = { start: Date.UTC(2019, 0, 1), end: Date.UTC(2025, 6, 1) };
let rng = seed.base || 1;
const random = () => ((rng = (rng * 48271) % 2147483647) / 2147483647);

/** Entry n of the ledger: the first COVERED are the leaker's, inside the window; the rest are background. */
function entryOf(n, subjects) {
  const leaker = n < COVERED;
  const at = leaker ? Date.parse(WINDOW.from) + (n + 1) * 3_600_000 : SPAN.start + Math.floor(random() * (SPAN.end - SPAN.start));
  return {
    subjectKey: leaker ? subjects[n] : subjects[Math.floor(random() * subjects.length)], dataset: BENCH_DATASET, fields: ['name'],
    purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: `lt-${seed.tag}-${n}`,
    accessorOperatorId: leaker ? 'legacy.leaker' : `legacy.clerk${n % 50}`, role: 'clerk', at: new Date(at).toISOString(),
  };
}

async function main() {
  await ensureDataset(fabric, orgs);
  log(`registering ${SUBJECTS} citizens`);
  const subjects = [];
  const reg = await closedLoop({ concurrency: 24, durationMs: 30 * 60_000, maxOps: SUBJECTS, op: async (i) => {
    const r = await w.direct.identity(i);
    subjects.push(r.subjectKey ?? r.data?.subjectKey);
  } });
  if (subjects.length < SUBJECTS) throw Object.assign(new Error(`registered ${subjects.length} of ${SUBJECTS}: ${JSON.stringify(reg.errors)}`), { key: 'LOAD_FAILED' });
  subjects.sort();
  const leaked = subjects.slice(0, LEAKED);
  log(`importing ${N} entries in batches of 500`);
  let next = 0;
  let loaded = 0;
  const t0 = performance.now();
  const imp = await closedLoop({ concurrency: 6, durationMs: 60 * 60_000, maxOps: Math.ceil(N / 500), op: async () => {
    const first = next;
    const count = Math.min(500, N - first);
    next += count;
    const entries = Array.from({ length: count }, (_, k) => entryOf(first + k, subjects));
    await fabric.submit(orgs.identity.name, 'admin1', 'Audit:ImportEntries', [`lt-${seed.tag}-${first}`, JSON.stringify({ batchId: `lt-${seed.tag}-${first}`, source: 'bench: leak-trace ledger', legalAuthority: 'GovChain bench', entries })]);
    loaded += count;
    if (loaded % 20_000 < 500) log(`${loaded} of ${N} entries committed`);
  } });
  const loadS = Math.round(performance.now() - t0) / 1000;
  if (loaded < N) throw Object.assign(new Error(`imported ${loaded} of ${N}: ${JSON.stringify(imp.errors)}`), { key: 'LOAD_FAILED' });

  const direct = async (input) => {
    const times = [];
    let last;
    for (let i = 0; i < REPEAT; i++) {
      const start = performance.now();
      let cursor = null;
      const cost = { calls: 0, read: 0, pages: 0 };
      const accessors = new Map();
      do {
        const r = await fabric.evaluate(orgs.identity.name, 'auditor1', 'Audit:TraceSubjects', [JSON.stringify({ ...input, ...(cursor ? { cursor } : {}) })]);
        cost.calls++;
        cost.read += r.cost.read;
        cost.pages += r.cost.pages;
        for (const s of r.subjects) for (const x of s.accessors) accessors.set(x.accessorOperatorId, (accessors.get(x.accessorOperatorId) ?? new Set()).add(s.subjectKey));
        cursor = r.cursor;
      } while (cursor);
      times.push(performance.now() - start);
      const top = [...accessors.entries()].sort((p, q) => q[1].size - p[1].size)[0];
      last = { cost, top: top ? { operator: top[0], covered: top[1].size } : null };
    }
    return { latency: summarize(times), ...last };
  };
  const rest = async (input) => {
    const token = w.token(orgs.identity.name, 'auditor1', 'auditor');
    const times = [];
    let last;
    for (let i = 0; i < REPEAT; i++) {
      const start = performance.now();
      const r = await request(orgs.identity.gatewayPort, 'POST', '/api/v1/audit/leak-trace', { token, body: input, idempotencyKey: `lt-${seed.tag}-rest-${i}-${Math.random()}` });
      times.push(performance.now() - start);
      last = { cost: r.body.cost, top: r.body.operators[0] ? { operator: r.body.operators[0].accessorOperatorId, covered: r.body.operators[0].covered } : null };
    }
    return { latency: summarize(times), ...last };
  };
  const inputs = { window: { subjects: leaked, ...WINDOW }, noWindow: { subjects: leaked } };
  const results = {};
  for (const [name, input] of Object.entries(inputs)) {
    results[name] = { direct: await direct(input), ...(a.rest ? { rest: await rest(input) } : {}) };
    log(`${name}: ${JSON.stringify(results[name])}`);
  }
  const report = {
    at: new Date().toISOString(), entries: N, subjects: SUBJECTS, leaked: LEAKED, leakerCovers: COVERED, window: WINDOW, loadSeconds: loadS,
    importTxPerS: imp.tps, repeat: REPEAT, results,
  };
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `leak-trace-${report.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
  log(`written to ${file}`);
}

main().catch((err) => {
  console.error(`[leak-trace] ${err.key ?? 'FAILED'}: ${err.message}`);
  process.exitCode = 1;
}).finally(() => fabric.close());
