#!/usr/bin/env node
// GovChain benchmarks (issues 4 and 13): `npm run bench` (full) or `npm run bench -- --quick` (< 5 min; prints P1, P6, P8).
// Capacity is measured at saturation: every write and read workload is swept over the offered concurrency until its
// rate stops growing (bench/lib/capacity.mjs); every run records the host's load (bench/lib/host.mjs).
// Flags: --quick, --levels 16,32,64,128,256 (sweep concurrencies), --seconds S (round length), --patience N (levels
// without 5 % growth before a sweep stops), --fresh (restart the network first), --teardown (stop gateways and
// network at the end: for /work/locks/run-locked), --docs / --no-docs (update docs/performance.md; default: full runs
// only), --no-caliper, --no-p5, --p7 (measure npm start; only when no network runs), --audit-small N, --audit-large N,
// --audit-minutes M, --audit-loader import|request. Writes bench/results/<timestamp>.json (schema govchain-bench/2)
// and <timestamp>-writes.png / -reads.png.
// Robustness: --hostile [--count N] [--seed S] [--concurrency C] sends N hostile requests (no performance figures).
import { copyFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AUDIT_LOADERS, p5 } from './lib/audit.mjs';
import { ensureCaliper, runCaliper } from './lib/caliper.mjs';
import { capacityWorkloads, idleCpu, sweep, warmUp } from './lib/capacity.mjs';
import { ensureChartLibs, writeChart } from './lib/chart.mjs';
import { ROOT, durationMs, ensureUp, machineInfo, systemPids, teardown, topologyInfo } from './lib/env.mjs';
import { DIRECT_SIGNER, directClients } from './lib/fabric.mjs';
import { runSeed } from './lib/fixtures.mjs';
import { figuresWithGoals, hostLine, sweepTables, updateDoc, writeResults } from './lib/report.mjs';
import { hostMonitor } from './lib/host.mjs';
import { hostileRun } from './lib/hostile.mjs';
import { request } from './lib/rest.mjs';
import { setupRun } from './lib/setup.mjs';
import { ratio } from './lib/stats.mjs';
import { p7 } from './lib/startup.mjs';
import { p2, p3, p4b } from './lib/throughput.mjs';
import { departmentsByRole, workloads } from './lib/workloads.mjs';

/** Flags → config; a bad flag is BENCH_BAD_FLAG before anything runs. */
function parseConfig() {
  let a;
  try {
    ({ values: a } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false }, p7: { type: 'boolean', default: false },
        'audit-small': { type: 'string' }, 'audit-large': { type: 'string' }, 'audit-minutes': { type: 'string' },
        'audit-loader': { type: 'string', default: 'import' }, concurrency: { type: 'string' }, seconds: { type: 'string' },
        levels: { type: 'string' }, patience: { type: 'string' }, fresh: { type: 'boolean', default: false }, teardown: { type: 'boolean', default: false },
        docs: { type: 'boolean', default: false }, 'no-docs': { type: 'boolean', default: false }, 'no-caliper': { type: 'boolean', default: false }, 'no-p5': { type: 'boolean', default: false },
        hostile: { type: 'boolean', default: false }, count: { type: 'string' }, seed: { type: 'string' },
      },
    }));
  } catch (err) {
    throw Object.assign(new Error(`${err.message}; see the flags at the top of bench/run.mjs`), { key: 'BENCH_BAD_FLAG' });
  }
  const quick = a.quick;
  const num = (v, d) => {
    if (v === undefined) return d;
    const n = Number(v);
    if (!(n > 0)) throw Object.assign(new Error(`flag value ${v} is not a positive number`), { key: 'BENCH_BAD_FLAG' });
    return n;
  };
  if (!AUDIT_LOADERS.includes(a['audit-loader'])) throw Object.assign(new Error(`--audit-loader is one of ${AUDIT_LOADERS.join(', ')}`), { key: 'BENCH_BAD_FLAG' });
  const levels = a.levels === undefined ? undefined : a.levels.split(',').map((x) => num(x.trim()));
  if (levels && (levels.some((l) => !Number.isInteger(l)) || levels.some((l, i) => i > 0 && l <= levels[i - 1]))) {
    throw Object.assign(new Error('--levels is an ascending list of whole concurrencies, e.g. 16,32,64,128,256'), { key: 'BENCH_BAD_FLAG' });
  }
  return {
    quick, p7: a.p7, hostile: a.hostile, count: num(a.count, 10_000), seed: a.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : num(a.seed, 1),
    concurrency: num(a.concurrency, 16),
    levels, patience: num(a.patience, quick ? 1 : 2),
    roundMs: num(a.seconds, quick ? 5 : 20) * 1000,
    maxOps: quick ? 20_000 : 200_000,
    fresh: a.fresh, teardown: a.teardown, docs: a.docs || (!quick && !a['no-docs']), caliper: !a['no-caliper'], p5: !a['no-p5'],
    lightOps: quick ? 30 : 100,
    auditSmall: num(a['audit-small'], quick ? 1_000 : 10_000),
    auditLarge: num(a['audit-large'], quick ? 3_000 : 1_000_000),
    auditMinutes: num(a['audit-minutes'], quick ? 1 : 120),
    auditLoader: a['audit-loader'],
  };
}

/**
 * Sweep levels: powers of two from 16 up to the peer gateway's concurrency limit (each closed-loop client holds one
 * gateway request; above the limit the peer refuses with "exceeding concurrency limit"); quick: the upper three.
 */
function defaultLevels(gatewayLimit, quick) {
  const levels = [];
  for (let c = 16; c <= gatewayLimit * 0.8; c *= 2) levels.push(c);
  return quick ? levels.slice(-3) : levels;
}

const log = (s) => console.log(s);
const step = (s) => log(`[bench] ${new Date().toISOString().slice(11, 19)} ${s}`);

async function main() {
  const cfg = parseConfig();
  if (cfg.hostile) {
    await ensureUp(log);
    const concurrency = cfg.concurrency;
    step(`hostile: ${cfg.count} requests, seed ${cfg.seed}, ${concurrency} in flight, every department gateway`);
    const { file, result } = await hostileRun({ count: cfg.count, seed: cfg.seed, concurrency, log });
    log(`[hostile] requests ${result.requests} (client refused to send ${result.clientRefused}); by class ${JSON.stringify(result.byStatusClass)}`);
    log(`[hostile] 4xx by key ${JSON.stringify(result.fourxxByKey)}`);
    log(`[hostile] 5xx ${result.fivexx}, no response ${result.noResponse}, 4xx without key ${result.fourxxWithoutKey}, gateways live ${result.alive.every((a) => a.live)}`);
    for (const v of result.violations.slice(0, 10)) log(`[hostile] VIOLATION ${JSON.stringify(v)}`);
    step(`wrote ${file}`);
    if (result.fivexx + result.noResponse + result.fourxxWithoutKey > 0 || !result.alive.every((a) => a.live)) process.exitCode = 1;
    return;
  }
  const quick = cfg.quick;
  const startedAt = new Date().toISOString();
  const notes = [];
  const host = hostMonitor(systemPids);
  const results = { schema: 'govchain-bench/2', mode: quick ? 'quick' : 'full', startedAt, config: cfg, machine: machineInfo() };
  if (cfg.p7 && !quick) results.p7 = await p7({ root: ROOT, port: departmentsByRole().governance.gatewayPort, log });
  if (cfg.fresh && !results.p7?.seconds) teardown(log);
  results.environment = { loadAvgStart: loadavg(), bringUp: await ensureUp(log, results.p7?.seconds ? 120_000 : 20_000), directSigner: DIRECT_SIGNER, fresh: cfg.fresh };
  results.topology = topologyInfo();
  const levels = cfg.levels ?? defaultLevels(results.topology.peerLimits?.gatewayService ?? 500, quick);
  results.config.levels = levels;
  if (cfg.caliper) ensureCaliper(log);
  ensureChartLibs(log);
  const fabric = directClients();
  const orgs = departmentsByRole();
  const seed = runSeed();
  const w = workloads(seed, fabric, orgs);
  try {
    step('setup: subject identities, catalogue entry');
    const ctx = await setupRun(w, fabric, orgs, seed);
    const probe = await request(orgs.business.gatewayPort, 'GET', '/live');
    results.environment.gatewayRateLimitPolicy = probe.headers?.['ratelimit-policy'] ?? 'see gateway config';
    results.environment.pids = ctx.pids;
    const F = {};

    const cap = capacityWorkloads(w, ctx);
    step('warm-up: every write workload, 8 clients');
    await warmUp(cap.list, quick ? 2000 : 5000);
    step(`idle background: ${quick ? 5 : 15} s without load`);
    results.idle = await idleCpu(ctx.pids, quick ? 5 : 15);
    step(`capacity sweeps: levels ${levels.join(', ')}, ${cfg.roundMs / 1000} s rounds, interleaved; stop after ${cfg.patience} level(s) without 5 % growth`);
    const sweeps = await sweep(cap.list, { levels, roundMs: cfg.roundMs, maxOps: cfg.maxOps, pids: ctx.pids, patience: cfg.patience, log: (x) => step(x) });
    results.sweeps = sweeps;
    const plateau = (id) => sweeps[id]?.plateau ?? null;
    const growing = (id) => (plateau(id) && !plateau(id).reached ? `still growing at ${plateau(id).concurrency} clients` : undefined);
    const mixed = plateau('mixed-rest');
    const mixedRound = sweeps['mixed-rest']?.rounds.find((r) => r.concurrency === mixed?.concurrency);
    F.P1 = {
      value: mixed?.rate ?? null, unit: 'registrations/s', concurrency: mixed?.concurrency, label: growing('mixed-rest'),
      inputs: mixedRound ? `plateau at ${mixed.concurrency} clients (${mixedRound.parts.identity.concurrency} per family): identity ${mixedRound.parts.identity.tps}/s (2 tx each), business ${mixedRound.parts.business.tps}/s, copyright ${mixedRound.parts.copyright.tps}/s; ${mixed.txPerS} committed tx/s; p50 ${mixed.p50Ms} / p99 ${mixed.p99Ms} ms` : 'no plateau',
    };
    const idleShare = mixed?.txPerS ? Math.round((results.idle.msPerS / mixed.txPerS) * 100) / 100 : null;
    F.P6 = {
      value: mixed?.cpuMsPer ?? null, unit: 'CPU ms/tx', concurrency: mixed?.concurrency,
      inputs: mixedRound ? `P1 plateau round: ${mixedRound.cpu.sutS} CPU-s over ${mixedRound.committedTx} committed tx (${JSON.stringify(mixedRound.cpu.byKind)}); idle background ${results.idle.msPerS} CPU ms/s = ${idleShare} ms of each tx at ${mixed.txPerS} tx/s (included); bench client ${mixedRound.cpu.benchClientS} CPU-s (not included)` : 'no plateau',
      alt: `at the System:Probe plateau: ${plateau('probe-direct')?.cpuMsPer} CPU ms/tx; at the REST Business:Register plateau: ${plateau('business-rest')?.cpuMsPer}`,
    };
    F.P8 = {
      value: ratio(plateau('business-rest')?.rate, plateau('probe-direct')?.rate), unit: 'ratio', label: growing('business-rest') ?? growing('probe-direct'),
      inputs: `REST Business:Register ${plateau('business-rest')?.rate} tx/s (at ${plateau('business-rest')?.concurrency}) / direct System:Probe ${plateau('probe-direct')?.rate} tx/s (at ${plateau('probe-direct')?.concurrency}); direct Business:Register ${plateau('business-direct')?.rate} tx/s`,
    };
    F.P9 = {
      value: plateau('probe-direct')?.rate ?? null, unit: 'tx/s', concurrency: plateau('probe-direct')?.concurrency, label: growing('probe-direct'),
      inputs: `plateau at ${plateau('probe-direct')?.concurrency} clients, p50 ${plateau('probe-direct')?.p50Ms} / p99 ${plateau('probe-direct')?.p99Ms} ms, ${plateau('probe-direct')?.cpuMsPer} CPU ms/tx`,
    };

    step(`P2: Caliper Business:Register at the REST plateau concurrency (${plateau('business-rest')?.concurrency}); P2b: one client each`);
    const caliper = cfg.caliper ? (c, s) => runCaliper({ tmpDir: resolve(tmpdir(), `govchain-bench-caliper-${seed.tag}`), org: fabric.org(orgs.business.name),
      operator: fabric.org(orgs.business.name).operators.find((o) => o.id === 'registrar1'), profile: fabric.profile, concurrency: c, durationS: s, legalRepresentative: ctx.subject, seed, log }) : undefined;
    const r2 = await p2(w, ctx, { restPlateau: plateau('business-rest'), lightOps: cfg.lightOps, caliper, roundS: Math.round(cfg.roundMs / 1000) });
    results.p2 = r2;
    F.P2 = cfg.caliper
      ? { value: r2.ratioVsCaliper, unit: 'ratio', inputs: `REST plateau ${r2.restTps} TPS / Caliper ${r2.caliper?.summary?.throughputTps} TPS at ${r2.concurrency} outstanding (own direct client plateau ${plateau('business-direct')?.rate} TPS)`, concurrency: r2.concurrency }
      : { value: null, note: '--no-caliper' };
    F.P2b = {
      value: r2.restAddedP99MsLight, unit: 'ms', concurrency: 1,
      inputs: `p99 REST ${r2.restLight.latency.p99Ms} − direct ${r2.directLight.latency.p99Ms} at concurrency 1, ${cfg.lightOps} requests each (p50: ${r2.restAddedP50MsLight} ms)`,
    };

    const restRate = plateau('business-rest')?.rate ?? 0;
    step(`P3: REST submits at ${restRate / 2}/s (half of the ${restRate} plateau)`);
    const batchMs = durationMs(results.topology.batch.batchTimeout);
    const r3 = await p3(w, ctx, { saturatedTps: restRate, durationMs: cfg.roundMs, batchTimeoutMs: batchMs });
    results.p3 = r3;
    F.P3 = { value: r3.ratio, unit: 'ratio', inputs: `p99 ${r3.run.latency.p99Ms} ms / BatchTimeout ${batchMs} ms at ${r3.rate} tx/s offered (${r3.run.failed} failed, ${r3.run.dropped} dropped)` };

    step('P4b: single-record reads');
    const r4 = await p4b(w, { codes: cap.codes, ops: 200 });
    results.p4 = r4;
    F.P4 = { value: ratio(plateau('read-rest')?.rate, restRate), unit: 'ratio', label: growing('read-rest'), inputs: `Business:Get plateau ${plateau('read-rest')?.rate} reads/s (at ${plateau('read-rest')?.concurrency}) / Business:Register plateau ${restRate} tx/s (REST)` };
    F.P4b = { value: r4.singleReadP99Ms ?? null, unit: 'ms', inputs: 'GET /businesses/{code}, 1 client, 200 reads' };

    if (cfg.p5) {
      step(`P5: audit entries ${cfg.auditSmall} then ${cfg.auditLarge} (at most ${cfg.auditMinutes} min of loading)`);
      const r5 = await p5(w, ctx, { small: cfg.auditSmall, large: cfg.auditLarge, minutes: cfg.auditMinutes, loader: cfg.auditLoader, log: step });
      results.p5 = r5;
      const sizes = `${r5.small.entries} vs ${r5.large.entries} entries loaded by this run`;
      F.P5 = { value: r5.ratio, unit: 'ratio', label: sizes, inputs: `${r5.method}; loading ${r5.loading.entriesPerS}/s, 1M would take ~${r5.loading.extrapolatedHoursFor1M} h` };
      F.P5b = { value: r5.absoluteMs, unit: 'ms', label: `${r5.large.entries} entries` };
      if (!r5.reachedTargets) notes.push(`P5 loading stopped at its time bound: ${sizes} (targets ${cfg.auditSmall} / ${cfg.auditLarge}).`);
      if (r5.large.entries < 1_000_000) notes.push(`P5 is measured at ${sizes}, not at 10,000 vs 1,000,000: loading ran at ${r5.loading.entriesPerS} entries/s (${cfg.auditLoader} loader), so 1M entries would take ~${r5.loading.extrapolatedHoursFor1M} h.`);
    } else {
      F.P5 = { value: null, note: '--no-p5' };
      F.P5b = { value: null, note: '--no-p5' };
    }

    if (results.p7?.seconds) F.P7 = { value: results.p7.seconds, unit: 's', inputs: results.p7.probe };
    else F.P7 = { value: null, note: results.p7?.skipped ? 'network in use' : 'run with --p7 on a stopped network' };
    results.host = host.stop();
    if (results.host.contaminated) {
      for (const f of Object.values(F)) if (f.value !== null && f.value !== undefined) f.label = [f.label, 'contaminated host'].filter(Boolean).join('; ');
    }
    results.figures = figuresWithGoals(F);
    notes.unshift(hostLine(results.host));
    notes.push(`Idle background (no load, ${results.idle.seconds} s): ${results.idle.msPerS} CPU ms/s of the SUT (${JSON.stringify(results.idle.byKind)}); other processes ${results.idle.otherProcessesS} CPU-s meanwhile.`);
    notes.push(`Gateways: ${results.environment.bringUp.gateways}. Direct clients sign with ${DIRECT_SIGNER}.`);
    results.notes = notes;
    results.environment.loadAvgEnd = loadavg();
    results.finishedAt = new Date().toISOString();
    const file = writeResults(ROOT, results);
    results.charts = await charts(results, file);
    writeResults(ROOT, results);
    if (cfg.docs) updateDoc(ROOT, results, file);
    step(`wrote ${file}${cfg.docs ? ' and docs/performance.md' : ' (docs/performance.md unchanged: quick run; --docs updates it)'}; chart ${results.charts.writes ?? results.charts.error}`);
    for (const line of sweepTables(sweeps)) log(line);
    for (const [id, f] of Object.entries(results.figures)) log(`${id.padEnd(4)} ${String(f.value ?? 'n/a').padEnd(8)} goal ${f.goal.padEnd(7)} ${f.met === null ? '  ' : f.met ? 'ok' : 'NO'}  ${f.inputs ?? f.note ?? ''}${f.label ? ` [${f.label}]` : ''}`);
    log(notes[0]);
    log(`QUICK SUMMARY  P1 ${results.figures.P1.value} registrations/s   P6 ${results.figures.P6.value} CPU ms/tx   P8 ${results.figures.P8.value}   P9 ${results.figures.P9.value} tx/s${results.host.contaminated ? '   (CONTAMINATED host)' : ''}`);
  } finally {
    fabric.close();
    if (cfg.teardown) teardown(log);
  }
}

/** Writes the throughput-vs-concurrency PNGs (writes; reads) beside the results file, and the doc's copy for full runs. */
async function charts(results, file) {
  const base = file.replace(/\.json$/, '');
  const m = results.machine;
  const sub = `${results.mode} run ${results.startedAt.slice(0, 16)}Z, commit ${m.commit.slice(0, 7)}${m.dirty ? '+' : ''}, ${m.cores} cores; BatchTimeout ${results.topology.batch.batchTimeout}; ${results.host.contaminated ? `CONTAMINATED (other processes ${results.host.otherProcesses.cores} cores)` : 'quiet host'}`;
  const pick = (kind) => Object.fromEntries(Object.entries(results.sweeps).filter(([, s]) => s.kind === kind));
  try {
    const out = { writes: await writeChart(pick('write'), `${base}-writes.png`, { title: 'GovChain writes: committed rate vs offered concurrency', subtitle: sub }) };
    out.reads = await writeChart(pick('read'), `${base}-reads.png`, { title: 'GovChain reads: rate vs offered concurrency', subtitle: sub });
    if (results.config.docs) {
      copyFileSync(out.writes, resolve(ROOT, 'docs/performance-throughput.png'));
      out.doc = 'performance-throughput.png';
    }
    for (const k of ['writes', 'reads']) out[k] = out[k].slice(ROOT.length + 1);
    return out;
  } catch (err) {
    return { error: `${err.key ?? 'BENCH_CHART'}: ${err.message}` };
  }
}

main().then(() => process.exit(process.exitCode ?? 0), (err) => {
  console.error(`[bench] failed: ${err.key ? `${err.key}: ` : ''}${err.message}`);
  process.exit(1);
});
