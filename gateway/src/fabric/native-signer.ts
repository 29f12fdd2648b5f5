import { KeyObject, sign } from 'node:crypto';
import type { Signer } from '@hyperledger/fabric-gateway';

/** Group orders of the curves Fabric CA issues keys on. */
const ORDERS: Record<string, bigint> = {
  prime256v1: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  secp384r1: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

const toBigInt = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

function derInteger(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  // DER integers are signed: a leading 1-bit needs a zero byte in front.
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/** DER-encodes (r, s) as an ECDSA-Sig-Value SEQUENCE. */
export function derSignature(r: bigint, s: bigint): Uint8Array {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/**
 * An ECDSA signer on Node's native crypto (OpenSSL), used with `hash: hash.none` so it receives the whole
 * message and hashes it with SHA-256 itself. Fabric rejects high-S signatures, so S is normalised to the
 * lower half of the group order. The bench found the pure-JavaScript signer to be the largest CPU item
 * of the gateway.
 */
export function newNativeSigner(key: KeyObject): Signer {
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  const order = ORDERS[curve];
  if (key.asymmetricKeyType !== 'ec' || order === undefined) throw new Error(`unsupported signing key: ${key.asymmetricKeyType ?? '?'} ${curve}`);
  const half = order >> 1n;
  const size = curve === 'secp384r1' ? 48 : 32;
  return (message: Uint8Array) => {
    const raw = sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' });
    const r = toBigInt(raw.subarray(0, size));
    let s = toBigInt(raw.subarray(size));
    if (s > half) s = order - s;
    return Promise.resolve(derSignature(r, s));
  };
}
