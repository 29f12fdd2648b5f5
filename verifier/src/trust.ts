import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { ReceiptError } from './errors';
import { identities } from './protos';
import { decodeStrict } from './strict-decode';

/** The root CA certificate of one org, named by the org's MSP id. */
export interface TrustAnchor {
  mspId: string;
  certificate: x509.X509Certificate;
}

/** MSP ids are what a Fabric identity names; the trust folder names each CA file after one. */
export const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The org root CAs a verification trusts; nothing else is trusted. */
export class TrustStore {
  readonly #anchors = new Map<string, TrustAnchor>();

  /** Builds a store from PEM (or base64 DER) certificates, one per MSP id. */
  static fromPem(entries: ReadonlyArray<{ mspId: string; pem: string }>): TrustStore {
    const store = new TrustStore();
    for (const { mspId, pem } of entries) {
      if (!MSP_ID.test(mspId)) throw new ReceiptError('TRUST_INVALID', `"${mspId}" is not an MSP id`, { mspId });
      if (store.#anchors.has(mspId)) throw new ReceiptError('TRUST_INVALID', `two CA certificates for ${mspId}`, { mspId });
      let certificate: x509.X509Certificate;
      try {
        certificate = new x509.X509Certificate(pem);
      } catch {
        throw new ReceiptError('TRUST_INVALID', `the CA certificate of ${mspId} is not an X.509 certificate`, { mspId });
      }
      store.#anchors.set(mspId, { mspId, certificate });
    }
    if (store.#anchors.size === 0) throw new ReceiptError('TRUST_INVALID', 'no CA certificates to trust');
    return store;
  }

  /** The anchor of an MSP id, if trusted. */
  anchor(mspId: string): TrustAnchor | undefined {
    return this.#anchors.get(mspId);
  }

  /** Trusted MSP ids, sorted. */
  mspIds(): string[] {
    return [...this.#anchors.keys()].sort();
  }
}

/** Node roles that Fabric's NodeOUs put in the certificate's OU. */
export type NodeRole = 'peer' | 'orderer' | 'client' | 'admin';

/** Why an identity is not accepted. */
export type IdentityFault = 'malformed' | 'untrusted-org' | 'not-issued-by-org-ca' | 'not-valid-at-time' | 'wrong-role';

/** A decoded, checked Fabric identity (SerializedIdentity). */
export interface CheckedIdentity {
  mspId: string;
  subject: string;
  /** Common name of the subject, e.g. peer0 or registrar1. */
  name: string;
  roles: string[];
  fault?: IdentityFault;
  certificate?: x509.X509Certificate;
}

/**
 * Decodes a SerializedIdentity and checks that its certificate was issued by the named MSP's trusted root CA,
 * was valid at `at`, and (when given) carries the NodeOU of `role`.
 */
export async function checkIdentity(serialized: Uint8Array, trust: TrustStore, at: Date, role?: NodeRole): Promise<CheckedIdentity> {
  let id: identities.SerializedIdentity;
  let certificate: x509.X509Certificate;
  try {
    id = decodeStrict(identities.SerializedIdentity, serialized, 'identity');
    certificate = new x509.X509Certificate(new TextDecoder('utf-8', { fatal: true }).decode(id.getIdBytes_asU8()));
  } catch {
    return { mspId: '', subject: '', name: '', roles: [], fault: 'malformed' };
  }
  const mspId = id.getMspid();
  const out: CheckedIdentity = {
    mspId,
    subject: certificate.subject,
    name: certificate.subjectName.getField('CN')[0] ?? '',
    roles: certificate.subjectName.getField('OU'),
    certificate,
  };
  const anchor = trust.anchor(mspId);
  if (!anchor) return { ...out, fault: 'untrusted-org' };
  const ca = anchor.certificate;
  const issued = certificate.issuer === ca.subject && (await certificate.verify({ publicKey: ca.publicKey, signatureOnly: true }).catch(() => false));
  if (!issued) return { ...out, fault: 'not-issued-by-org-ca' };
  const within = (c: x509.X509Certificate) => c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
  if (!within(certificate) || !within(ca)) return { ...out, fault: 'not-valid-at-time' };
  if (role && !out.roles.includes(role)) return { ...out, fault: 'wrong-role' };
  return out;
}

/** SPKI bytes and named curve of a certificate's EC key (undefined for other key types). */
export function ecKeyOf(certificate: x509.X509Certificate): { spki: ArrayBuffer; namedCurve: string } | undefined {
  const algorithm = certificate.publicKey.algorithm as EcKeyAlgorithm;
  if (algorithm.name !== 'ECDSA' || !algorithm.namedCurve) return undefined;
  return { spki: certificate.publicKey.rawData, namedCurve: algorithm.namedCurve };
}
