// CPU accounting around a load round, P2 (REST vs Caliper at the REST plateau), P2b, P3 (latency at half the plateau), P4b.
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

/**
 * P2 and P2b. P2: Caliper's Business:Register at the concurrency where the REST sweep reached its plateau, against
 * that REST round. P2b: the REST layer's own latency, REST and direct with one client each (at saturation both p99s
 * are queueing and their difference is noise).
 */
export async function p2(w, ctx, { restPlateau, lightOps, caliper, roundS }) {
  const cal = caliper && restPlateau ? caliper(restPlateau.concurrency, roundS) : undefined;
  const light = { concurrency: 1, durationMs: 30_000, maxOps: lightOps };
  const restLight = await closedLoop({ ...light, op: (i) => w.rest.business(220_000 + i, ctx.subject) });
  const directLight = await closedLoop({ ...light, op: (i) => w.direct.business(320_000 + i, ctx.subject) });
  const calTps = cal?.summary?.throughputTps;
  return {
    ratioVsCaliper: ratio(restPlateau?.rate, calTps), restTps: restPlateau?.rate ?? null, concurrency: restPlateau?.concurrency ?? null,
    restAddedP99MsLight: diff(restLight.latency.p99Ms, directLight.latency.p99Ms),
    restAddedP50MsLight: diff(restLight.latency.p50Ms, directLight.latency.p50Ms),
    caliper: cal, restLight, directLight,
  };
}

const diff = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? Math.round((a - b) * 10) / 10 : null);

/** P3: REST submits offered at half the saturated REST rate; p99 over the orderer BatchTimeout. */
export async function p3(w, ctx, { saturatedTps, durationMs, batchTimeoutMs }) {
  const rate = Math.max(1, Math.round((saturatedTps / 2) * 10) / 10);
  const r = await openLoop({ rate, durationMs, maxInFlight: 256, op: (i) => w.rest.business(400_000 + i, ctx.subject) });
  return { rate, saturatedTps, batchTimeoutMs, ratio: ratio(r.latency.p99Ms, batchTimeoutMs), run: r };
}

/** P4b: single-record reads one at a time (REST). */
export async function p4b(w, { codes, ops }) {
  if (codes.length === 0) return { error: 'no registered businesses to read' };
  const single = await closedLoop({ concurrency: 1, durationMs: 30_000, maxOps: ops, op: (i) => w.rest.getBusiness(codes[(i * 7) % codes.length]) });
  return { singleReadP99Ms: single.latency.p99Ms, single };
}
