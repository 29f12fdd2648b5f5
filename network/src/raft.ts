import { NetworkError } from './errors';
import { OPS_HOST } from './paths';
import { ordererOrg, Topology } from './topology';
import { waitFor } from './wait';

/** What one orderer's Prometheus endpoint says about its Raft state on the channel. */
export interface RaftView {
  orderer: string;
  /** `consensus_etcdraft_is_leader`: 1 on the leader only. */
  isLeader: boolean;
  /** `consensus_etcdraft_leader_changes`: counts every leader this node has learnt of, followers included. */
  leaderChanges: number;
}

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

/**
 * The cluster can order transactions when exactly one orderer is leader and every other orderer has learnt of a
 * leader. An orderer reports the channel `active` as soon as it joins, before any election; a follower that has not
 * yet heard from the leader refuses a broadcast with SERVICE_UNAVAILABLE "no Raft leader".
 */
export function raftReady(views: RaftView[]): boolean {
  return views.filter((v) => v.isLeader).length === 1 && views.every((v) => v.isLeader || v.leaderChanges >= 1);
}

/** Reads the Raft view of every orderer of the topology from its operations endpoint. */
export async function readRaftViews(t: Topology, timeoutMs = 2000): Promise<RaftView[]> {
  const oo = ordererOrg(t);
  return Promise.all(oo.orderers.map(async (o): Promise<RaftView> => {
    const text = await fetch(`http://${OPS_HOST}:${o.opsPort}/metrics`, { signal: AbortSignal.timeout(timeoutMs) })
      .then((r) => (r.ok ? r.text() : ''))
      .catch(() => '');
    return {
      orderer: o.name,
      isLeader: metricValue(text, 'consensus_etcdraft_is_leader', t.channel) === 1,
      leaderChanges: metricValue(text, 'consensus_etcdraft_leader_changes', t.channel) ?? 0,
    };
  }));
}

/** Waits (bounded) until the channel's Raft cluster has one leader known to every orderer; RAFT_NO_LEADER otherwise. */
export async function waitRaftLeader(t: Topology, timeoutMs = 60_000): Promise<RaftView[]> {
  let last: RaftView[] = [];
  try {
    await waitFor(`a Raft leader on channel ${t.channel}`, async () => raftReady(last = await readRaftViews(t)), timeoutMs);
  } catch {
    const state = last.map((v) => `${v.orderer}: ${v.isLeader ? 'leader' : v.leaderChanges ? 'follower' : 'no leader known'}`).join(', ');
    throw new NetworkError('RAFT_NO_LEADER', `no Raft leader known to every orderer on ${t.channel} after ${timeoutMs} ms (${state || 'no metrics read'})`,
      'see the orderer logs: npm run network:logs', last);
  }
  return last;
}
