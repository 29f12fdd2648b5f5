import { NetworkError } from './errors';
import { metricValue, readMetrics } from './metrics';
import { nodeHost } from './paths';
import { opsHost } from './placement';
import { ordererOrg, Topology } from './topology';
import { waitFor } from './wait';

export { metricValue };

/** What one orderer's Prometheus endpoint says about its Raft state on the channel. */
export interface RaftView {
  orderer: string;
  /** `consensus_etcdraft_is_leader`: 1 on the leader only. */
  isLeader: boolean;
  /** `consensus_etcdraft_leader_changes`: counts every leader this node has learnt of, followers included. */
  leaderChanges: number;
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
    const text = await readMetrics(opsHost(t, nodeHost(o.name, oo.name, t.domain)), o.opsPort, timeoutMs);
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
      'see the orderer logs: npm run network:logs', { node: 'every orderer', waitedFor: `one Raft leader on ${t.channel} known to all`, timeoutMs, views: last });
  }
  return last;
}
