import { createHash, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist';
import { ApiError } from '../errors/api-error';

/** Why a client's signature was refused (`details.reason` of SIGNATURE_INVALID). */
export type SignatureFault = 'not-der' | 'high-s' | 'does-not-verify';

function refuse(reason: SignatureFault, message: string): never {
  throw new ApiError(400, 'SIGNATURE_INVALID', message, { reason });
}

/**
 * Checks a client's signature before anything goes to a peer: DER-encoded ECDSA (P-256), low S (Fabric refuses
 * high-S signatures), and valid over `message` for the certificate's public key. Returns the signature bytes.
 */
export function checkClientSignature(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): Uint8Array {
  let parsed;
  try {
    parsed = p256.Signature.fromBytes(signature, 'der');
  } catch {
    refuse('not-der', 'the signature is not a DER-encoded ECDSA signature (convert Web Crypto\'s IEEE P1363 form to DER)');
  }
  if (parsed.hasHighS()) refuse('high-s', 'the signature has a high S value; Fabric accepts only low-S signatures (normalise S)');
  if (!verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)) {
    refuse('does-not-verify', 'the signature does not verify for the signing certificate over the requested message');
  }
  return signature;
}

/** True when `digest` is the SHA-256 of `message` (a guard on what the gateway asks a client to sign). */
export function digestMatches(message: Uint8Array, digest: Uint8Array): boolean {
  const actual = createHash('sha256').update(message).digest();
  return actual.length === digest.length && timingSafeEqual(actual, digest);
}
