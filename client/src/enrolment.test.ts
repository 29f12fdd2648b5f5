import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as x509 from '@peculiar/x509';
import { enrolOperator, type EnrolmentTicket } from './enrolment';
import { GovChainError } from './errors';
import { generateOperatorKey } from './keys';
import { testOperator } from '../testing/fabric-fixtures';

const ticket: EnrolmentTicket = { kind: 'govchain-enrolment-ticket', org: 'PublicSecurity', mspId: 'PublicSecurityMSP', operatorId: 'clerk9', role: 'clerk', enrollmentId: 'clerk9.publicsecurity', secret: 'one-time' };

/** A fake gateway+CA: issues a certificate for the CSR's key, or (evil) for a key of its own. */
function relay(evil: boolean) {
  const asked: Array<{ secret: string; cn: string }> = [];
  const fetchFn = (async (_url: string | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { secret: string; csr: string };
    const csr = new x509.Pkcs10CertificateRequest(body.csr);
    asked.push({ secret: body.secret, cn: csr.subject });
    const ca = await testOperator('ca', 'admin');
    const publicKey = evil ? (await generateOperatorKey()).publicKey : await csr.publicKey.export();
    const cert = await x509.X509CertificateGenerator.create({
      subject: csr.subject, issuer: 'CN=ca', publicKey, signingKey: ca.keys.privateKey, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    });
    return new Response(JSON.stringify({ operatorId: 'clerk9', mspId: 'PublicSecurityMSP', role: 'clerk', certificate: cert.toString('pem') }), { status: 201 });
  }) as typeof fetch;
  return { asked, fetchFn };
}

test('enrolment sends a CSR for the ticket\'s enrolment id and accepts only a certificate for its own key', async () => {
  const keys = await generateOperatorKey();
  const honest = relay(false);
  const enrolled = await enrolOperator({ baseUrl: 'http://gw.test', token: 't', ticket, keys, fetch: honest.fetchFn });
  assert.deepEqual(honest.asked, [{ secret: 'one-time', cn: 'CN=clerk9.publicsecurity' }]);
  assert.equal(enrolled.operatorId, 'clerk9');
  assert.match(enrolled.certificateSha256, /^[0-9a-f]{64}$/);
  const evil = relay(true);
  await assert.rejects(enrolOperator({ baseUrl: 'http://gw.test', token: 't', ticket, keys, fetch: evil.fetchFn }), (e: unknown) => e instanceof GovChainError && e.key === 'ENROLMENT_KEY_MISMATCH');
});
