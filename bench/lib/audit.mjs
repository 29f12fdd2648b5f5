// P5: time of a 50-entry audit page for one subject at two ledger sizes, entries loaded through the real
// Audit:RequestAccess path (one entry per committed transaction, owner org reading its own dataset).
import { performance } from 'node:perf_hooks';
import { closedLoop } from './load.mjs';
import { ratio } from './stats.mjs';

export const BENCH_DATASET = 'bench-identity-core';

/** Creates (or replays) the catalogue entry the loader cites: owned by the identity registrar, not shared. */
export async function ensureDataset(fabric, orgs) {
  const admin = orgs.governance.operators.find((o) => o.role === 'admin');
  const input = {
    dataset: BENCH_DATASET, ownerMsp: orgs.identity.mspId, fields: ['name', 'birthDate'], shareClass: 'not_shared',
    legalBasis: 'Resident Identity Card Law', description: 'bench: identity core fields', reason: 'benchmark catalogue entry', legalAuthority: 'GovChain bench',
  };
  await fabric.submit(orgs.governance.name, admin.id, 'Governance:PutDataset', ['bench-dataset-v1', JSON.stringify(input)]);
}

/** Loads entries until `target` were committed by this run or `deadline` passes; every `state.every`-th names the measured subject. */
async function load(w, state, target, deadline, concurrency) {
  const t0 = performance.now();
  const before = state.loaded;
  const r = await closedLoop({
    concurrency, durationMs: Math.max(0, deadline - Date.now()), maxOps: target - state.loaded,
    op: async (i) => {
      const n = before + i;
      const subject = n % state.every === 0 ? state.subject : state.pool[n % state.pool.length];
      await w.direct.requestAccess(BENCH_DATASET, subject, `${state.tag}-${n}`);
      state.loaded++;
    },
  });
  return { loaded: state.loaded - before, seconds: Math.round(performance.now() - t0) / 1000, rate: r.tps, failed: r.failed, errors: r.errors };
}

/** Page time for the subject: REST GET /audit?subject= and direct Audit:ListBySubject, 30 reads each. */
async function measurePage(w, subject, pageSize) {
  const rest = await closedLoop({ concurrency: 1, durationMs: 30_000, maxOps: 30, op: async () => check(await w.rest.auditPage(subject, pageSize), pageSize) });
  const direct = await closedLoop({ concurrency: 1, durationMs: 30_000, maxOps: 30, op: async () => check({ body: await w.direct.auditPage(subject, pageSize) }, pageSize) });
  return { rest: rest.latency, restFailed: rest.failed, restErrors: rest.errors, direct: direct.latency, directFailed: direct.failed };
}

function check(res, pageSize) {
  const n = res.body?.records?.length ?? 0;
  if (n !== pageSize) throw Object.assign(new Error(`page had ${n} records`), { key: 'SHORT_PAGE' });
}

/** Runs both stages; `small`/`large` are entries this run loads (before each measurement), bounded by `minutes`. */
export async function p5(w, ctx, { small, large, minutes, concurrency, pageSize = 50 }) {
  const deadline = Date.now() + minutes * 60_000;
  // 1 entry in 20 is about the measured subject, more often when the small ledger would give it less than a page.
  const every = Math.max(1, Math.min(20, Math.floor(small / pageSize)));
  const state = { loaded: 0, subject: ctx.subject, pool: ctx.pool, tag: ctx.seed.tag, every };
  const stageA = await load(w, state, small, deadline, concurrency);
  const atSmall = { entries: state.loaded, page: await measurePage(w, state.subject, pageSize) };
  const stageB = await load(w, state, large, deadline, concurrency);
  const atLarge = { entries: state.loaded, page: await measurePage(w, state.subject, pageSize) };
  const rate = (stageA.loaded + stageB.loaded) / (stageA.seconds + stageB.seconds);
  const p = (x) => x.page.rest.p50Ms ?? x.page.direct.p50Ms;
  return {
    method: `Audit:RequestAccess via direct fabric-gateway clients, one entry per committed tx, 1 in ${every} about the measured subject`,
    ratio: ratio(p(atLarge), p(atSmall)), absoluteMs: p(atLarge), pageSize,
    small: atSmall, large: atLarge, loading: { stageA, stageB, entriesPerS: Math.round(rate * 10) / 10, extrapolatedHoursFor1M: Math.round((1e6 / rate / 3600) * 10) / 10 },
    reachedTargets: state.loaded >= large,
  };
}
