import { createHash, createHmac } from 'node:crypto';

/** SHA-256 of a UTF-8 string or bytes, lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** HMAC-SHA256 with a hex or UTF-8 key, lower-case hex. */
export function hmacSha256Hex(key: string | Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}
