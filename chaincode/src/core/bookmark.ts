import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { errors } from './error-helpers';

const PREFIX = 'b1.';

/** Encryption key and nonce key of opaque bookmarks, derived from the deployment secret. */
function keysOf(secret: Uint8Array): { enc: Buffer; nonce: Buffer } {
  return {
    enc: createHmac('sha256', secret).update('govchain bookmark encryption v1').digest(),
    nonce: createHmac('sha256', secret).update('govchain bookmark nonce v1').digest(),
  };
}

/**
 * Seals scan cursors into an opaque bookmark: AES-256-GCM over the cursors, with the query binding as
 * additional data. The nonce is derived from binding and plaintext (deterministic, as chaincode must be);
 * equal cursors of the same query give equal bookmarks, which reveals nothing the caller does not hold.
 */
export function sealBookmark(secret: Uint8Array, binding: string, cursors: Array<string | null>): string {
  const { enc, nonce } = keysOf(secret);
  const plaintext = Buffer.from(JSON.stringify(cursors), 'utf8');
  const iv = createHmac('sha256', nonce).update(binding).update('\u0000').update(plaintext).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', enc, iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Opens a bookmark sealed for the same query binding, or throws INVALID_ARGUMENT: a bookmark of another
 * query, another view, another subject, a tampered or a made-up one never opens.
 */
export function openBookmark(secret: Uint8Array, binding: string, bookmark: string, count: number): Array<string | null> {
  const invalid = () => errors.invalidArgument('bookmark does not belong to this query: pass the bookmark the previous page of the same query returned, or \'\' for the first page', { argument: 'bookmark' });
  if (!bookmark.startsWith(PREFIX)) throw invalid();
  const raw = Buffer.from(bookmark.slice(PREFIX.length), 'base64url');
  if (raw.length < 12 + 16 + 2) throw invalid();
  const { enc } = keysOf(secret);
  let cursors: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', enc, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    cursors = JSON.parse(plain.toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(cursors) || cursors.length !== count || !cursors.every((c) => c === null || typeof c === 'string')) throw invalid();
  return cursors as Array<string | null>;
}
