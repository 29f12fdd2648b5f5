import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { TrustAnchorRef } from '@govchain/connection';
import { ConfigError } from '../config/config-error';

/** One org's root CA certificate, as the gateway publishes it for receipt verification. */
export interface PublishedAnchor {
  mspId: string;
  /** The certificate, PEM. */
  pem: string;
  /** SHA-256 fingerprint of the DER, as `openssl x509 -noout -fingerprint -sha256` prints it (AB:CD:…). */
  sha256: string;
}

/** Parses one PEM certificate into a published anchor; throws on anything that is not one X.509 certificate. */
export function publishedAnchor(mspId: string, pem: string): PublishedAnchor {
  const cert = new X509Certificate(pem);
  return { mspId, pem: cert.toString(), sha256: cert.fingerprint256 };
}

/**
 * The root CA certificates a receipt is checked against: every department's and the ordering org's, as the
 * connection profile lists them, read once. A missing or unreadable one is a configuration error, so a gateway
 * never publishes a partial set that would make good receipts fail.
 */
export function loadTrustAnchors(anchors: readonly TrustAnchorRef[]): PublishedAnchor[] {
  return anchors.map((org) => {
    const file = org.caCertPath;
    if (!existsSync(file)) throw new ConfigError('invalid gateway configuration', [`no CA certificate of ${org.mspId} at ${file}: run "npm run network:up" first`]);
    try {
      return publishedAnchor(org.mspId, readFileSync(file, 'utf8'));
    } catch {
      throw new ConfigError('invalid gateway configuration', [`the CA certificate of ${org.mspId} at ${file} is not an X.509 certificate`]);
    }
  });
}
