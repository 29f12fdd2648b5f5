import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { arrayBuffer } from './bytes';
import { publicKeySpki, signMessage } from './keys';
import { toPem } from './pem';

const COMMON_NAME = '2.5.4.3';
const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/**
 * A PKCS#10 certificate signing request (PEM) for a P-256 key pair, signed with its private key. Fabric CA
 * requires the common name to be the enrolment id (the ticket's `enrollmentId`); it adds the role and
 * operator-id attributes itself from the registration.
 */
export async function createCsr(keys: CryptoKeyPair, commonName: string): Promise<string> {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: COMMON_NAME, value: new AttributeValue({ utf8String: commonName }) })])]),
    subjectPKInfo: AsnConvert.parse(arrayBuffer(await publicKeySpki(keys.publicKey)), SubjectPublicKeyInfo),
    attributes: new Attributes(),
  });
  const signature = await signMessage(keys.privateKey, new Uint8Array(AsnConvert.serialize(info)));
  const csr = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 }),
    signature: arrayBuffer(signature),
  });
  return toPem(new Uint8Array(AsnConvert.serialize(csr)), 'CERTIFICATE REQUEST');
}
