// Capacity at saturation (issue 13): every write and read workload is swept over the offered concurrency (closed
// loops) until its rate stops growing. A closed loop below saturation measures BatchTimeout (each client waits about
// one block per transaction), not capacity; the plateau is what the machine can do.
// Workloads are interleaved level by level (probe@16, business@16, …, probe@32, …), so a change in the host's
// background load during the run hits every workload alike and the ratios of one run (P8, P4) stay fair.
import { setTimeout } from 'node:timers/promises';
import { closedLoop } from './load.mjs';
import { summarize } from './stats.mjs';
import { withCpu } from './throughput.mjs';

/** Disjoint index ranges per workload, so no two rounds of a run register the same code, id or hash. */
const RANGE = { probe: 0, businessRest: 1_000_000, businessDirect: 2_000_000, mixedBusiness: 3_000_000, mixedCopyright: 3_000_000, mixedIdentity: 100_000 };

const round1 = (x) => Math.round(x * 10) / 10;

/**
 * The swept workloads. Each `round(c, ms)` runs one closed-loop round at concurrency c and returns
 * { rate, committedTx, ok, failed, errors, latency, parts? }; `rate` is in the workload's `unit`.
 */
export function capacityWorkloads(w, ctx) {
  const counters = new Map();
  const next = (k) => {
    const n = counters.get(k) ?? 0;
    counters.set(k, n + 1);
    return RANGE[k] + n;
  };
  const single = (key, txPerOp, op) => async (concurrency, durationMs, maxOps) => {
    const r = await closedLoop({ concurrency, durationMs, maxOps, op: () => op(next(key)) });
    return { rate: r.tps, committedTx: r.ok * txPerOp, ok: r.ok, failed: r.failed, errors: r.errors, latency: r.latency, elapsedS: r.elapsedS };
  };
  const codes = [];
  return {
    codes,
    list: [
      {
        id: 'probe-direct', label: 'System:Probe, direct fabric-gateway client (one key; Fabric\'s floor)', kind: 'write', unit: 'tx/s', figure: 'P9',
        round: single('probe', 1, (i) => w.direct.probe(i)),
      },
      {
        id: 'business-rest', label: 'Business:Register through REST (MarketRegulation gateway)', kind: 'write', unit: 'tx/s', figure: 'P8',
        round: single('businessRest', 1, async (i) => {
          const r = await w.rest.business(i, ctx.subject);
          const code = r.body?.data?.code ?? r.body?.result?.code ?? r.body?.code;
          if (code && codes.length < 50_000) codes.push(code);
        }),
      },
      {
        id: 'business-direct', label: 'Business:Register, direct fabric-gateway client', kind: 'write', unit: 'tx/s',
        round: single('businessDirect', 1, (i) => w.direct.business(i, ctx.subject)),
      },
      {
        id: 'mixed-rest', label: 'mixed registrations through REST (identity + business + copyright, clients split in three; an identity registration is 2 transactions)', kind: 'write', unit: 'registrations/s', figure: 'P1',
        round: async (concurrency, durationMs, maxOps) => {
          const per = Math.max(1, Math.round(concurrency / 3));
          const families = {
            identity: { txPerOp: 2, op: () => w.rest.identity(next('mixedIdentity')) },
            business: { txPerOp: 1, op: () => w.rest.business(next('mixedBusiness'), ctx.subject) },
            copyright: { txPerOp: 1, op: () => w.rest.copyright(next('mixedCopyright'), ctx.subject) },
          };
          const runs = await Promise.all(Object.entries(families).map(async ([k, f]) => [k, f, await closedLoop({ concurrency: per, durationMs, maxOps, op: f.op, keepLatencies: true })]));
          const elapsedS = Math.max(...runs.map(([, , r]) => r.elapsedS));
          const ok = runs.reduce((n, [, , r]) => n + r.ok, 0);
          const errors = Object.assign({}, ...runs.map(([k, , r]) => Object.fromEntries(Object.entries(r.errors).map(([e, n]) => [`${k}: ${e}`, n]))));
          return {
            rate: round1(ok / elapsedS), committedTx: runs.reduce((n, [, f, r]) => n + r.ok * f.txPerOp, 0), ok,
            failed: runs.reduce((n, [, , r]) => n + r.failed, 0), errors, elapsedS,
            latency: summarize(runs.flatMap(([, , r]) => r.latencies)),
            parts: Object.fromEntries(runs.map(([k, , r]) => [k, { concurrency: per, ok: r.ok, failed: r.failed, tps: r.tps, latency: r.latency }])),
          };
        },
      },
      {
        id: 'read-rest', label: 'Business:Get through REST (evaluate, one record)', kind: 'read', unit: 'reads/s', figure: 'P4',
        round: async (concurrency, durationMs, maxOps) => {
          if (codes.length === 0) throw Object.assign(new Error('no registered businesses to read'), { key: 'BENCH_NO_CODES' });
          let n = 0;
          const r = await closedLoop({ concurrency, durationMs, maxOps, op: () => w.rest.getBusiness(codes[(n++ * 7) % codes.length]) });
          return { rate: r.tps, committedTx: 0, ok: r.ok, failed: r.failed, errors: r.errors, latency: r.latency, elapsedS: r.elapsedS };
        },
      },
    ],
  };
}

/**
 * Sweeps every workload over `levels` (ascending concurrencies), interleaved level by level. A workload stops when
 * its rate has not grown by `growth` (5 %) over its best for `patience` levels in a row, or when more than 2 % of
 * its operations failed (e.g. the peer gateway's concurrency limit). Reads run after the writes (they need codes).
 */
export async function sweep(workloads, { levels, roundMs, maxOps, pids, growth = 0.05, patience = 2, gapMs = 1000, log }) {
  const state = new Map(workloads.map((wl) => [wl.id, { wl, rounds: [], best: 0, stalls: 0, done: false, stop: null }]));
  const phases = [workloads.filter((x) => x.kind === 'write'), workloads.filter((x) => x.kind === 'read')];
  for (const phase of phases) {
    for (const c of levels) {
      for (const wl of phase) {
        const s = state.get(wl.id);
        if (s.done) continue;
        const { result: r, cpu } = await withCpu(pids, () => wl.round(c, roundMs, maxOps).catch((err) => ({ rate: 0, committedTx: 0, ok: 0, failed: 1, errors: { [err.key ?? err.message]: 1 }, latency: summarize([]) })));
        const perTx = r.committedTx > 0 ? round1((cpu.sut.totalS * 1000) / r.committedTx) : r.ok > 0 ? round1((cpu.sut.totalS * 1000) / r.ok) : null;
        const row = {
          concurrency: c, rate: r.rate, txPerS: r.elapsedS ? round1(r.committedTx / r.elapsedS) : 0, committedTx: r.committedTx, ok: r.ok, failed: r.failed, errors: r.errors,
          p50Ms: r.latency.p50Ms, p99Ms: r.latency.p99Ms, latency: r.latency, ...(r.parts ? { parts: r.parts } : {}),
          cpuMsPer: perTx, cpu: { sutS: cpu.sut.totalS, byKind: cpu.sut.byKind, benchClientS: cpu.benchClientS, otherProcessesS: cpu.otherProcessesS, machineBusyS: cpu.machineBusyS },
        };
        s.rounds.push(row);
        log(`${wl.id.padEnd(15)} c=${String(c).padStart(3)}  ${String(r.rate).padStart(6)} ${wl.unit}  p50 ${row.p50Ms} p99 ${row.p99Ms} ms  CPU ${perTx} ms/${wl.kind === 'read' ? 'read' : 'tx'}  failed ${r.failed}  others ${cpu.otherProcessesS} CPU-s`);
        if (r.rate >= s.best * (1 + growth)) {
          s.best = Math.max(s.best, r.rate);
          s.stalls = 0;
        } else {
          s.best = Math.max(s.best, r.rate);
          s.stalls++;
        }
        const failShare = r.failed / Math.max(1, r.ok + r.failed);
        if (failShare > 0.02) [s.done, s.stop] = [true, `${Math.round(failShare * 100)} % failed at ${c}: ${Object.keys(r.errors)[0] ?? ''}`];
        else if (s.stalls >= patience) [s.done, s.stop] = [true, `rate stopped growing (< ${growth * 100} % over the best for ${patience} level${patience > 1 ? 's' : ''})`];
        await setTimeout(gapMs);
      }
    }
  }
  return Object.fromEntries([...state.values()].map((s) => [s.wl.id, summarizeSweep(s, levels)]));
}

/**
 * Plateau of one workload: its best round (rate, concurrency, p50/p99, CPU per tx) among rounds with at most 2 %
 * failures (a round the peer refused in part is not a capacity), and the knee (lowest level within 5 % of it).
 */
function summarizeSweep(s, levels) {
  const clean = s.rounds.filter((r) => r.rate > 0 && r.failed / Math.max(1, r.ok + r.failed) <= 0.02);
  const ok = clean.length > 0 ? clean : s.rounds.filter((r) => r.rate > 0);
  const best = ok.reduce((a, b) => (b.rate > a.rate ? b : a), ok[0] ?? s.rounds[0]);
  const knee = ok.find((r) => r.rate >= 0.95 * (best?.rate ?? 0));
  // Reached: the rate stopped growing (or failures stopped the sweep), or at least the last level did not grow.
  const reached = s.stop !== null || s.stalls > 0;
  return {
    label: s.wl.label, kind: s.wl.kind, unit: s.wl.unit, figure: s.wl.figure ?? null,
    plateau: best ? {
      rate: best.rate, txPerS: best.txPerS, concurrency: best.concurrency, p50Ms: best.p50Ms, p99Ms: best.p99Ms, cpuMsPer: best.cpuMsPer,
      kneeConcurrency: knee?.concurrency ?? null, reached,
    } : null,
    stoppedBecause: s.stop ?? (reached ? `largest level (${levels[levels.length - 1]}) reached; it did not grow ${5} % over the best` : `reached the largest level (${levels[levels.length - 1]}) while still growing`),
    rounds: s.rounds,
  };
}

/** SUT CPU with no load at all: gossip, keep-alives, health checks, Raft heartbeats. */
export async function idleCpu(pids, seconds) {
  const { cpu } = await withCpu(pids, () => setTimeout(seconds * 1000));
  return { seconds, sutCpuS: cpu.sut.totalS, msPerS: round1((cpu.sut.totalS * 1000) / seconds), byKind: cpu.sut.byKind, otherProcessesS: cpu.otherProcessesS };
}

/** A few seconds of each write workload at low concurrency: connections, JIT, chaincode caches. */
export async function warmUp(workloads, ms) {
  for (const wl of workloads.filter((x) => x.kind === 'write')) await wl.round(8, ms, 200).catch(() => undefined);
}
