/** Bounded retry settings. */
export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
}

/** Delay before retry `attempt` (1-based): exponential with full jitter, capped at 2 s. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(2000, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `fn`, retrying while `retryable(err)` holds, at most `maxRetries` times.
 * `onRetry` is told each retry (for metrics). The last error is rethrown.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  retryable: (err: unknown) => boolean,
  onRetry: (attempt: number, err: unknown) => void = () => undefined,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= policy.maxRetries || !retryable(err)) throw err;
      onRetry(attempt + 1, err);
      await sleep(backoffMs(policy, attempt + 1));
    }
  }
}
