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

/** The bytes of a Blob (FileReader where Blob#arrayBuffer is missing, as in older engines). */
function bytesOf(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as ArrayBuffer);
    r.onerror = () => reject(r.error ?? new Error('the file could not be read'));
    r.readAsArrayBuffer(file);
  });
}

/** Is this a SHA-256 in lower-case hex (the API's form)? */
export const isSha256Hex = (s: string): boolean => /^[0-9a-f]{64}$/.test(s);
