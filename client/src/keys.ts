import { arrayBuffer } from './bytes';
import { p1363ToLowSDer } from './der-signature';
import { fromPem, toPem } from './pem';

/** The key type Fabric CA issues operator certificates for. */
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

/**
 * Generates an operator's P-256 key pair with Web Crypto, where the operator works. In a browser keep the default
 * (`extractable: false`): the private key can sign but its bytes can never be read, not even by this page's own
 * scripts, and it is kept as a CryptoKey in IndexedDB (see openKeyStore). A Node service-window app that keeps
 * the key in a file of its own passes `extractable: true` once, to export it with exportPrivateKeyPem.
 */
export async function generateOperatorKey(opts: { extractable?: boolean } = {}): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(EC_P256, opts.extractable ?? false, ['sign', 'verify']);
}

/** DER, low-S ECDSA signature (P-256, SHA-256) of `message`: what Fabric and the gateway accept. */
export async function signMessage(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  const raw = await crypto.subtle.sign(ECDSA_SHA256, privateKey, arrayBuffer(message));
  return p1363ToLowSDer(new Uint8Array(raw));
}

/** SubjectPublicKeyInfo (DER) of a public key. */
export async function publicKeySpki(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/** PKCS#8 PEM of an extractable private key (for a key file the operator's app keeps with mode 0600). */
export async function exportPrivateKeyPem(privateKey: CryptoKey): Promise<string> {
  return toPem(new Uint8Array(await crypto.subtle.exportKey('pkcs8', privateKey)), 'PRIVATE KEY');
}

/** Imports a PKCS#8 PEM P-256 private key for signing (non-extractable unless asked). */
export async function importPrivateKeyPem(pem: string, opts: { extractable?: boolean } = {}): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', arrayBuffer(fromPem(pem)), EC_P256, opts.extractable ?? false, ['sign']);
}
