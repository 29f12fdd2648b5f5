/**
 * Receipt verification in the browser, with the very code `govchain-verify` runs: the package root of
 * @govchain/verifier (WebCrypto, no Node built-ins) and its PDF attachment reader. Nothing is sent anywhere: once
 * the page and the trust anchors are loaded, verification works with the network unplugged.
 */
import './zod-jitless'; // also imported first by main.tsx; here for tests that load this module alone
import { parseReceipt, ReceiptError, TrustStore, verifyReceipt, type VerificationReport } from '@govchain/verifier';
// The CLI's own reader of a certificate's embedded receipt; pdf-lib only, no Node built-ins (the rest of
// dist/node reads files and is not imported).
import { attachmentsFromPdf } from '@govchain/verifier/pdf';
import { bytesOf } from './files';

export { ReceiptError, type VerificationReport };

/** One org root CA certificate to verify against. */
export interface Anchor {
  mspId: string;
  pem: string;
  /** SHA-256 fingerprint (AB:CD:…), as the gateway publishes it or as computed for a loaded file. */
  sha256?: string;
}

/** What a dropped file holds: the receipt's text and, for a block too large to inline, its block-data parts. */
export interface ReceiptInput {
  kind: 'json' | 'pdf';
  text: string;
  parts: Uint8Array[];
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF

/** Reads a receipt JSON file, or the receipt (and parts) attached to a certificate PDF. */
export async function readReceiptFile(file: Blob): Promise<ReceiptInput> {
  const bytes = new Uint8Array(await bytesOf(file));
  if (PDF_MAGIC.every((b, i) => bytes[i] === b)) {
    const { receipt, parts } = await attachmentsFromPdf(bytes);
    return { kind: 'pdf', text: receipt, parts };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReceiptError('FILE_UNREADABLE', 'the file is neither a PDF nor UTF-8 JSON');
  }
  return { kind: 'json', text, parts: [] };
}

/**
 * Verifies a receipt against exactly these anchors (nothing else is trusted); with `fileSha256`, also that the
 * file is the deposited work (the CLI's --file).
 */
export async function verifyReceiptText(input: Pick<ReceiptInput, 'text' | 'parts'>, anchors: readonly Anchor[], fileSha256?: string): Promise<VerificationReport> {
  const trust = TrustStore.fromPem(anchors.map(({ mspId, pem }) => ({ mspId, pem })));
  return verifyReceipt(parseReceipt(input.text), {
    trust,
    ...(input.parts.length > 0 ? { parts: input.parts } : {}),
    ...(fileSha256 ? { fileSha256 } : {}),
  });
}

/** The MSP id a CA file is named after (`CopyrightOfficeMSP.pem`), as the CLI's --trust folder requires. */
export function mspIdOfFileName(name: string): string | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})\.(pem|crt|cer)$/i.exec(name);
  return m?.[1];
}

/** SHA-256 fingerprint of a PEM certificate's DER, as openssl prints it. */
export async function fingerprintOf(pem: string): Promise<string> {
  const b64 = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  const der = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}
