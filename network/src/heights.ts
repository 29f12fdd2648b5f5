import { metricValue, readMetrics } from './metrics';
import { nodeHost } from './paths';
import { isLocal, opsHost } from './placement';
import { departments, ordererOrg, Topology } from './topology';
import { waitFor } from './wait';

/** A peer or orderer whose ledger height its operations endpoint reports. */
export interface LedgerNode {
  /** Host name, as in logs, status and state (e.g. peer0.publicsecurity.gov.local). */
  name: string;
  kind: 'peer' | 'orderer';
  org: string;
  opsHost: string;
  opsPort: number;
}

/**
 * Every peer and orderer of the topology that this machine runs (all of them on a single host; a department's
 * host sees only its own: the others' operations endpoints are theirs alone).
 */
export function ledgerNodes(t: Topology): LedgerNode[] {
  const oo = ordererOrg(t);
  const node = (name: string, kind: LedgerNode['kind'], org: string, opsPort: number): LedgerNode => ({ name, kind, org, opsHost: opsHost(t, name), opsPort });
  return [
    ...oo.orderers.map((o) => node(nodeHost(o.name, oo.name, t.domain), 'orderer', oo.name, o.opsPort)),
    ...departments(t).flatMap((org) => org.peers.map((p) => node(nodeHost(p.name, org.name, t.domain), 'peer', org.name, p.opsPort))),
  ].filter((n) => isLocal(t, n.org));
}

/**
 * The channel's block height on one node, from its `ledger_blockchain_height` metric (peers and orderers both
 * store blocks with Fabric's block store); undefined when the node does not answer or has not joined.
 */
export async function ledgerHeight(t: Topology, node: LedgerNode): Promise<number | undefined> {
  return metricValue(await readMetrics(node.opsHost, node.opsPort), 'ledger_blockchain_height', t.channel);
}

/** Heights of the given nodes (default every peer and orderer) by node name; unreachable nodes are left out. */
export async function ledgerHeights(t: Topology, nodes = ledgerNodes(t)): Promise<Record<string, number>> {
  const entries = await Promise.all(nodes.map(async (n) => [n.name, await ledgerHeight(t, n)] as const));
  return Object.fromEntries(entries.filter((e): e is readonly [string, number] => e[1] !== undefined));
}

/**
 * Waits (bounded) until every given node's height is at least `target` (default: the greatest height any peer or
 * orderer reports when the wait starts). Fails with PEER_BEHIND or ORDERER_BEHIND naming the node and both heights.
 */
export async function waitCaughtUp(t: Topology, nodes: LedgerNode[], opts: { target?: number; timeoutMs?: number } = {}): Promise<number> {
  const target = opts.target ?? Math.max(0, ...Object.values(await ledgerHeights(t)));
  const timeoutMs = opts.timeoutMs ?? 60_000;
  await Promise.all(nodes.map((n) => waitFor(
    { node: n.name, condition: `reach block height ${target}`, key: n.kind === 'peer' ? 'PEER_BEHIND' : 'ORDERER_BEHIND', hint: `see its log: npm run network:logs` },
    async () => ((await ledgerHeight(t, n)) ?? -1) >= target, timeoutMs,
  )));
  return target;
}

/** Waits (bounded) until every peer reports the same height, at least `min`; returns that height. */
export async function waitPeersLevel(t: Topology, min = 0, timeoutMs = 60_000): Promise<number> {
  const peers = ledgerNodes(t).filter((n) => n.kind === 'peer');
  let level = 0;
  await waitFor({ node: 'every peer', condition: `report the same block height (at least ${min})`, key: 'PEER_BEHIND', hint: 'see the peer logs: npm run network:logs' }, async () => {
    const h = Object.values(await ledgerHeights(t, peers));
    level = h[0] ?? 0;
    return h.length === peers.length && h.every((x) => x === level) && level >= min;
  }, timeoutMs);
  return level;
}
