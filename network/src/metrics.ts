
/** Reads one gauge or counter for one channel out of a Prometheus text exposition; undefined if absent. */
export function metricValue(text: string, metric: string, channel: string): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const close = line.indexOf('}');
    const labels = line.slice(metric.length + 1, close);
    if (!labels.split(',').some((l) => l.trim() === `channel="${channel}"`)) continue;
    const value = Number(line.slice(close + 1).trim().split(/\s+/)[0]);
    if (Number.isFinite(value)) return value;
  }
  return undefined;
}

/** The Prometheus exposition of a node's operations endpoint (see opsHost), or '' when it does not answer in time. */
export async function readMetrics(host: string, opsPort: number, timeoutMs = 2000): Promise<string> {
  return fetch(`http://${host}:${opsPort}/metrics`, { signal: AbortSignal.timeout(timeoutMs) })
    .then((r) => (r.ok ? r.text() : ''))
    .catch(() => '');
}
