import type { ApiResponse } from '../gateway/gateway-support';

/** One HTTP attempt of a load request. Times are seconds since the loop started. */
export interface Attempt {
  startedAt: number;
  endedAt: number;
  /** HTTP status, or 0 when no response came (connection refused or reset, or the client deadline passed). */
  status: number;
  /** The error key of an error body, if any. */
  errorKey?: string;
  /** The Retry-After header, if any. */
  retryAfter?: string;
  body: unknown;
  text: string;
  /** No answer within the client deadline. */
  hung?: boolean;
  networkError?: string;
}

/** One request of the loop (one Idempotency-Key) with every attempt made for it. */
export interface Outcome {
  i: number;
  key: string;
  attempts: Attempt[];
  final: Attempt;
}

/** A bounded load loop: at most `maxRequests` requests and `maxSeconds` seconds, `concurrency` at a time. */
export interface LoadSpec {
  name: string;
  concurrency: number;
  maxRequests: number;
  maxSeconds: number;
  /** Client deadline per attempt; an attempt unanswered by then is recorded as hung. */
  attemptTimeoutMs: number;
  /** Sends one attempt of request `i` under its Idempotency-Key. */
  send(i: number, key: string, signal: AbortSignal): Promise<ApiResponse>;
  /** The status that acknowledges a request (201 for writes, 200 for disclosures). */
  okStatus: number;
  /** Retry an attempt that got no answer or a 5xx, with the same key, for at most this long after the first. */
  retryForMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a LoadSpec in the background while a test injects faults; `stop()` waits for requests in flight. */
export class LoadLoop {
  readonly outcomes: Outcome[] = [];
  readonly marks: Record<string, number> = {};
  readonly #t0 = Date.now();
  #next = 0;
  #stopping = false;
  #workers: Array<Promise<void>> = [];

  constructor(readonly spec: LoadSpec) {}

  /** Seconds since the loop started. */
  elapsed(): number {
    return (Date.now() - this.#t0) / 1000;
  }

  start(): this {
    this.#workers = Array.from({ length: this.spec.concurrency }, () => this.#worker());
    return this;
  }

  /** Records the current time under a name (e.g. "fault", "restarted") and returns it. */
  mark(name: string): number {
    return (this.marks[name] = this.elapsed());
  }

  /** Resolves once `seconds` have passed since the start (or the loop has ended by its limits). */
  async at(seconds: number): Promise<void> {
    while (this.elapsed() < seconds && !this.ended()) await sleep(50);
  }

  /** True when the loop has reached its request or time limit. */
  ended(): boolean {
    return this.#stopping || this.#next >= this.spec.maxRequests || this.elapsed() >= this.spec.maxSeconds;
  }

  /** Stops issuing requests and waits for the ones in flight (each bounded by its deadline and retry window). */
  async stop(): Promise<Outcome[]> {
    this.#stopping = true;
    await Promise.all(this.#workers);
    return this.outcomes.sort((a, b) => a.i - b.i);
  }

  async #worker(): Promise<void> {
    while (!this.ended()) {
      const i = this.#next++;
      const key = `${this.spec.name}-${process.pid}-${i}`;
      const attempts: Attempt[] = [];
      const first = Date.now();
      for (;;) {
        const a = await this.#attempt(i, key);
        attempts.push(a);
        const retry = this.spec.retryForMs !== undefined && a.status !== this.spec.okStatus && (a.status === 0 || a.status >= 500)
          && Date.now() - first < this.spec.retryForMs;
        if (!retry) break;
        await sleep(250);
      }
      const final = attempts[attempts.length - 1]!;
      this.outcomes.push({ i, key, attempts, final });
      // Like a client honouring Retry-After (shortened): a fast failure does not turn the loop into a flood.
      if (final.status !== this.spec.okStatus) await sleep(100);
    }
  }

  async #attempt(i: number, key: string): Promise<Attempt> {
    const startedAt = this.elapsed();
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.spec.attemptTimeoutMs);
    try {
      const res = await this.spec.send(i, key, ac.signal);
      const errorKey = (res.body as { error?: { key?: unknown } } | undefined)?.error?.key;
      const retryAfter = res.headers.get('retry-after');
      return {
        startedAt, endedAt: this.elapsed(), status: res.status, body: res.body, text: res.text,
        ...(typeof errorKey === 'string' ? { errorKey } : {}), ...(retryAfter !== null ? { retryAfter } : {}),
      };
    } catch (err) {
      return { startedAt, endedAt: this.elapsed(), status: 0, body: undefined, text: '', hung: ac.signal.aborted, networkError: String((err as Error).cause ?? err) };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Times (s) at which requests were acknowledged, sorted. */
export function ackTimes(outcomes: Outcome[], okStatus: number): number[] {
  return outcomes.flatMap((o) => o.attempts.filter((a) => a.status === okStatus).map((a) => a.endedAt)).sort((a, b) => a - b);
}

/** Acknowledgements per second within [from, to). */
export function rateBetween(times: number[], from: number, to: number): number {
  return to > from ? times.filter((t) => t >= from && t < to).length / (to - from) : 0;
}

/**
 * Recovery after a fault at `faultAt`: the rate before it (from `warmup` s on) and the first offset r >= 0 at which
 * the rate over [faultAt + r, faultAt + r + window) is back to >= 80 % of it; undefined if that never happens
 * within the acknowledgements recorded.
 */
export function recovery(times: number[], faultAt: number, opts: { warmup?: number; window?: number; step?: number; end: number }): { preRate: number; seconds?: number } {
  const warmup = opts.warmup ?? 1;
  const window = opts.window ?? 3;
  const step = opts.step ?? 0.25;
  const preRate = rateBetween(times, warmup, faultAt);
  for (let r = 0; faultAt + r + window <= opts.end; r += step) {
    if (rateBetween(times, faultAt + r, faultAt + r + window) >= 0.8 * preRate) return { preRate, seconds: r };
  }
  return { preRate };
}

/** Counts of final statuses (and error keys) for the report, e.g. {"201": 380, "503 ORDERER_UNAVAILABLE": 4}. */
export function statusHistogram(attempts: Attempt[]): Record<string, number> {
  const h: Record<string, number> = {};
  for (const a of attempts) {
    const k = a.status === 0 ? (a.hung ? 'hung' : 'no response') : `${a.status}${a.errorKey ? ` ${a.errorKey}` : ''}`;
    h[k] = (h[k] ?? 0) + 1;
  }
  return h;
}

/** Runs `fn` over items with at most `limit` in flight; results in item order. */
export async function pooled<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  }));
  return out;
}
