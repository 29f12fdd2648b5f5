#!/usr/bin/env node
// Where does a transaction's CPU go? Runs one closed-loop round of a bench workload (default: direct
// Business:Register) while `perf record` samples the whole machine, then prints CPU by process and the top symbols.
// Profile at saturation (e.g. 256 clients): below it the idle background dominates. Needs perf; loopback only.
// usage: node bench/profile.mjs [seconds=20] [concurrency=32] [--workload probe-direct|business-direct|business-rest|mixed-rest]
//        [--no-perf]   (--no-perf: per-node CPU only)
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { cpuDelta, cpuSnapshot } from './lib/cpu.mjs';
import { systemPids } from './lib/env.mjs';
import { directClients } from './lib/fabric.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { capacityWorkloads } from './lib/capacity.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

const argv = process.argv.slice(2);
const wi = argv.indexOf('--workload');
const workload = wi >= 0 ? argv.splice(wi, 2)[1] : 'business-direct';
const positional = argv.filter((a) => !a.startsWith('--'));
const usePerf = !process.argv.includes('--no-perf');
const seconds = Number(positional[0] ?? 20);
const concurrency = Number(positional[1] ?? 32);
const out = resolve(tmpdir(), `govchain-perf-${Date.now()}.data`);
const fabric = directClients();
const w = workloads(runSeed(), fabric, departmentsByRole());
try {
  const subject = (await w.direct.identity(0)).subjectKey;
  const wl = capacityWorkloads(w, { subject }).list.find((x) => x.id === workload);
  if (!wl || wl.kind !== 'write') throw new Error(`--workload is one of probe-direct, business-direct, business-rest, mixed-rest`);
  await wl.round(8, 3000, 200); // warm-up
  const pids = systemPids();
  const perf = usePerf ? spawn('perf', ['record', '-F', '199', '-a', '-g', '-o', out, '--', 'sleep', String(seconds)], { stdio: 'ignore' }) : undefined;
  const before = cpuSnapshot(pids);
  const r = await wl.round(concurrency, seconds * 1000, 1_000_000);
  r.tps = r.rate;
  const after = cpuSnapshot(pids);
  if (perf) await new Promise((res) => (perf.exitCode !== null ? res() : perf.once('exit', res)));
  const perNode = Object.fromEntries(Object.entries(after).map(([n, a]) => [n, Math.round(((a.seconds - (before[n]?.seconds ?? 0)) * 1000) / Math.max(1, r.committedTx) * 10) / 10]));
  const cpu = cpuDelta(before, after);
  const perKind = Object.fromEntries(Object.entries(cpu.byKind).map(([k, v]) => [k, Math.round((v * 1000) / Math.max(1, r.committedTx) * 100) / 100]));
  console.log(JSON.stringify({ workload, concurrency, committedTx: r.committedTx, rate: r.rate, p99Ms: r.latency.p99Ms, failed: r.failed, cpu, cpuMsPerTxByKind: perKind, cpuMsPerTxByNode: perNode }, null, 2));
  if (perf) {
    const report = (sort) => spawnSync('perf', ['report', '-i', out, '--no-children', '--sort', sort, '--stdio', '--percent-limit', '1.5', '-g', 'none'], { encoding: 'utf8', maxBuffer: 2 ** 26 }).stdout;
    console.log(report('comm').split('\n').filter((l) => /%/.test(l)).slice(0, 25).join('\n'));
    console.log(report('comm,sym').split('\n').filter((l) => /%/.test(l)).slice(0, 40).join('\n'));
    console.log(`perf data: ${out}`);
  }
} finally {
  fabric.close();
}
