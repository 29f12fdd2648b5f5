#!/usr/bin/env node
// A/B comparison of network configurations at saturation (issue 13's tuning log). Each variant is the topology in
// use (network/topology.json, or GOVCHAIN_TOPOLOGY in slot b) with a JSON merge patch applied; the network is
// restarted fresh per variant and every chosen workload is swept over the offered concurrency until its rate stops
// growing (bench/lib/capacity.mjs). Variants run in the order given and the whole list repeats (--repeat), so
// A, B, A, B alternate in one session and see the same background. Every row records the host's load.
//
// usage: node bench/sweep.mjs --variant base={} --variant 'gw1500={"peer":{"limits":{"gatewayService":1500}}}'
//          [--variant name=@patch.json] [--variant 500ms:200] [--repeat 2] [--workloads probe-direct,business-rest]
//          [--levels 64,128,256] [--seconds 15] [--patience 1] [--keep-up]
// A variant `T:N[:P]` is shorthand for {"ordering":{"batchTimeout":T,"maxMessageCount":N},"native":{"goMaxProcs":P}}.
// Hold slot a for the whole comparison (ACQUIRE_SLOT=a /work/locks/acquire <you> 25, or RUN_LOCKED_SLOT=a run-locked).
// The network is torn down at the end (--keep-up leaves the last variant's network running). Writes
// bench/results/ab-<ts>.json (schema govchain-ab/1) and prints one table row per variant and run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTopology } from '@govchain/network';
import { capacityWorkloads, sweep, warmUp } from './lib/capacity.mjs';
import { ROOT, durationMs, ensureUp, machineInfo, teardown, topologyInfo, systemPids } from './lib/env.mjs';
import { DIRECT_SIGNER, directClients } from './lib/fabric.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { hostMonitor } from './lib/host.mjs';
import { setupRun } from './lib/setup.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

const bad = (m) => Object.assign(new Error(m), { key: 'BENCH_BAD_FLAG' });
const fail = (err) => {
  console.error(`[ab] failed: ${err.key ? `${err.key}: ` : ''}${err.message}`);
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
const { values: a } = parseArgs({
  options: {
    variant: { type: 'string', multiple: true }, configs: { type: 'string' }, repeat: { type: 'string' }, workloads: { type: 'string' },
    levels: { type: 'string' }, seconds: { type: 'string' }, patience: { type: 'string' }, 'keep-up': { type: 'boolean', default: false },
  },
});

/** RFC 7386 JSON merge patch: objects merge recursively, null removes, anything else replaces. */
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function parseVariant(spec) {
  const batch = /^(\d+(?:ms|s)):(\d+)(?::(\d+))?$/.exec(spec);
  if (batch) {
    durationMs(batch[1]);
    return { name: spec, patch: { ordering: { batchTimeout: batch[1], maxMessageCount: Number(batch[2]) }, ...(batch[3] ? { native: { goMaxProcs: Number(batch[3]) } } : {}) } };
  }
  const eq = spec.indexOf('=');
  if (eq < 1) throw bad(`--variant ${spec}: want name=<json merge patch>, name=@file.json or BatchTimeout:MaxMessageCount[:GOMAXPROCS]`);
  const name = spec.slice(0, eq);
  const body = spec.slice(eq + 1);
  try {
    return { name, patch: JSON.parse(body.startsWith('@') ? readFileSync(body.slice(1), 'utf8') : body) };
  } catch (err) {
    throw bad(`--variant ${name}: ${err.message}`);
  }
}

const specs = [...(a.variant ?? []), ...(a.configs ? a.configs.split(',') : [])];
if (specs.length === 0) throw bad('give at least one --variant (see the usage at the top of bench/sweep.mjs)');
const variants = specs.map(parseVariant);
const repeat = Number(a.repeat ?? 1);
const levels = (a.levels ?? '64,128,256').split(',').map(Number);
const roundMs = Number(a.seconds ?? 15) * 1000;
const patience = Number(a.patience ?? 1);
const chosen = (a.workloads ?? 'probe-direct,business-rest,mixed-rest').split(',');
if (!(repeat >= 1) || levels.some((l) => !(l >= 1)) || !(roundMs > 0) || !(patience >= 1)) throw bad('--repeat, --levels, --seconds and --patience take positive numbers');

const baseFile = resolve(process.env.GOVCHAIN_TOPOLOGY ?? resolve(ROOT, 'network/topology.json'));
const base = JSON.parse(readFileSync(baseFile, 'utf8'));
const dir = mkdtempSync(resolve(tmpdir(), 'govchain-ab-'));
const log = (s) => console.log(`[ab] ${new Date().toISOString().slice(11, 19)} ${s}`);
// Validate every variant before anything is restarted.
const files = variants.map((v, i) => {
  const file = resolve(dir, `topology-${i}-${v.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  writeFileSync(file, JSON.stringify(mergePatch(base, v.patch), null, 2));
  loadTopology(file);
  return file;
});

async function measure(v, file, run) {
  process.env.GOVCHAIN_TOPOLOGY = file;
  log(`variant ${v.name} (run ${run + 1}/${repeat}): fresh network with ${JSON.stringify(v.patch)}`);
  teardown(log);
  await ensureUp(log);
  const fabric = directClients();
  const host = hostMonitor(systemPids);
  try {
    const orgs = departmentsByRole();
    const seed = runSeed();
    const w = workloads(seed, fabric, orgs);
    const ctx = await setupRun(w, fabric, orgs, seed);
    const cap = capacityWorkloads(w, ctx);
    const list = cap.list.filter((x) => chosen.includes(x.id));
    await warmUp(list, 3000);
    const sweeps = await sweep(list, { levels, roundMs, maxOps: 1_000_000, pids: ctx.pids, patience, log });
    return { variant: v.name, patch: v.patch, run, topology: topologyInfo(), host: host.stop(), sweeps };
  } finally {
    fabric.close();
  }
}

const startedAt = new Date().toISOString();
const rows = [];
try {
  for (let run = 0; run < repeat; run++) for (const [i, v] of variants.entries()) rows.push(await measure(v, files[i], run));
} finally {
  if (!a['keep-up']) teardown(log);
  if (process.env.GOVCHAIN_TOPOLOGY !== baseFile) {
    if (baseFile === resolve(ROOT, 'network/topology.json')) delete process.env.GOVCHAIN_TOPOLOGY;
    else process.env.GOVCHAIN_TOPOLOGY = baseFile;
  }
}
const out = resolve(ROOT, 'bench/results', `ab-${startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({ schema: 'govchain-ab/1', startedAt, finishedAt: new Date().toISOString(), machine: machineInfo(), directSigner: DIRECT_SIGNER, levels, roundMs, patience, workloads: chosen, rows }, null, 2)}\n`);
console.log(`\n| variant | run | ${chosen.map((id) => `${id} plateau @ clients (p99 ms, CPU ms/tx)`).join(' | ')} | other processes (cores) |`);
console.log(`| --- | --- | ${chosen.map(() => '---').join(' | ')} | --- |`);
for (const r of rows) {
  const cells = chosen.map((id) => {
    const p = r.sweeps[id]?.plateau;
    return p ? `${p.rate} @ ${p.concurrency}${p.reached ? '' : '+'} (${p.p99Ms}, ${p.cpuMsPer})` : '–';
  });
  console.log(`| ${r.variant} | ${r.run + 1} | ${cells.join(' | ')} | ${r.host.otherProcesses.cores}${r.host.contaminated ? ' (contaminated)' : ''} |`);
}
log(`wrote ${out}`);
process.exit(0);
