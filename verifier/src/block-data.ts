import { bytesEqual, concatBytes, fromBase64, fromHex, sha256, toBase64, toHex } from './bytes';
import type { Receipt } from './format';

/** Above this many bytes of other envelopes, a receipt names parts instead of inlining them (4 MiB). */
export const DEFAULT_INLINE_BYTES = 4 * 1024 * 1024;

/** The block's other envelopes as a receipt carries them, and the parts delivered beside it (if split). */
export interface PackedOthers {
  others: Receipt['block']['others'];
  parts: Uint8Array[];
}

/**
 * Packs the block's other envelopes: their lengths in block order and their concatenation. Fabric's data hash
 * is one SHA-256 over the concatenation of all envelopes (no Merkle tree), so inclusion can only be shown with
 * every byte of the block. Up to `inlineBytes` they are inline; above, the concatenation is cut into parts of
 * `inlineBytes` that travel beside the receipt, each named by its SHA-256 in the receipt. The bytes are never
 * compressed: every bit is then covered by a hash or a signature (DEFLATE's padding bits would not be).
 */
export async function packOthers(others: readonly Uint8Array[], inlineBytes = DEFAULT_INLINE_BYTES): Promise<PackedOthers> {
  const lengths = others.map((o) => o.length);
  const all = concatBytes(...others);
  if (all.length <= inlineBytes) return { others: { lengths, bytes: toBase64(all) }, parts: [] };
  const parts: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += inlineBytes) parts.push(all.subarray(at, at + inlineBytes));
  return { others: { lengths, parts: await Promise.all(parts.map(async (p) => ({ length: p.length, sha256: toHex(await sha256(p)) }))) }, parts };
}

/** Why the other envelopes could not be restored. */
export class BlockDataError extends Error {
  constructor(readonly what: 'missing-part' | 'part-hash' | 'length') {
    super(`block data: ${what}`);
  }
}

/** Inverse of packOthers; `parts` are needed when the receipt names parts, and each must match its SHA-256. */
export async function unpackOthers(others: Receipt['block']['others'], parts: readonly Uint8Array[] = []): Promise<Uint8Array[]> {
  let all: Uint8Array;
  if ('bytes' in others) {
    all = fromBase64(others.bytes);
  } else {
    if (parts.length < others.parts.length) throw new BlockDataError('missing-part');
    for (const [i, p] of others.parts.entries()) {
      const part = parts[i] as Uint8Array;
      if (part.length !== p.length || !bytesEqual(await sha256(part), fromHex(p.sha256))) throw new BlockDataError('part-hash');
    }
    all = concatBytes(...parts.slice(0, others.parts.length));
  }
  if (all.length !== others.lengths.reduce((n, l) => n + l, 0)) throw new BlockDataError('length');
  const out: Uint8Array[] = [];
  let at = 0;
  for (const len of others.lengths) {
    out.push(all.subarray(at, at + len));
    at += len;
  }
  return out;
}
