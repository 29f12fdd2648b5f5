// Bounded load loops. Every loop stops at a duration AND a count limit; errors are counted, never retried.
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { summarize } from './stats.mjs';

const now = () => performance.now();

function collector() {
  const lat = [];
  const errors = new Map();
  return {
    ok: (ms) => lat.push(ms),
    fail: (err) => {
      const key = String(err?.key ?? err?.code ?? err?.message ?? err).slice(0, 160);
      errors.set(key, (errors.get(key) ?? 0) + 1);
    },
    latencies: () => lat,
    result: (elapsedMs, extra) => {
      const failed = [...errors.values()].reduce((a, b) => a + b, 0);
      return {
        ...extra,
        ok: lat.length,
        failed,
        errors: Object.fromEntries([...errors.entries()].slice(0, 5)),
        elapsedS: Math.round(elapsedMs) / 1000,
        tps: Math.round((lat.length / (elapsedMs / 1000)) * 10) / 10,
        latency: summarize(lat),
      };
    },
  };
}

/**
 * Closed loop: `concurrency` workers each await `op(i)` back to back until `durationMs` has passed or
 * `maxOps` operations were started. Throughput counts only successful operations. `keepLatencies` adds the raw
 * latencies (ms) as a non-enumerable `latencies` property (for merging loops; never written to the results file).
 */
export async function closedLoop({ concurrency, durationMs, maxOps, op, keepLatencies = false }) {
  const c = collector();
  const start = now();
  const end = start + durationMs;
  let issued = 0;
  const worker = async () => {
    while (now() < end && issued < maxOps) {
      const i = issued++;
      const t0 = now();
      try {
        await op(i);
        c.ok(now() - t0);
      } catch (err) {
        c.fail(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const r = c.result(now() - start, { mode: 'closed', concurrency, durationMs, maxOps, issued });
  if (keepLatencies) Object.defineProperty(r, 'latencies', { value: c.latencies(), enumerable: false });
  return r;
}

/**
 * Open loop: starts `op(i)` at a fixed `rate` per second for `durationMs` (at most `maxInFlight` outstanding;
 * arrivals beyond that are counted as dropped), then waits for the stragglers (bounded by `drainMs`).
 */
export async function openLoop({ rate, durationMs, maxInFlight, op, drainMs = 60_000 }) {
  const c = collector();
  const start = now();
  const total = Math.floor((rate * durationMs) / 1000);
  let inFlight = 0;
  let dropped = 0;
  const pending = new Set();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= maxInFlight) {
      dropped++;
      continue;
    }
    inFlight++;
    const t0 = now();
    const p = op(i).then(() => c.ok(now() - t0), (err) => c.fail(err)).finally(() => {
      inFlight--;
      pending.delete(p);
    });
    pending.add(p);
  }
  await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, drainMs))]);
  return c.result(now() - start, { mode: 'open', rate, durationMs, maxInFlight, offered: total, dropped, unfinished: pending.size });
}
