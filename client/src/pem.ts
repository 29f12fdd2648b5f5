import { fromBase64, toBase64 } from './bytes';

/** PEM text of DER bytes with a label such as CERTIFICATE or CERTIFICATE REQUEST. */
export function toPem(der: Uint8Array, label: string): string {
  const body = toBase64(der).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** DER bytes of the first PEM block (any label); throws on text without one. */
export function fromPem(pem: string): Uint8Array {
  const m = /-----BEGIN [A-Z0-9 ]+-----([\s\S]+?)-----END [A-Z0-9 ]+-----/.exec(pem);
  if (!m) throw new Error('not PEM');
  return fromBase64((m[1] ?? '').replace(/\s+/g, ''));
}
