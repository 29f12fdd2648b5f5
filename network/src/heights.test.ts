import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkError } from './errors';
import { ledgerHeights, waitCaughtUp, type LedgerNode } from './heights';
import { loadTopology } from './topology';

describe('ledger heights from the operations endpoint', () => {
  const t = { ...loadTopology(), host: '127.0.0.1' };
  let height = 3;
  let server: Server;
  let node: LedgerNode;
  before(async () => {
    server = createServer((_req, res) => {
      res.end(`# TYPE ledger_blockchain_height gauge\nledger_blockchain_height{channel="other"} 99\nledger_blockchain_height{channel="${t.channel}"} ${height++}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    node = { name: 'peer0.test', kind: 'peer', org: 'Test', opsHost: '127.0.0.1', opsPort: (server.address() as AddressInfo).port };
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the channel height and leaves out nodes that do not answer', async () => {
    const h = await ledgerHeights(t, [node, { name: 'gone', kind: 'orderer', org: 'Test', opsHost: '127.0.0.1', opsPort: 1 }]);
    assert.deepEqual(Object.keys(h), ['peer0.test']);
    assert.ok(h['peer0.test']! >= 3);
  });

  it('waits until a node catches up, and fails with PEER_BEHIND naming it when it does not in time', async () => {
    const target = height + 2;
    assert.equal(await waitCaughtUp(t, [node], { target, timeoutMs: 5_000 }), target);
    assert.ok(height > target, 'it polled until the node reported the target');
    await assert.rejects(waitCaughtUp(t, [node], { target: 10_000, timeoutMs: 300 }),
      (err: unknown) => err instanceof NetworkError && err.key === 'PEER_BEHIND' && /peer0\.test to reach block height 10000/.test(err.message));
  });
});
