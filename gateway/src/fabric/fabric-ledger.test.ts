import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error';
import { ConnectionPool } from './connection';
import { FabricLedger } from './fabric-ledger';

test('without a held key, a chaincode call that is not client-signed is refused (428 CLIENT_SIGNING_REQUIRED) before any connection', async () => {
  const connections = new ConnectionPool();
  const ledger = new FabricLedger({
    channel: 'c', chaincode: 'cc', connections, serviceOperator: 'auditor1',
    peer: { endpoint: '127.0.0.1:1', hostAlias: 'peer', tlsRootCertPath: '/nonexistent' },
    identities: { find: (id) => ({ operatorId: id, mspId: 'PublicSecurityMSP', role: 'clerk', certificate: Buffer.from('') }) },
    retry: { maxRetries: 0, baseMs: 1 },
    timeouts: { endorseMs: 1, evaluateMs: 1, submitMs: 1, commitMs: 1 },
    observer: { stage: () => undefined, retry: () => undefined },
  });
  for (const call of [
    () => ledger.submit('clerk1', { contract: 'System', transaction: 'Probe', args: [] }),
    () => ledger.submitAsync('clerk1', { contract: 'System', transaction: 'Probe', args: [] }),
    () => ledger.evaluate('clerk1', { contract: 'System', transaction: 'Ping', args: [] }),
  ]) {
    await assert.rejects(call(), (err: unknown) => err instanceof ApiError && err.status === 428 && err.key === 'CLIENT_SIGNING_REQUIRED');
  }
  await ledger.close();
});
