import { createHash } from 'node:crypto';
import type { LoadLoop, Outcome } from './load';
import { recovery } from './load';
import { ackTimes, statusHistogram } from './load';

/**
 * Gateways of the fault tests: Fabric deadlines short enough that a request the network cannot commit is answered
 * (keyed) quickly, and no practical rate limit, since the loops send faster than one operator normally would.
 */
export const FAULT_GATEWAY_ENV: Record<string, string> = {
  GOVCHAIN_ENDORSE_TIMEOUT_MS: '10000',
  GOVCHAIN_SUBMIT_TIMEOUT_MS: '5000',
  GOVCHAIN_COMMIT_TIMEOUT_MS: '10000',
  GOVCHAIN_EVALUATE_TIMEOUT_MS: '5000',
  GOVCHAIN_RATE_LIMIT_PER_MINUTE: '1000000',
};

/**
 * The client deadline per attempt: with the deadlines above the gateway answers within endorse + submit + commit
 * (25 s) plus a bounded retry of a read conflict; an attempt without an answer by then counts as hung.
 */
export const ATTEMPT_DEADLINE_MS = 40_000;

/** Timings of one fault run, in seconds. */
export interface FaultTimings {
  /** Load before the fault (the first second is warm-up; the rest sets the pre-fault rate). */
  pre: number;
  /** How long the node stays down before it is restarted. */
  down: number;
  /** After the restart: at least this long, then until the rate has recovered, at most `maxTail`. */
  minTail: number;
  maxTail: number;
}

export const DEFAULT_TIMINGS: FaultTimings = { pre: 6, down: 4, minTail: 4, maxTail: 20 };

/** A fault: how to inject it and how to heal it (restart what was killed). */
export interface Fault {
  inject(): Promise<void>;
  heal(): Promise<void>;
}

/**
 * Runs `loop`, injects the fault after `pre` seconds, heals it `down` seconds later, and keeps the load going until
 * the acknowledgement rate has recovered (bounded). The fault is healed even when something fails on the way.
 * Returns the outcomes, sorted by request index; marks "fault", "healing" and "restarted" are on the loop.
 */
export async function underLoad(loop: LoadLoop, fault: Fault, t: FaultTimings = DEFAULT_TIMINGS): Promise<Outcome[]> {
  loop.start();
  let injected = false;
  let healed = false;
  try {
    await loop.at(t.pre);
    loop.mark('fault');
    await fault.inject();
    injected = true;
    await loop.at(loop.marks.fault! + t.down);
    loop.mark('healing');
    await fault.heal();
    healed = true;
    const restarted = loop.mark('restarted');
    const acks = () => ackTimes(loop.outcomes, loop.spec.okStatus);
    while (!loop.ended() && loop.elapsed() < restarted + t.maxTail) {
      if (loop.elapsed() >= restarted + t.minTail && recovery(acks(), loop.marks.fault!, { end: loop.elapsed() }).seconds !== undefined) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    const stopped = loop.stop();
    if (injected && !healed) await fault.heal().catch(() => undefined);
    await stopped;
  }
  return loop.outcomes;
}

/** What a fault test reports (docs/operations.md explains each field). */
export interface FaultReport {
  fault: string;
  requests: number;
  attempts: number;
  acknowledged: number;
  lost: number;
  duplicates: number;
  /** Seconds from the fault until the rate is back to >= 80 % of the pre-fault rate. */
  recoverySeconds?: number;
  /** The same, counted from the restart of the node. */
  afterRestartSeconds?: number;
  preFaultRate: number;
  statuses: Record<string, number>;
  /** Longest answer to an attempt that failed (s). */
  slowestFailureSeconds: number;
}

/** Builds the report of a run and prints it as one `[fault-report]` line (CI logs keep it). */
export function report(loop: LoadLoop, fault: string, counts: { lost: number; duplicates: number }): FaultReport {
  const outcomes = loop.outcomes;
  const attempts = outcomes.flatMap((o) => o.attempts);
  const acks = ackTimes(outcomes, loop.spec.okStatus);
  const rec = recovery(acks, loop.marks.fault!, { end: loop.elapsed() });
  const failures = attempts.filter((a) => a.status !== loop.spec.okStatus);
  const r: FaultReport = {
    fault,
    requests: outcomes.length,
    attempts: attempts.length,
    acknowledged: outcomes.filter((o) => o.attempts.some((a) => a.status === loop.spec.okStatus)).length,
    ...counts,
    ...(rec.seconds !== undefined ? {
      recoverySeconds: rec.seconds,
      afterRestartSeconds: Math.max(0, rec.seconds + loop.marks.fault! - loop.marks.restarted!),
    } : {}),
    preFaultRate: Math.round(rec.preRate * 10) / 10,
    statuses: statusHistogram(attempts),
    slowestFailureSeconds: Math.round(Math.max(0, ...failures.map((a) => a.endedAt - a.startedAt)) * 10) / 10,
  };
  console.log(`[fault-report] ${JSON.stringify(r)}`);
  return r;
}

/** The content hash a load request deposits: derived from its key, so every retry sends the same body. */
export const hashOfKey = (key: string): string => createHash('sha256').update(key).digest('hex');
