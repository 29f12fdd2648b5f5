import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { ApiError } from '../errors/api-error';
import { certificateAttributes } from './identity-store';

/** The org's CA certificates: the only issuers whose operator certificates this gateway accepts. */
export interface OrgCa {
  mspId: string;
  caCertificates: readonly X509Certificate[];
}

/** A signing certificate checked against the org's CA and the caller's token. */
export interface CheckedCertificate {
  /** PEM, as the creator of proposals. */
  pem: Buffer;
  publicKey: KeyObject;
  /** SHA-256 (hex) of the DER: names the key in responses and logs. */
  sha256: string;
  operatorId: string;
  role: string;
  mspId: string;
}

/** Reads a PEM or base64 DER certificate (the `GovChain-Signing-Certificate` header carries base64 DER). */
export function parseCertificate(value: string | Buffer): X509Certificate {
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  try {
    return new X509Certificate(text.includes('-----BEGIN') ? text : Buffer.from(text.trim(), 'base64'));
  } catch {
    throw new ApiError(403, 'SIGNER_CERTIFICATE_INVALID', 'the signing certificate is not an X.509 certificate (send base64 DER or PEM)');
  }
}

/** SHA-256 (hex) of a certificate's DER. */
export function certificateSha256(cert: X509Certificate): string {
  return createHash('sha256').update(cert.raw).digest('hex');
}

/**
 * Checks that a certificate may sign for `who`: issued (and signed) by one of the org's CA certificates, valid
 * now, an EC key, and carrying `govchain.operatorId` and `govchain.role` equal to the token's. The peer checks the
 * issuer again (MSP validation) and the chaincode the attributes; checking here turns a mismatch into a clear 403
 * before the operator is asked to sign anything.
 */
export function checkSigningCertificate(cert: X509Certificate, ca: OrgCa, who: { operatorId: string; role: string }, now = new Date()): CheckedCertificate {
  const issuer = ca.caCertificates.find((c) => cert.checkIssued(c) && cert.verify(c.publicKey));
  if (!issuer) throw new ApiError(403, 'SIGNER_CERTIFICATE_INVALID', `the signing certificate is not issued by the CA of ${ca.mspId}`);
  if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
    throw new ApiError(403, 'SIGNER_CERTIFICATE_INVALID', 'the signing certificate is expired or not yet valid', { validFrom: cert.validFrom, validTo: cert.validTo });
  }
  if (cert.publicKey.asymmetricKeyType !== 'ec') throw new ApiError(403, 'SIGNER_CERTIFICATE_INVALID', 'the signing certificate must carry an EC (P-256) key');
  const attrs = certificateAttributes(cert.toString());
  const operatorId = attrs['govchain.operatorId'];
  const role = attrs['govchain.role'];
  if (operatorId !== who.operatorId || role !== who.role) {
    throw new ApiError(403, 'SIGNER_MISMATCH', 'the signing certificate belongs to another operator or role than the token', {
      token: { operatorId: who.operatorId, role: who.role },
      certificate: { operatorId: operatorId ?? null, role: role ?? null },
    });
  }
  return { pem: Buffer.from(cert.toString()), publicKey: cert.publicKey, sha256: certificateSha256(cert), operatorId, role, mspId: ca.mspId };
}
