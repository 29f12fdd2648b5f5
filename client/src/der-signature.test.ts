import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, verify } from 'node:crypto';
import { derToRs, isLowS, p1363ToLowSDer } from './der-signature';
import { signMessage } from './keys';

const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const bytes32 = (n: bigint) => Uint8Array.from(n.toString(16).padStart(64, '0').match(/../g) ?? [], (h) => parseInt(h, 16));

test('Web Crypto P1363 signatures become DER with low S that OpenSSL verifies', async () => {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const pub = KeyObject.from(keys.publicKey);
  let sawHigh = false;
  for (let i = 0; i < 40; i++) {
    const message = crypto.getRandomValues(new Uint8Array(100 + i));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, message));
    sawHigh ||= !isLowS(BigInt(`0x${Buffer.from(raw.subarray(32)).toString('hex')}`));
    const der = p1363ToLowSDer(raw);
    assert.ok(isLowS(derToRs(der).s), 'low S');
    assert.ok(verify('sha256', message, { key: pub, dsaEncoding: 'der' }, der), 'verifies as DER');
    assert.ok(verify('sha256', message, { key: pub, dsaEncoding: 'der' }, await signMessage(keys.privateKey, message)));
  }
  assert.ok(sawHigh, 'some inputs had a high S (40 tries: fails with probability 2^-40)');
});

test('a high S is replaced by n - S; small r and s get minimal DER integers', () => {
  const der = p1363ToLowSDer(new Uint8Array([...bytes32(1n), ...bytes32(ORDER - 2n)]));
  assert.deepEqual(derToRs(der), { r: 1n, s: 2n });
  assert.deepEqual([...der], [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]);
  const top = p1363ToLowSDer(new Uint8Array([...bytes32(0x80n << 248n), ...bytes32(3n)]));
  assert.equal(top[3], 33, 'an r with its top bit set gets a leading zero byte');
  assert.throws(() => p1363ToLowSDer(new Uint8Array(63)));
});

test('Node Buffers (views on a shared pool) are signed as their own bytes only', async () => {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const pooled = Buffer.from('a proposal from base64'.repeat(3));
  assert.ok(pooled.byteOffset > 0 || pooled.buffer.byteLength > pooled.length, 'a pooled Buffer');
  const signature = await signMessage(keys.privateKey, pooled);
  assert.ok(verify('sha256', Buffer.from(pooled), { key: KeyObject.from(keys.publicKey), dsaEncoding: 'der' }, signature));
  assert.deepEqual(derToRs(Buffer.from(signature)), derToRs(signature));
});
