import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { distribution, quantile, slowestStep } from './soak';

describe('soak figures', () => {
  it('nearest-rank quantiles and the min/median/p90/max of cycle times', () => {
    const s = [10, 11, 12, 13, 14, 15, 16, 17, 18, 30];
    assert.equal(quantile(s, 0.5), 14);
    assert.equal(quantile(s, 0.9), 18);
    assert.deepEqual(distribution([30, 10, 11, 12, 13, 14, 15, 16, 17, 18]), { min: 10, median: 14, p90: 18, max: 30 });
    assert.ok(Number.isNaN(distribution([]).median));
  });

  it('finds the slowest bring-up step in the progress lines', () => {
    const lines = [
      '[network] Fabric CAs running: 6 started (0.8 s)',
      '[network] Raft leader elected and known to every orderer (transactions): leader orderer3 (5.6 s)',
      '[network] genesis block created: exists, skipped',
      '[network] chaincode definition approved by 5 org(s)',
      '[network] up in 9.6 s: 15 processes, channel govchannel, chaincode govchain',
    ];
    assert.equal(slowestStep(lines), 'Raft leader elected and known to every orderer (transactions) 5.6 s');
    assert.equal(slowestStep([]), undefined);
  });
});
