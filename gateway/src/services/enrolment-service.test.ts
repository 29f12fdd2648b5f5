import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaError } from '@govchain/connection';
import { fileIdentityStore } from '../fabric/identity-store';
import { createTestCa, type TestCa } from '../../testing/test-ca';
import { startTestApp, type TestApp } from '../../testing/test-app';

const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nMIIBfake\n-----END CERTIFICATE REQUEST-----\n';

describe('enrolment relay (POST /api/v1/enrolments): the gateway relays a CSR and keeps only the certificate', () => {
  let t: TestApp;
  let ca: TestCa;
  let usersDir: string;
  /** What the fake CA was asked, and what it issues: the registered role of each enrolment id. */
  const asked: Array<{ enrollmentId: string; secret: string; csr: string }> = [];
  const registered = new Map<string, string>([['clerk9.publicsecurity', 'clerk'], ['reg9.publicsecurity', 'registrar']]);

  before(async () => {
    ca = await createTestCa();
    usersDir = mkdtempSync(join(tmpdir(), 'enrol-users-'));
    const identities = fileIdentityStore('PublicSecurityMSP', usersDir, { mayHoldKey: () => false });
    t = await startTestApp({}, undefined, {
      identities,
      orgCa: ca.orgCa,
      enrolment: {
        ca: { url: 'https://127.0.0.1:1', caName: 'ca-publicsecurity', tlsCertPem: '' },
        orgName: 'PublicSecurity',
        usersDir,
        identities,
        enroll: async (_ca, enrollmentId, secret, csrPem) => {
          asked.push({ enrollmentId, secret, csr: csrPem });
          const role = registered.get(enrollmentId);
          if (!role || secret !== 'one-time-secret') throw new CaError('CA_REFUSED', 401, 'Authentication failure', 20);
          registered.delete(enrollmentId);
          const issued = await ca.issue({ operatorId: enrollmentId.split('.')[0] as string, role });
          return { certificatePem: issued.certificatePem, caChainPem: '' };
        },
      },
    });
  });
  after(async () => t.close());

  const enrol = (tok: string, body: unknown) =>
    fetch(`${t.url}/api/v1/enrolments`, { method: 'POST', headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'idempotency-key': 'e-1' }, body: JSON.stringify(body) })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as { certificate?: string; role?: string; error?: { key: string } } }));

  it('relays the CSR under the token\'s enrolment id and stores the certificate only; the operator is then enrolled', async () => {
    const res = await enrol(t.token({ sub: 'clerk9', role: 'clerk' }), { secret: 'one-time-secret', csr: CSR });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.role, 'clerk');
    assert.deepEqual(asked.at(-1), { enrollmentId: 'clerk9.publicsecurity', secret: 'one-time-secret', csr: CSR });
    assert.equal(readFileSync(join(usersDir, 'clerk9', 'msp', 'signcerts', 'cert.pem'), 'utf8'), res.body.certificate);
    assert.equal(existsSync(join(usersDir, 'clerk9', 'msp', 'keystore')), false, 'no key on the gateway');
    const read = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub: 'clerk9', role: 'clerk' })}`, prefer: 'sign=client' } });
    assert.equal(read.status, 202, 'the new operator signs in the client with the enrolled certificate');
    const again = await enrol(t.token({ sub: 'clerk9', role: 'clerk' }), { secret: 'one-time-secret', csr: CSR });
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.key, 'ALREADY_ENROLLED');
  });

  it('a token naming another role than the registration gets no certificate stored (SIGNER_MISMATCH)', async () => {
    const res = await enrol(t.token({ sub: 'reg9', role: 'clerk' }), { secret: 'one-time-secret', csr: CSR });
    assert.equal(res.status, 403);
    assert.equal(res.body.error?.key, 'SIGNER_MISMATCH');
    assert.equal(existsSync(join(usersDir, 'reg9', 'msp', 'signcerts', 'cert.pem')), false);
  });

  it('a wrong, used or unknown secret is ENROLMENT_REFUSED; crafted input and other orgs or citizens are refused first', async () => {
    const wrong = await enrol(t.token({ sub: 'nobody1', role: 'clerk' }), { secret: 'guessed-secret', csr: CSR });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error?.key, 'ENROLMENT_REFUSED');
    const count = asked.length;
    for (const body of [{ secret: 'one-time-secret' }, { secret: 'one-time-secret', csr: 'not a csr' }, { secret: 'x', csr: CSR }, { secret: 'one-time-secret', csr: CSR, extra: 1 }]) {
      const res = await enrol(t.token({ sub: 'clerk8', role: 'clerk' }), body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error?.key, 'INVALID_ARGUMENT');
    }
    assert.equal((await enrol(t.token({ sub: 'clerk8', role: 'clerk', org: 'NaturalResources' }), { secret: 'one-time-secret', csr: CSR })).body.error?.key, 'FORBIDDEN_ORG');
    assert.equal((await enrol(t.token({ sub: 'c'.repeat(64), role: 'citizen' }), { secret: 'one-time-secret', csr: CSR })).status, 403);
    assert.equal(asked.length, count, 'none of these reached the CA');
  });
});
