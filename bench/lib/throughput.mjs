// P1-P4 and P6: registrations through REST, REST vs direct (own harness and Caliper), latency at half load, reads.
import { cpuDelta, cpuSnapshot, machineBusyS, selfCpuS } from './cpu.mjs';
import { closedLoop, openLoop } from './load.mjs';
import { ratio } from './stats.mjs';

/** Runs `fn` and measures system-under-test CPU, bench CPU and whole-machine CPU around it. */
export async function withCpu(pids, fn) {
  const b = { sut: cpuSnapshot(pids), self: selfCpuS(), busy: machineBusyS() };
  const result = await fn();
  const sut = cpuDelta(b.sut, cpuSnapshot(pids));
  const benchS = Math.round((selfCpuS() - b.self) * 100) / 100;
  const machineS = Math.round((machineBusyS() - b.busy) * 100) / 100;
  return { result, cpu: { sut, benchClientS: benchS, machineBusyS: machineS, otherProcessesS: Math.round((machineS - sut.totalS - benchS) * 100) / 100 } };
}

/** P1: identity, business and copyright registrations through the REST gateways, all at once. */
export async function p1(w, ctx, { concurrency, durationMs, maxOps }) {
  const per = Math.max(1, Math.floor(concurrency / 3));
  const families = {
    identity: (i) => w.rest.identity(10_000 + i),
    business: (i) => w.rest.business(10_000 + i, ctx.subject),
    copyright: (i) => w.rest.copyright(10_000 + i, ctx.subject),
  };
  const { result, cpu } = await withCpu(ctx.pids, async () => {
    const entries = await Promise.all(Object.entries(families).map(async ([k, op]) => [k, await closedLoop({ concurrency: per, durationMs, maxOps, op })]));
    return Object.fromEntries(entries);
  });
  const elapsed = Math.max(...Object.values(result).map((r) => r.elapsedS));
  const regs = Object.values(result).reduce((n, r) => n + r.ok, 0);
  const txs = result.identity.ok * 2 + result.business.ok + result.copyright.ok;
  return { registrationsPerS: Math.round((regs / elapsed) * 10) / 10, txPerS: Math.round((txs / elapsed) * 10) / 10, committedTx: txs, elapsedS: elapsed, perFamilyConcurrency: per, families: result, cpu };
}

/** P2: Business:Register at one concurrency through REST, through our direct client and through Caliper. */
export async function p2(w, ctx, { concurrency, durationMs, maxOps, caliper }) {
  const base = 20_000;
  const codes = [];
  const restOp = async (i) => {
    const r = await w.rest.business(base + i, ctx.subject);
    const code = r.body?.data?.code ?? r.body?.result?.code ?? r.body?.code;
    if (code) codes.push(code);
  };
  const rest = await withCpu(ctx.pids, () => closedLoop({ concurrency, durationMs, maxOps, op: restOp }));
  const direct = await withCpu(ctx.pids, () => closedLoop({ concurrency, durationMs, maxOps, op: (i) => w.direct.business(base + 100_000 + i, ctx.subject) }));
  const cal = caliper ? caliper(concurrency, Math.round(durationMs / 1000)) : undefined;
  const light = { concurrency: 1, durationMs: Math.min(durationMs, 30_000), maxOps: 100 };
  const restLight = await closedLoop({ ...light, op: (i) => w.rest.business(base + 200_000 + i, ctx.subject) });
  const directLight = await closedLoop({ ...light, op: (i) => w.direct.business(base + 300_000 + i, ctx.subject) });
  const calTps = cal?.summary?.throughputTps;
  return {
    ratioVsCaliper: ratio(rest.result.tps, calTps), ratioVsOwnDirect: ratio(rest.result.tps, direct.result.tps),
    restAddedP99Ms: diff(rest.result.latency.p99Ms, direct.result.latency.p99Ms),
    restAddedP99MsLight: diff(restLight.latency.p99Ms, directLight.latency.p99Ms),
    restAddedP50MsLight: diff(restLight.latency.p50Ms, directLight.latency.p50Ms),
    rest, direct, caliper: cal, restLight, directLight,
    codes,
  };
}

const diff = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? Math.round((a - b) * 10) / 10 : null);

/** P3: REST submits offered at half the saturated REST rate; p99 over the orderer BatchTimeout. */
export async function p3(w, ctx, { saturatedTps, durationMs, batchTimeoutMs }) {
  const rate = Math.max(1, Math.round((saturatedTps / 2) * 10) / 10);
  const r = await openLoop({ rate, durationMs, maxInFlight: 256, op: (i) => w.rest.business(400_000 + i, ctx.subject) });
  return { rate, saturatedTps, batchTimeoutMs, ratio: ratio(r.latency.p99Ms, batchTimeoutMs), run: r };
}

/** P4: Business:Get through REST at the P2 concurrency, and one-at-a-time for the single-read p99. */
export async function p4(w, ctx, { concurrency, durationMs, maxOps, submitTps, codes }) {
  if (codes.length === 0) return { error: 'no registered businesses to read' };
  const pick = (i) => codes[i % codes.length];
  const reads = await closedLoop({ concurrency, durationMs, maxOps, op: (i) => w.rest.getBusiness(pick(i)) });
  const single = await closedLoop({ concurrency: 1, durationMs: 30_000, maxOps: 200, op: (i) => w.rest.getBusiness(pick(i * 7)) });
  return { ratio: ratio(reads.tps, submitTps), readTps: reads.tps, submitTps, singleReadP99Ms: single.latency.p99Ms, reads, single };
}
