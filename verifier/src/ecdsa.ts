import { AsnConvert } from '@peculiar/asn1-schema';
import { ECDSASigValue } from '@peculiar/asn1-ecc';
import { bytesEqual } from './bytes';

/** Curve orders of the curves Fabric CAs issue keys on, and their coordinate sizes. */
const CURVES: Record<string, { order: bigint; size: number }> = {
  'P-256': { order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, size: 32 },
  'P-384': { order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n, size: 48 },
};

const toBigInt = (b: Uint8Array): bigint => b.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);

function fixed(n: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

/** Why a signature failed, for the report. */
export type SignatureFault = 'malformed' | 'high-s' | 'mismatch' | 'unsupported-key';

/**
 * Verifies a Fabric ECDSA signature: DER ECDSA-Sig-Value (canonical DER only), S in the lower half of the
 * group order (Fabric rejects high-S signatures as malleable), over SHA-256 of the message (Fabric's
 * default for both P-256 and P-384 keys). Returns undefined when valid, else why not.
 */
export async function verifyFabricSignature(spki: ArrayBuffer, namedCurve: string, message: Uint8Array, der: Uint8Array): Promise<SignatureFault | undefined> {
  const curve = CURVES[namedCurve];
  if (!curve) return 'unsupported-key';
  let value: ECDSASigValue;
  try {
    value = AsnConvert.parse(der, ECDSASigValue);
    if (!bytesEqual(new Uint8Array(AsnConvert.serialize(value)), der)) return 'malformed';
  } catch {
    return 'malformed';
  }
  const r = toBigInt(new Uint8Array(value.r));
  const s = toBigInt(new Uint8Array(value.s));
  if (r <= 0n || s <= 0n || r >= curve.order || s >= curve.order) return 'malformed';
  if (s > curve.order >> 1n) return 'high-s';
  const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve }, false, ['verify']);
  const raw = new Uint8Array(curve.size * 2);
  raw.set(fixed(r, curve.size), 0);
  raw.set(fixed(s, curve.size), curve.size);
  const ok = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, raw, message as BufferSource);
  return ok ? undefined : 'mismatch';
}
