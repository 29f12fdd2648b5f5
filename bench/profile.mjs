#!/usr/bin/env node
// Where does a transaction's CPU go? Runs a direct Business:Register closed loop (bounded) while `perf record`
// samples the whole machine, then prints CPU by process and the top symbols. Needs perf; loopback only.
// usage: node bench/profile.mjs [seconds=20] [concurrency=32] [--no-perf]   (--no-perf: per-node CPU only)
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { cpuDelta, cpuSnapshot } from './lib/cpu.mjs';
import { systemPids } from './lib/env.mjs';
import { directClients } from './lib/fabric.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { closedLoop } from './lib/load.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const usePerf = !process.argv.includes('--no-perf');
const seconds = Number(positional[0] ?? 20);
const concurrency = Number(positional[1] ?? 32);
const out = resolve(tmpdir(), `govchain-perf-${Date.now()}.data`);
const fabric = directClients();
const w = workloads(runSeed(), fabric, departmentsByRole());
try {
  const subject = (await w.direct.identity(0)).subjectKey;
  const pids = systemPids();
  const perf = usePerf ? spawn('perf', ['record', '-F', '199', '-a', '-g', '-o', out, '--', 'sleep', String(seconds)], { stdio: 'ignore' }) : undefined;
  const before = cpuSnapshot(pids);
  const r = await closedLoop({ concurrency, durationMs: seconds * 1000, maxOps: 100_000, op: (i) => w.direct.business(i, subject) });
  const after = cpuSnapshot(pids);
  if (perf) await new Promise((res) => (perf.exitCode !== null ? res() : perf.once('exit', res)));
  const perNode = Object.fromEntries(Object.entries(after).map(([n, a]) => [n, Math.round(((a.seconds - (before[n]?.seconds ?? 0)) * 1000) / Math.max(1, r.ok) * 10) / 10]));
  console.log(JSON.stringify({ committed: r.ok, tps: r.tps, p99Ms: r.latency.p99Ms, cpu: cpuDelta(before, after), cpuMsPerTxByNode: perNode }, null, 2));
  if (perf) {
    const report = (sort) => spawnSync('perf', ['report', '-i', out, '--no-children', '--sort', sort, '--stdio', '--percent-limit', '1.5', '-g', 'none'], { encoding: 'utf8', maxBuffer: 2 ** 26 }).stdout;
    console.log(report('comm').split('\n').filter((l) => /%/.test(l)).slice(0, 25).join('\n'));
    console.log(report('comm,sym').split('\n').filter((l) => /%/.test(l)).slice(0, 40).join('\n'));
    console.log(`perf data: ${out}`);
  }
} finally {
  fabric.close();
}
