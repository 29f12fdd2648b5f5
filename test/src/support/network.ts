import { departments, loadTopology, peerHeight, toolchain, Topology } from '@govchain/network';

/** The topology the network under test was started from. */
export const topology = (): Topology => loadTopology();

/** Ledger heights of every department peer, read with the peer CLI. */
export async function peerHeights(): Promise<Record<string, number>> {
  const t = topology();
  const tc = toolchain();
  const entries = await Promise.all(departments(t).map(async (o) => [o.name, await peerHeight(t, tc, o.name)] as const));
  return Object.fromEntries(entries);
}

/** Polls until `check` returns a value that is not undefined, or fails after timeoutMs. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * Waits (bounded) until every department peer has committed as many blocks as the highest one: a write committed
 * through one org's peer is then visible to endorsements on every other org's peer.
 */
export async function peersInStep(timeoutMs = 30_000): Promise<void> {
  await eventually('every department peer at the same height', async () => {
    const heights = Object.values(await peerHeights());
    return Math.min(...heights) === Math.max(...heights) ? true : undefined;
  }, timeoutMs);
}
