import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BRING_UP } from './steps';

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
