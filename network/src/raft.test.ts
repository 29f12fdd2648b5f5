import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metricValue, raftReady } from './raft';

const exposition = [
  '# HELP consensus_etcdraft_is_leader The leadership status of the current node: 1 if it is the leader else 0.',
  '# TYPE consensus_etcdraft_is_leader gauge',
  'consensus_etcdraft_is_leader{channel="other"} 1',
  'consensus_etcdraft_is_leader{channel="govchannel"} 0',
  'consensus_etcdraft_leader_changes{channel="govchannel"} 2',
].join('\n');

describe('raft readiness', () => {
  it('reads a metric for the named channel only', () => {
    assert.equal(metricValue(exposition, 'consensus_etcdraft_is_leader', 'govchannel'), 0);
    assert.equal(metricValue(exposition, 'consensus_etcdraft_is_leader', 'other'), 1);
    assert.equal(metricValue(exposition, 'consensus_etcdraft_leader_changes', 'govchannel'), 2);
    assert.equal(metricValue(exposition, 'consensus_etcdraft_leader_changes', 'other'), undefined);
    assert.equal(metricValue('', 'consensus_etcdraft_is_leader', 'govchannel'), undefined);
  });

  it('is ready only with exactly one leader that every follower has learnt of', () => {
    const v = (orderer: string, isLeader: boolean, leaderChanges: number) => ({ orderer, isLeader, leaderChanges });
    assert.equal(raftReady([v('o1', true, 1), v('o2', false, 1), v('o3', false, 1)]), true);
    // every orderer "active" but no election yet: the state that made approveformyorg fail
    assert.equal(raftReady([v('o1', false, 0), v('o2', false, 0), v('o3', false, 0)]), false);
    // a leader exists but one follower has not heard from it yet
    assert.equal(raftReady([v('o1', true, 1), v('o2', false, 1), v('o3', false, 0)]), false);
    // two nodes claim leadership (a stale reading across a term change)
    assert.equal(raftReady([v('o1', true, 1), v('o2', true, 2), v('o3', false, 2)]), false);
  });
});
