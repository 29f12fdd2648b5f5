#!/usr/bin/env node
// Orderer batch sweep (issue 4, "tune batch size and timeout"): for each BatchTimeout/MaxMessageCount pair, restart
// the network from a copy of the topology with only `ordering` changed, then measure saturated REST
// Business:Register (closed loop), p99 at half that rate (open loop) and CPU per committed tx.
// usage: node bench/sweep.mjs [--configs 250ms:100,100ms:100,250ms:100:1,...] [--seconds 20] [--concurrency 32]
// An optional third field sets GOMAXPROCS for the Fabric nodes of that configuration (default: the Go runtime's).
// Leaves the network on the default topology when it finishes (or fails). Writes bench/results/sweep-<ts>.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, durationMs, ensureUp, machineInfo, systemPids } from './lib/env.mjs';
import { directClients } from './lib/fabric.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { closedLoop, openLoop } from './lib/load.mjs';
import { withCpu } from './lib/throughput.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

const { values: a } = parseArgs({ options: { configs: { type: 'string' }, seconds: { type: 'string' }, concurrency: { type: 'string' } } });
const configs = (a.configs ?? '250ms:100,100ms:100,500ms:100,1s:100,250ms:10,250ms:25').split(',').map((s) => {
  const [batchTimeout, count, procs] = s.split(':');
  const maxMessageCount = Number(count);
  durationMs(batchTimeout); // throws on a malformed duration before anything is restarted
  if (!Number.isInteger(maxMessageCount) || maxMessageCount < 1) throw new Error(`--configs: bad MaxMessageCount in "${s}" (want e.g. 250ms:100)`);
  if (procs !== undefined && !/^[1-9]\d*$/.test(procs)) throw new Error(`--configs: bad GOMAXPROCS in "${s}" (want e.g. 250ms:100:1)`);
  return { batchTimeout, maxMessageCount, ...(procs ? { goMaxProcs: Number(procs) } : {}) };
});
const seconds = Number(a.seconds ?? 20);
const concurrency = Number(a.concurrency ?? 32);
const log = (s) => console.log(`[sweep] ${new Date().toISOString().slice(11, 19)} ${s}`);
const CLI = resolve(ROOT, 'network/dist/cli.js');
const GATEWAYS = resolve(ROOT, 'gateway/dist/cli/gateways.js');
const baseFile = resolve(ROOT, 'network/topology.json');
const dir = mkdtempSync(resolve(tmpdir(), 'govchain-sweep-'));

function restart(topologyFile) {
  if (topologyFile) process.env.GOVCHAIN_TOPOLOGY = topologyFile;
  else delete process.env.GOVCHAIN_TOPOLOGY;
  execFileSync(process.execPath, [GATEWAYS, 'stop'], { stdio: 'inherit', timeout: 60_000 });
  execFileSync(process.execPath, [CLI, 'down'], { stdio: 'inherit', timeout: 120_000 });
  return ensureUp(log);
}

async function measure(cfg, i) {
  const file = resolve(dir, `topology-${i}.json`);
  const base = JSON.parse(readFileSync(baseFile, 'utf8'));
  const { goMaxProcs, ...ordering } = cfg;
  writeFileSync(file, JSON.stringify({ ...base, ordering: { ...base.ordering, ...ordering }, native: { goMaxProcs: goMaxProcs ?? null } }, null, 2));
  log(`BatchTimeout ${cfg.batchTimeout}, MaxMessageCount ${cfg.maxMessageCount}, GOMAXPROCS ${goMaxProcs ?? 'default'}: restarting the network`);
  await restart(file);
  const fabric = directClients();
  try {
    const w = workloads(runSeed(), fabric, departmentsByRole());
    const subject = (await w.direct.identity(0)).subjectKey;
    await closedLoop({ concurrency: 4, durationMs: 3000, maxOps: 20, op: (n) => w.rest.business(n, subject) }); // warm-up
    const pids = systemPids();
    const sat = await withCpu(pids, () => closedLoop({ concurrency, durationMs: seconds * 1000, maxOps: 100_000, op: (n) => w.rest.business(1000 + n, subject) }));
    const rate = Math.max(1, Math.round(sat.result.tps * 5) / 10);
    const half = await openLoop({ rate, durationMs: seconds * 1000, maxInFlight: 256, op: (n) => w.rest.business(500_000 + n, subject) });
    const row = {
      ...cfg, saturatedTps: sat.result.tps, saturatedP50Ms: sat.result.latency.p50Ms, saturatedP99Ms: sat.result.latency.p99Ms, failed: sat.result.failed,
      cpuMsPerTx: sat.result.ok ? Math.round((sat.cpu.sut.totalS * 1000) / sat.result.ok * 10) / 10 : null, otherProcessesS: sat.cpu.otherProcessesS,
      halfRate: rate, halfP50Ms: half.latency.p50Ms, halfP99Ms: half.latency.p99Ms, halfFailed: half.failed + half.dropped,
      p3Ratio: Math.round((half.latency.p99Ms / durationMs(cfg.batchTimeout)) * 100) / 100,
    };
    log(JSON.stringify(row));
    return row;
  } finally {
    fabric.close();
  }
}

const rows = [];
const startedAt = new Date().toISOString();
try {
  for (const [i, cfg] of configs.entries()) rows.push(await measure(cfg, i));
} finally {
  log('restoring the default topology');
  await restart(undefined);
}
const out = resolve(ROOT, 'bench/results', `sweep-${startedAt.replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({ schema: 'govchain-sweep/1', startedAt, finishedAt: new Date().toISOString(), machine: machineInfo(), seconds, concurrency, rows }, null, 2)}\n`);
console.log('\n| BatchTimeout | MaxMessageCount | GOMAXPROCS | saturated TPS | p50 / p99 ms (saturated) | CPU ms/tx | p99 ms at half rate | p99 ÷ BatchTimeout |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.batchTimeout} | ${r.maxMessageCount} | ${r.goMaxProcs ?? 'default'} | ${r.saturatedTps} | ${r.saturatedP50Ms} / ${r.saturatedP99Ms} | ${r.cpuMsPerTx} | ${r.halfP99Ms} (at ${r.halfRate}/s) | ${r.p3Ratio} |`);
log(`wrote ${out}`);
process.exit(0);
