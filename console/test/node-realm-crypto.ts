/**
 * jsdom gives the test's modules typed arrays of another realm than Node's WebCrypto accepts ("not instance of
 * ArrayBuffer"); a browser has one realm. This copies every binary argument into Node's realm before it reaches
 * WebCrypto, so the verifier runs here as it does in Chromium. Test support only.
 */
import { Buffer } from 'node:buffer';

const tag = (x: unknown) => Object.prototype.toString.call(x);
const isBinary = (x: unknown): x is ArrayBufferLike | ArrayBufferView =>
  typeof x === 'object' && x !== null && (tag(x) === '[object ArrayBuffer]' || ArrayBuffer.isView(x) || 'byteLength' in x && 'BYTES_PER_ELEMENT' in x);

function toNodeRealm(x: unknown): unknown {
  if (!isBinary(x)) return x;
  if (tag(x) === '[object ArrayBuffer]') return Buffer.from(new Uint8Array(x as ArrayBuffer));
  const v = x as ArrayBufferView;
  return Buffer.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
}

/** Installs the copying wrapper on globalThis.crypto.subtle (idempotent). */
export function useNodeRealmCrypto(): void {
  const real = globalThis.crypto.subtle;
  if ((real as { __nodeRealm?: boolean }).__nodeRealm) return;
  const wrapped: Record<string, unknown> = { __nodeRealm: true };
  for (const name of ['digest', 'importKey', 'exportKey', 'verify', 'sign', 'encrypt', 'decrypt', 'generateKey', 'deriveBits', 'deriveKey', 'wrapKey', 'unwrapKey'] as const) {
    const fn = (real as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name];
    if (fn) wrapped[name] = (...args: unknown[]) => fn.apply(real, args.map(toNodeRealm));
  }
  Object.defineProperty(globalThis.crypto, 'subtle', { value: wrapped, configurable: true });
}
