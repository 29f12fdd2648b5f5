import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClusterArgs } from './chaincode-cluster';
import { peerTuning } from './peer-tuning';
import { NetworkError } from './errors';
import { loadTopology } from './topology';

const variant = (patch: Record<string, unknown>): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'topo-')), 'topology.json');
  writeFileSync(file, JSON.stringify({ ...loadTopology(), ...patch }));
  return file;
};

describe('peer tuning (topology "peer")', () => {
  it('defaults to Fabric\'s sampleconfig values when the topology leaves it out', () => {
    const { peer: _omitted, ...rest } = loadTopology();
    const file = join(mkdtempSync(join(tmpdir(), 'topo-')), 'topology.json');
    writeFileSync(file, JSON.stringify(rest));
    assert.deepEqual(peerTuning(loadTopology(file)), {
      'peer.limits.concurrency.gatewayService': 500,
      'peer.limits.concurrency.endorserService': 2500,
      'peer.limits.concurrency.deliverService': 2500,
      'peer.validatorPoolSize': 0,
    });
  });

  it('writes the topology\'s values as core.yaml paths (native and compose peers read the same core.yaml)', () => {
    const t = loadTopology(variant({ peer: { limits: { gatewayService: 1500, endorserService: 3000, deliverService: 2600 }, validatorPoolSize: 4 } }));
    assert.deepEqual(peerTuning(t), {
      'peer.limits.concurrency.gatewayService': 1500,
      'peer.limits.concurrency.endorserService': 3000,
      'peer.limits.concurrency.deliverService': 2600,
      'peer.validatorPoolSize': 4,
    });
  });

  it('refuses a zero limit, a negative pool and unknown knobs with TOPOLOGY_INVALID', () => {
    for (const peer of [
      { limits: { gatewayService: 0, endorserService: 2500, deliverService: 2500 }, validatorPoolSize: 0 },
      { limits: { gatewayService: 500, endorserService: 2500, deliverService: 2500 }, validatorPoolSize: -1 },
      { limits: { gatewayService: 500, endorserService: 2500, deliverService: 2500 }, validatorPoolSize: 0, surprise: true },
    ]) {
      assert.throws(() => loadTopology(variant({ peer })), (err: unknown) => err instanceof NetworkError && err.key === 'TOPOLOGY_INVALID' && /peer/.test(`${err.message} ${JSON.stringify(err.details)}`));
    }
  });
});

describe('chaincode cluster arguments', () => {
  it('splits node options from the script and refuses a bad worker count', () => {
    assert.deepEqual(parseClusterArgs(['3', '--require', 'guard.js', '--', 'cli.js', 'server', '--x=1']), {
      workers: 3, execArgv: ['--require', 'guard.js'], exec: 'cli.js', args: ['server', '--x=1'],
    });
    assert.throws(() => parseClusterArgs(['0', '--', 'cli.js']), /usage/);
    assert.throws(() => parseClusterArgs(['2', 'cli.js']), /usage/);
  });
});
