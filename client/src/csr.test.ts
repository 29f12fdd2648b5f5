import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, verify } from 'node:crypto';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { createCsr } from './csr';
import { generateOperatorKey, publicKeySpki } from './keys';
import { fromPem } from './pem';

test('the CSR names the enrolment id, carries the public key and is signed by the private key (which stays non-extractable)', async () => {
  const keys = await generateOperatorKey();
  assert.equal(keys.privateKey.extractable, false);
  const pem = await createCsr(keys, 'clerk9.publicsecurity');
  assert.match(pem, /^-----BEGIN CERTIFICATE REQUEST-----\n/);
  const csr = AsnConvert.parse(fromPem(pem).slice().buffer, CertificationRequest);
  const cn = csr.certificationRequestInfo.subject[0]?.[0];
  assert.equal(cn?.type, '2.5.4.3');
  assert.equal(cn?.value.toString(), 'clerk9.publicsecurity');
  assert.deepEqual(new Uint8Array(AsnConvert.serialize(csr.certificationRequestInfo.subjectPKInfo)), await publicKeySpki(keys.publicKey));
  const info = new Uint8Array(AsnConvert.serialize(csr.certificationRequestInfo));
  assert.ok(verify('sha256', info, { key: KeyObject.from(keys.publicKey), dsaEncoding: 'der' }, new Uint8Array(csr.signature)));
  assert.equal(csr.signatureAlgorithm.algorithm, '1.2.840.10045.4.3.2');
});
