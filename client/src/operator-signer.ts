import { certificateSha256 } from './certificate';
import { signMessage } from './keys';
import { fromPem } from './pem';

/**
 * An operator's signing identity on the client side: the certificate the org's CA issued and a way to sign with
 * the matching private key. The key never leaves the signer: a Web Crypto CryptoKey (non-extractable in the
 * browser), a key file the service-window app reads, or a hardware token (implement `sign` over PKCS#11).
 */
export interface OperatorSigner {
  mspId: string;
  certificatePem: string;
  /** DER, low-S ECDSA (P-256, SHA-256) signature over `message`. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** An OperatorSigner over a Web Crypto private key. */
export function webCryptoSigner(o: { mspId: string; certificatePem: string; privateKey: CryptoKey }): OperatorSigner {
  return { mspId: o.mspId, certificatePem: o.certificatePem, sign: (message) => signMessage(o.privateKey, message) };
}

/** The facts about a signer the client checks every signing request against. */
export async function signerFacts(signer: OperatorSigner): Promise<{ certificateDer: Uint8Array; certificateSha256: string }> {
  return { certificateDer: fromPem(signer.certificatePem), certificateSha256: await certificateSha256(signer.certificatePem) };
}
