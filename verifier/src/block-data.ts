import { concatBytes, fromBase64, toBase64 } from './bytes';
import type { Receipt } from './format';

/**
 * Packs the block's other envelopes for a receipt: their lengths in block order and their concatenation.
 * Fabric's data hash is one SHA-256 over the concatenation of all envelopes (no Merkle tree), so inclusion
 * can only be shown with every byte of the block. The bytes are not compressed: every bit of a receipt is
 * then covered by a hash or a signature (DEFLATE's padding bits would not be).
 */
export function packOthers(others: readonly Uint8Array[]): Receipt['block']['others'] {
  return { lengths: others.map((o) => o.length), bytes: toBase64(concatBytes(...others)) };
}

/** Inverse of packOthers; throws when the bytes are not exactly the stated lengths. */
export function unpackOthers(others: Receipt['block']['others']): Uint8Array[] {
  const all = fromBase64(others.bytes);
  if (all.length !== others.lengths.reduce((n, l) => n + l, 0)) throw new Error('block data length mismatch');
  const out: Uint8Array[] = [];
  let at = 0;
  for (const len of others.lengths) {
    out.push(all.subarray(at, at + len));
    at += len;
  }
  return out;
}
