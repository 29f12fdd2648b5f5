import { bytesOf } from './files';

/** SHA-256 of bytes with the browser's Web Crypto, as lower-case hex (the file itself never leaves the browser). */
export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  // A copy in this realm's Uint8Array: a buffer from another realm (a worker, a test DOM) is refused by some engines.
  const digest = await crypto.subtle.digest('SHA-256', Uint8Array.from(data instanceof Uint8Array ? data : new Uint8Array(data)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a File or Blob. */
export async function sha256OfFile(file: Blob): Promise<string> {
  return sha256Hex(await bytesOf(file));
}


/** Is this a SHA-256 in lower-case hex (the API's form)? */
export const isSha256Hex = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);
