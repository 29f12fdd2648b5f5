// Latency statistics: nearest-rank percentiles over milliseconds.

/** The p-th percentile (0..100) of an ascending array, nearest-rank; NaN when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Count, mean, p50, p95, p99 and max of latencies in ms, rounded to 0.1 ms. */
export function summarize(latencies) {
  const s = [...latencies].sort((a, b) => a - b);
  const r = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : Number.NaN;
  return { n: s.length, meanMs: r(mean), p50Ms: r(percentile(s, 50)), p95Ms: r(percentile(s, 95)), p99Ms: r(percentile(s, 99)), maxMs: r(s[s.length - 1]) };
}

/** a / b rounded to 3 decimals, or null when either is missing. */
export function ratio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return Math.round((a / b) * 1000) / 1000;
}
