import { concatBytes, deflateRaw, fromBase64, inflateRaw, toBase64 } from './bytes';
import type { Receipt } from './format';

/** The limit of the block's inflated other envelopes (Fabric's default AbsoluteMaxBytes is 10 MB; allow some room). */
export const MAX_BLOCK_DATA_BYTES = 64 * 1024 * 1024;

/**
 * Packs the block's other envelopes for a receipt: their lengths in block order and their concatenation,
 * compressed with raw DEFLATE. Fabric's data hash is SHA-256 over the concatenation of all envelopes, so
 * inclusion can only be shown with every byte of the block; compression keeps a full block small.
 */
export async function packOthers(others: readonly Uint8Array[]): Promise<Receipt['block']['others']> {
  return { encoding: 'deflate-raw', lengths: others.map((o) => o.length), bytes: toBase64(await deflateRaw(concatBytes(...others))) };
}

/** Inverse of packOthers; throws when the bytes do not inflate to exactly the stated lengths. */
export async function unpackOthers(others: Receipt['block']['others']): Promise<Uint8Array[]> {
  const total = others.lengths.reduce((n, l) => n + l, 0);
  if (total > MAX_BLOCK_DATA_BYTES) throw new Error('block data too large');
  const all = await inflateRaw(fromBase64(others.bytes));
  if (all.length !== total) throw new Error('block data length mismatch');
  const out: Uint8Array[] = [];
  let at = 0;
  for (const len of others.lengths) {
    out.push(all.subarray(at, at + len));
    at += len;
  }
  return out;
}
