import 'reflect-metadata';
import { X509Certificate, webcrypto, type KeyObject, KeyObject as NodeKeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { OrgCa } from '../src/fabric/signing-certificate';

x509.cryptoProvider.set(webcrypto as never);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** An operator identity issued by a test CA: certificate with Fabric CA's attribute extension, and its key. */
export interface TestOperatorIdentity {
  certificatePem: string;
  privateKey: KeyObject;
  webKey: webcrypto.CryptoKeyPair;
}

/** A throwaway CA for unit tests (never used against a network): issues operator certificates like Fabric CA. */
export interface TestCa {
  orgCa: OrgCa;
  issue(attrs: { operatorId: string; role: string }, opts?: { notAfter?: Date; notBefore?: Date }): Promise<TestOperatorIdentity>;
}

/** Creates a test CA for an MSP. */
export async function createTestCa(mspId = 'PublicSecurityMSP'): Promise<TestCa> {
  const caKeys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=test-ca.${mspId}`, keys: caKeys, signingAlgorithm: SIGN,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return {
    orgCa: { mspId, caCertificates: [new X509Certificate(caCert.toString('pem'))] },
    async issue(attrs, opts = {}) {
      const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const json = JSON.stringify({ attrs: { 'govchain.role': attrs.role, 'govchain.operatorId': attrs.operatorId, 'hf.Type': 'client' } });
      const cert = await x509.X509CertificateGenerator.create({
        subject: `CN=${attrs.operatorId}.test, OU=client`, issuer: caCert.subject, publicKey: keys.publicKey, signingKey: caKeys.privateKey, signingAlgorithm: SIGN,
        ...(opts.notBefore ? { notBefore: opts.notBefore } : {}), ...(opts.notAfter ? { notAfter: opts.notAfter } : {}),
        extensions: [new x509.Extension('1.2.3.4.5.6.7.8.1', false, new TextEncoder().encode(json))],
      });
      return { certificatePem: cert.toString('pem'), privateKey: NodeKeyObject.from(keys.privateKey), webKey: keys };
    },
  };
}
