/** SHA-256 of bytes with the browser's Web Crypto, as lower-case hex (the file itself never leaves the browser). */
export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a File or Blob. */
export async function sha256OfFile(file: Blob): Promise<string> {
  return sha256Hex(await file.arrayBuffer());
}

/** Is this a SHA-256 in lower-case hex (the API's form)? */
export const isSha256Hex = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);
