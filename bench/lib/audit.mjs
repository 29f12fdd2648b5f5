// P5: time of a 50-entry audit page for one subject at two ledger sizes. Entries are loaded either through the live
// Audit:RequestAccess path (one entry per committed transaction) or, to reach 1,000,000 in reasonable time, as
// legacy access-log batches through Audit:ImportEntries (up to 500 entries per committed transaction, stored under
// exactly the same keys and indexes). Both are real endorsed, ordered, validated and committed transactions.
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
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

const IMPORT_PER_TX = 500;

/** The two loaders: entries per committed transaction, outstanding transactions, and the operation for entries n… */
const LOADERS = {
  request: {
    perTx: 1, concurrency: 64, label: 'Audit:RequestAccess, one entry per committed tx',
    op: (w, state, n) => w.direct.requestAccess(BENCH_DATASET, state.subjectOf(n), `${state.tag}-${n}`),
  },
  import: {
    perTx: IMPORT_PER_TX, concurrency: 6,
    label: `Audit:ImportEntries (legacy access-log batches of ${IMPORT_PER_TX} entries per committed tx, same keys and indexes as live entries)`,
    op: (w, state, n, count) => w.direct.importAccessLog(BENCH_DATASET, state.subjectOf, n, count),
  },
};

/** Names accepted by `--audit-loader`. */
export const AUDIT_LOADERS = Object.keys(LOADERS);

/** Loads entries until `target` were committed by this run or `deadline` passes; prints progress every 30 s. */
async function load(w, state, target, deadline, log) {
  const loader = LOADERS[state.loader];
  const t0 = performance.now();
  const before = state.loaded;
  let next = before;
  const progress = setInterval(() => log(`P5 loading: ${state.loaded} of ${target} entries committed`), 30_000);
  try {
    const r = await closedLoop({
      concurrency: loader.concurrency, durationMs: Math.max(0, deadline - Date.now()), maxOps: Math.ceil((target - before) / loader.perTx),
      op: async () => {
        // maxOps is the number of batches, so every op gets at least one entry.
        const n = next;
        const count = Math.min(loader.perTx, target - n);
        next += count;
        await loader.op(w, state, n, count);
        state.loaded += count;
      },
    });
    return { loaded: state.loaded - before, seconds: Math.round(performance.now() - t0) / 1000, txPerS: r.tps, failed: r.failed, errors: r.errors };
  } finally {
    clearInterval(progress);
  }
}

/** Page time for the subject: REST GET /audit?subject= and direct Audit:ListBySubject, 30 reads each. */
export async function measurePage(w, subject, pageSize) {
  const rest = await closedLoop({ concurrency: 1, durationMs: 30_000, maxOps: 30, op: async () => check(await w.rest.auditPage(subject, pageSize), pageSize) });
  const direct = await closedLoop({ concurrency: 1, durationMs: 30_000, maxOps: 30, op: async () => check({ body: await w.direct.auditPage(subject, pageSize) }, pageSize) });
  return { rest: rest.latency, restFailed: rest.failed, restErrors: rest.errors, direct: direct.latency, directFailed: direct.failed };
}

function check(res, pageSize) {
  const n = res.body?.records?.length ?? 0;
  if (n !== pageSize) throw Object.assign(new Error(`page had ${n} records`), { key: 'SHORT_PAGE' });
}

/**
 * Runs both stages; `small`/`large` are entries this run loads (before each measurement), bounded by `minutes`.
 * A failed transaction loses its entries (no retry), so the figures use the entries actually committed.
 */
export async function p5(w, ctx, { small, large, minutes, loader, pageSize = 50, log }) {
  const deadline = Date.now() + minutes * 60_000;
  // 1 entry in 20 is about the measured subject, more often when the small ledger would give it less than a page.
  const every = Math.max(1, Math.min(20, Math.floor(small / pageSize)));
  const subjectOf = (n) => (n % every === 0 ? ctx.subject : ctx.pool[n % ctx.pool.length]);
  const state = { loaded: 0, subjectOf, tag: ctx.seed.tag, loader };
  const stageA = await load(w, state, small, deadline, log);
  const atSmall = { entries: state.loaded, page: await measurePage(w, ctx.subject, pageSize) };
  const stageB = await load(w, state, large, deadline, log);
  const atLarge = { entries: state.loaded, page: await measurePage(w, ctx.subject, pageSize) };
  const rate = (stageA.loaded + stageB.loaded) / (stageA.seconds + stageB.seconds);
  const p = (x) => x.page.rest.p50Ms ?? x.page.direct.p50Ms;
  return {
    method: `${LOADERS[loader].label} via direct fabric-gateway clients, 1 in ${every} about the measured subject`,
    ratio: ratio(p(atLarge), p(atSmall)), absoluteMs: p(atLarge), pageSize,
    small: atSmall, large: atLarge, loading: { stageA, stageB, entriesPerS: Math.round(rate * 10) / 10, extrapolatedHoursFor1M: Math.round((1e6 / rate / 3600) * 10) / 10 },
    reachedTargets: state.loaded >= large,
  };
}
