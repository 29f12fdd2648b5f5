import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkError } from './errors';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { tcpOpen, tlsServing, waitFor } from './wait';

describe('bounded waits', () => {
  it('resolve as soon as the check holds', async () => {
    let calls = 0;
    await waitFor({ node: 'n', condition: 'c' }, async () => ++calls >= 2, 5_000);
    assert.equal(calls, 2);
  });

  it('fail after the time limit with the target key, naming the node, the condition and the last error', async () => {
    const started = Date.now();
    await assert.rejects(
      waitFor({ node: 'orderer2.orderer.gov.local', condition: 'reach block height 9', key: 'ORDERER_BEHIND', hint: 'see its log' }, async () => {
        throw new Error('connection refused\nsecond line');
      }, 300),
      (err: unknown) => {
        assert.ok(err instanceof NetworkError);
        assert.equal(err.key, 'ORDERER_BEHIND');
        assert.match(err.message, /^timed out after 300 ms waiting for orderer2\.orderer\.gov\.local to reach block height 9 \(last error: connection refused\)$/);
        assert.equal(err.hint, 'see its log');
        assert.deepEqual(err.details, { node: 'orderer2.orderer.gov.local', waitedFor: 'reach block height 9', timeoutMs: 300, lastError: 'connection refused' });
        return true;
      },
    );
    assert.ok(Date.now() - started < 1_500, 'the time limit is kept (no sleep past the deadline)');
  });

  it('a bare string target keeps the generic WAIT_TIMEOUT key', async () => {
    await assert.rejects(waitFor('something', async () => false, 50), (err: unknown) => err instanceof NetworkError && err.key === 'WAIT_TIMEOUT' && /waiting for something$/.test(err.message));
  });
});

describe('tlsServing', () => {
  it('is false while a port accepts TCP but says nothing (a peer that listens before it serves), and when nothing listens', async () => {
    const silent = createServer({ pauseOnConnect: true }, () => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      assert.equal(await tcpOpen('127.0.0.1', port), true, 'the TCP check alone would call it ready');
      assert.equal(await tlsServing('127.0.0.1', port, 300), false);
    } finally {
      silent.close();
    }
    assert.equal(await tlsServing('127.0.0.1', port, 300), false);
  });

  it('is true once a TLS server answers the handshake, with its certificate or with an alert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-serving-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', '/CN=peer', '-days', '1'], { stdio: 'ignore' });
    const tlsOpts = { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
    const plain = createTlsServer(tlsOpts, (s) => s.end());
    // A server that insists on a client certificate answers a client without one with an alert: it still serves.
    const mutual = createTlsServer({ ...tlsOpts, requestCert: true, rejectUnauthorized: true, ca: [tlsOpts.cert], minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, (s) => s.end());
    try {
      for (const server of [plain, mutual]) {
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        assert.equal(await tlsServing('127.0.0.1', (server.address() as AddressInfo).port, 2000), true);
      }
    } finally {
      plain.close();
      mutual.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
