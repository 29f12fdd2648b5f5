import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Server } from 'node:net';
import { assertPortsFree } from './ports';
import { loadTopology } from './topology';
import { NetworkError } from './errors';

describe('port checks', () => {
  it('names the busy port and the node that needs it', async () => {
    const t = loadTopology();
    t.chaincode.serverPort = 47999;
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(47999, t.host, () => r()));
    try {
      await assert.rejects(assertPortsFree(t, (label) => label !== 'chaincode server'), (err: unknown) =>
        err instanceof NetworkError && err.key === 'PORT_IN_USE' && /47999 \(chaincode server\)/.test(err.message));
    } finally {
      server.close();
    }
  });
});
