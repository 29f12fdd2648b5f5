import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nodeCatalogue } from './catalogue';
import { BRING_UP } from './steps';
import { loadTopology } from './topology';
import { toolchain } from './toolchain';

describe('bring-up steps', () => {
  it('have unique ids, and exactly the steps that create lasting data are creation-only (skipped when it exists)', () => {
    const ids = BRING_UP.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(BRING_UP.filter((s) => s.exists).map((s) => s.id), ['identities', 'genesis', 'orderers-join', 'peers-join', 'chaincode-define', 'governance']);
  });

  it('start nodes before talking to them and wait for a Raft leader before any transaction', () => {
    const at = (id: string) => BRING_UP.findIndex((s) => s.id === id);
    assert.ok(at('cas') < at('identities'));
    assert.ok(at('nodes') < at('orderers-join') && at('orderers-join') < at('orderers-serve') && at('orderers-serve') < at('raft-leader'));
    assert.ok(at('raft-leader') < at('chaincode-define') && at('raft-leader') < at('governance'), 'transactions only after a leader is known');
    assert.ok(at('peers-join') < at('peers-catch-up') && at('chaincode-server') < at('discovery') && at('chaincode-define') < at('discovery'));
    assert.equal(BRING_UP[BRING_UP.length - 1]!.id, 'peers-level', 'up ends with every peer at the same height');
  });
});

describe('bring-up steps on the orderer org\'s own host (network:up --org Orderer)', () => {
  it('skip the steps that act through a peer, touching nothing', async () => {
    const saved = process.env.GOVCHAIN_ORG;
    process.env.GOVCHAIN_ORG = 'Orderer';
    try {
      const t = loadTopology();
      const ctx = { t, tc: toolchain(), log: () => undefined, state: { topologyPath: '', startedAt: '', ready: false, processes: [] }, catalogue: nodeCatalogue(t) };
      for (const id of ['chaincode-install', 'discovery', 'governance', 'peers-level']) {
        assert.equal(await BRING_UP.find((s) => s.id === id)!.run(ctx), 'no peers on this host', id);
      }
    } finally {
      if (saved === undefined) delete process.env.GOVCHAIN_ORG;
      else process.env.GOVCHAIN_ORG = saved;
    }
  });
});
