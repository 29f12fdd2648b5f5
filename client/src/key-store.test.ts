import 'fake-indexeddb/auto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, verify } from 'node:crypto';
import { generateOperatorKey, signMessage } from './keys';
import { openKeyStore } from './key-store';

test('the key store keeps a non-extractable key that still signs after reload, and never lets it be exported', async () => {
  const keys = await generateOperatorKey();
  const store = openKeyStore('test-keys');
  await store.save({ mspId: 'PublicSecurityMSP', operatorId: 'clerk9', privateKey: keys.privateKey, publicKey: keys.publicKey, createdAt: '2026-01-01T00:00:00Z' });
  const loaded = await openKeyStore('test-keys').load('PublicSecurityMSP', 'clerk9');
  assert.ok(loaded);
  assert.equal(loaded.privateKey.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('pkcs8', loaded.privateKey));
  const message = new TextEncoder().encode('proposal bytes');
  assert.ok(verify('sha256', message, { key: KeyObject.from(keys.publicKey), dsaEncoding: 'der' }, await signMessage(loaded.privateKey, message)));
  assert.deepEqual(await store.list(), [{ mspId: 'PublicSecurityMSP', operatorId: 'clerk9' }]);
  await store.remove('PublicSecurityMSP', 'clerk9');
  assert.equal(await store.load('PublicSecurityMSP', 'clerk9'), undefined);
});
