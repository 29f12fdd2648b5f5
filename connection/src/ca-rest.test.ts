import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, verify, webcrypto } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { p256 } from '@noble/curves/nist';
import * as x509 from '@peculiar/x509';
import { CaError, enrollCsr, registerIdentity, registrarToken, type CaEndpoint } from './ca-rest';

x509.cryptoProvider.set(webcrypto as never);

describe('Fabric CA REST client', () => {
  const registrarKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const registrar = { certificatePem: '-----BEGIN CERTIFICATE-----\nMIIBregistrar\n-----END CERTIFICATE-----\n', privateKey: registrarKeys.privateKey };
  let server: Server;
  let ep: CaEndpoint;
  const seen: Array<{ path: string; authorization: string; body: string }> = [];

  before(async () => {
    const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      name: 'CN=ca.test', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])],
    });
    const key = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    server = createServer({ cert: cert.toString('pem'), key: `-----BEGIN PRIVATE KEY-----\n${key}\n-----END PRIVATE KEY-----\n` }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ path: req.url ?? '', authorization: req.headers.authorization ?? '', body });
        const { secret } = JSON.parse(body) as { secret?: string };
        if (req.url === '/api/v1/enroll' && req.headers.authorization !== `Basic ${Buffer.from('op1.org:s3cret').toString('base64')}`) {
          res.writeHead(401).end(JSON.stringify({ success: false, errors: [{ code: 20, message: 'Authentication failure' }] }));
          return;
        }
        const result = req.url === '/api/v1/enroll' ? { Cert: Buffer.from('-----BEGIN CERTIFICATE-----\nissued\n-----END CERTIFICATE-----\n').toString('base64'), ServerInfo: { CAChain: '' } } : { secret };
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, result, errors: [], messages: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    ep = { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caName: 'ca-org', tlsCertPem: cert.toString('pem'), timeoutMs: 5000 };
  });
  after(() => server.close());

  it('the registrar token is Fabric CA\'s: b64(cert).b64(sig), a low-S DER signature over method.b64(uri).b64(body).b64(cert)', async () => {
    const body = '{"id":"x"}';
    const token = await registrarToken(registrar, 'POST', '/api/v1/register', body);
    const [cert, sig] = token.split('.');
    assert.equal(Buffer.from(cert ?? '', 'base64').toString('utf8'), registrar.certificatePem);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const payload = `POST.${b64('/api/v1/register')}.${b64(body)}.${b64(registrar.certificatePem)}`;
    const signature = Buffer.from(sig ?? '', 'base64');
    assert.ok(verify('sha256', Buffer.from(payload), { key: registrarKeys.publicKey, dsaEncoding: 'der' }, signature), 'ECDSA-SHA256 over the payload');
    assert.ok(!verify('sha256', Buffer.from(`${payload}x`), { key: registrarKeys.publicKey, dsaEncoding: 'der' }, signature));
    assert.equal(p256.Signature.fromBytes(signature, 'der').hasHighS(), false, 'the CA\'s BCCSP refuses high-S signatures');
  });

  it('registers with the secret in the TLS body only, and enrols a CSR with basic auth; refusals carry the CA\'s code', async () => {
    await registerIdentity(ep, registrar, { id: 'op1.org', type: 'client', secret: 's3cret', maxEnrollments: 1, attrs: [{ name: 'govchain.role', value: 'clerk', ecert: true }] });
    const reg = seen.at(-1);
    assert.equal(reg?.path, '/api/v1/register');
    assert.deepEqual(JSON.parse(reg?.body ?? '{}'), { id: 'op1.org', type: 'client', secret: 's3cret', max_enrollments: 1, affiliation: '', attrs: [{ name: 'govchain.role', value: 'clerk', ecert: true }], caname: 'ca-org' });
    assert.match(reg?.authorization ?? '', /^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]+$/);
    const issued = await enrollCsr(ep, 'op1.org', 's3cret', 'CSR');
    assert.match(issued.certificatePem, /issued/);
    assert.deepEqual(JSON.parse(seen.at(-1)?.body ?? '{}'), { certificate_request: 'CSR', caname: 'ca-org' });
    await assert.rejects(enrollCsr(ep, 'op1.org', 'wrong', 'CSR'), (err: unknown) => err instanceof CaError && err.key === 'CA_REFUSED' && err.status === 401 && err.caCode === 20);
    await assert.rejects(enrollCsr({ ...ep, tlsCertPem: registrar.certificatePem }, 'op1.org', 's3cret', 'CSR'), (err: unknown) => err instanceof CaError && err.key === 'CA_UNAVAILABLE', 'an unpinned TLS certificate is not trusted');
  });
});
