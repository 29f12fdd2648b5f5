import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { newNativeSigner } from './native-signer';

const P256_HALF = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

/** Reads (r, s) back out of a DER ECDSA-Sig-Value with short-form lengths. */
function parseDer(sig: Uint8Array): { r: bigint; s: bigint } {
  const b = Buffer.from(sig);
  assert.equal(b[0], 0x30);
  assert.equal(b[1], b.length - 2, 'sequence length');
  const rLen = b[3]!;
  const r = BigInt(`0x${b.subarray(4, 4 + rLen).toString('hex')}`);
  const sLen = b[5 + rLen]!;
  const s = BigInt(`0x${b.subarray(6 + rLen, 6 + rLen + sLen).toString('hex')}`);
  return { r, s };
}

describe('native ECDSA signer', () => {
  it('produces DER signatures over SHA-256 that verify, always with low S', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const signer = newNativeSigner(privateKey);
    for (let i = 0; i < 200; i++) {
      const message = createHash('sha256').update(String(i)).digest();
      const sig = await signer(message);
      assert.ok(verify('sha256', message, publicKey, sig), `signature ${i} verifies`);
      assert.ok(parseDer(sig).s <= P256_HALF, `signature ${i} has low S`);
    }
  });

  it('refuses keys it cannot sign for Fabric', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    assert.throws(() => newNativeSigner(privateKey), /unsupported signing key/);
  });
});
