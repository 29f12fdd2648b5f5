import * as asn1js from 'asn1js';
import { arrayBuffer } from './bytes';

/** Order of the P-256 group: S above half of it is "high" and Fabric refuses it. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const toBigInt = (b: Uint8Array): bigint => b.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);

/**
 * Converts a Web Crypto ECDSA P-256 signature (IEEE P1363: r || s, 32 bytes each) to what Fabric requires: an
 * ASN.1 DER ECDSA-Sig-Value with S in the lower half of the group order. The DER encoding is asn1js's.
 */
export function p1363ToLowSDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new Error(`expected a 64-byte P-256 signature, got ${raw.length} bytes`);
  const r = toBigInt(raw.subarray(0, 32));
  let s = toBigInt(raw.subarray(32));
  if (s > P256_ORDER >> 1n) s = P256_ORDER - s;
  const seq = new asn1js.Sequence({ value: [asn1js.Integer.fromBigInt(r), asn1js.Integer.fromBigInt(s)] });
  return new Uint8Array(seq.toBER(false));
}

/** The (r, s) of a DER ECDSA signature (for tests and checks). */
export function derToRs(der: Uint8Array): { r: bigint; s: bigint } {
  const parsed = asn1js.fromBER(arrayBuffer(der));
  const seq = parsed.result as asn1js.Sequence;
  if (parsed.offset === -1 || !(seq instanceof asn1js.Sequence)) throw new Error('not a DER ECDSA signature');
  const [r, s] = seq.valueBlock.value as asn1js.Integer[];
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer)) throw new Error('not a DER ECDSA signature');
  return { r: r.toBigInt(), s: s.toBigInt() };
}

/** True when S is in the lower half of the P-256 order (what Fabric accepts). */
export function isLowS(s: bigint): boolean {
  return s <= P256_ORDER >> 1n;
}
