import type { Ledger } from '../fabric/ledger';

/** Longest time a failed readiness check is reused: short, so a recovering gateway reports ready soon. */
const FAILURE_CACHE_MS = 1000;

/**
 * Readiness: the peer is reachable and a chaincode ping evaluates. `/ready` is anonymous, so the answer is
 * cached: at most one ping runs per `cacheMs` while healthy (one per second while failing), and concurrent
 * callers share the ping in flight. No caller can turn readiness probes into chaincode load.
 */
export class HealthService {
  private last: { at: number; ok: boolean; result: Promise<void> } | undefined;
  /** Pings sent to the chaincode (tests and metrics read it). */
  pings = 0;

  constructor(
    private readonly ledger: Ledger,
    private readonly serviceOperator: string,
    private readonly cacheMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when ready; rejects with an ApiError (503) when not. */
  ready(): Promise<void> {
    const t = this.now();
    const last = this.last;
    if (last && t - last.at < (last.ok ? this.cacheMs : Math.min(this.cacheMs, FAILURE_CACHE_MS))) return last.result;
    this.pings++;
    const entry: { at: number; ok: boolean; result: Promise<void> } = { at: t, ok: true, result: this.ledger.ping(this.serviceOperator) };
    entry.result.catch(() => {
      entry.ok = false;
    });
    this.last = entry;
    return entry.result;
  }
}
