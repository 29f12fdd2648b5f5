import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, sign as nodeSign, verify, type KeyObject } from 'node:crypto';
import { p256 } from '@noble/curves/nist';
import type { IdentityStore } from '../fabric/identity-store';
import { derSignature, newNativeSigner } from '../fabric/native-signer';
import { createTestCa, type TestCa, type TestOperatorIdentity } from '../../testing/test-ca';
import { startTestApp, type TestApp } from '../../testing/test-app';
import type { z } from 'zod';
import type { signatureRequiredSchema } from '../routes/signing-routes';

/** A 202 SIGNATURE_REQUIRED body: the shape the route documents (the client library declares the same wire type). */
type Step = z.infer<typeof signatureRequiredSchema>;

const H64 = 'b'.repeat(64);
const PROPERTY = { parcelNumber: 'ABC-123456', owners: ['c'.repeat(64)], areaSqm: 50, use: 'residential', documentHash: H64, reason: 'r', legalAuthority: 'Civil Code art. 1' };
const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const der = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, ''), 'base64').toString('base64');
const signB64 = async (key: KeyObject, step: Step) => Buffer.from(await newNativeSigner(key)(Buffer.from(step.message, 'base64'))).toString('base64');

describe('client signing over REST (Prefer: sign=client), fake ledger', () => {
  let t: TestApp;
  let ca: TestCa;
  let registrar: TestOperatorIdentity;
  let clerk: TestOperatorIdentity;
  const store = new Map<string, { role: string; certificate: Buffer }>();

  before(async () => {
    ca = await createTestCa();
    registrar = await ca.issue({ operatorId: 'registrar1', role: 'registrar' });
    clerk = await ca.issue({ operatorId: 'clerk1', role: 'clerk' });
    store.set('registrar1', { role: 'registrar', certificate: Buffer.from(registrar.certificatePem) });
    store.set('clerk1', { role: 'clerk', certificate: Buffer.from(clerk.certificatePem) });
    // Certificates only: this gateway holds no operator key.
    const identities: IdentityStore = {
      find: (id) => {
        const e = store.get(id);
        return e ? { operatorId: id, mspId: 'PublicSecurityMSP', role: e.role, certificate: e.certificate } : undefined;
      },
    };
    t = await startTestApp({ signingStepTimeoutMs: 400 }, undefined, { identities, orgCa: ca.orgCa });
  });
  after(async () => t.close());

  const token = (sub = 'registrar1', role = 'registrar') => t.token({ sub, role });
  async function post(path: string, body: unknown, headers: Record<string, string> = {}, key = 'k-1', tok = token()) {
    const res = await fetch(t.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json', 'idempotency-key': key, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> & { error?: { key: string; details?: { reason?: string } } } };
  }
  const start = (key: string, extra: Record<string, string> = {}, tok?: string) => post('/api/v1/properties', PROPERTY, { prefer: 'sign=client', ...extra }, key, tok);
  const send = (step: Step, signature: string, key: string, tok?: string) => post(step.signUrl, { signature }, {}, key, tok);

  it('a write: 202 proposal, 202 transaction, then 201 as without client signing; signatures verify over the messages', async () => {
    const before = t.ledger.calls.length;
    const first = await start('w-1');
    assert.equal(first.status, 202, JSON.stringify(first.body));
    assert.equal(first.headers.get('preference-applied'), 'sign=client');
    const p = first.body as unknown as Step;
    assert.equal(p.kind, 'proposal');
    assert.deepEqual(p.call, { contract: 'Property', transaction: 'RegisterTitle' });
    assert.equal(p.signer.operatorId, 'registrar1');
    assert.equal(createHash('sha256').update(Buffer.from(p.message, 'base64')).digest('base64'), p.digest);
    assert.equal(t.ledger.calls.length, before, 'nothing is submitted before both signatures');
    const second = await send(p, await signB64(registrar.privateKey, p), 'w-1');
    assert.equal(second.status, 202, JSON.stringify(second.body));
    const tx = second.body as unknown as Step;
    assert.equal(tx.kind, 'transaction');
    assert.equal(tx.session, p.session);
    const done = await send(tx, await signB64(registrar.privateKey, tx), 'w-1');
    assert.equal(done.status, 201, JSON.stringify(done.body));
    assert.equal(done.headers.get('preference-applied'), 'sign=client');
    const call = t.ledger.calls.at(-1);
    assert.equal(call?.operatorId, 'registrar1');
    assert.equal(call?.req.args[0], 'w-1', 'the Idempotency-Key is the request id');
    const [ps, ts] = call?.clientSignatures ?? [];
    const requests = t.ledger.signingRequests.slice(-2);
    assert.ok(ps && ts && requests.length === 2);
    const pub = registrar.privateKey;
    assert.ok(verify('sha256', requests[0]!.message, { key: pub, dsaEncoding: 'der' }, ps));
    assert.ok(verify('sha256', requests[1]!.message, { key: pub, dsaEncoding: 'der' }, ts));
    const replay = await send(tx, await signB64(registrar.privateKey, tx), 'w-1');
    assert.equal(replay.status, 410, 'a finished session takes no further signature');
    assert.equal(replay.body.error?.key, 'SIGNING_SESSION_CLOSED');
    assert.equal(t.ledger.calls.filter((c) => c.req.args[0] === 'w-1').length, 1, 'one submit for the request');
  });

  it('a read: one proposal signature, then the 200 answer; the session never asks for a transaction', async () => {
    const res = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${token()}`, prefer: 'sign=client' } });
    assert.equal(res.status, 202);
    const p = (await res.json()) as Step;
    assert.equal(p.kind, 'proposal');
    assert.deepEqual(p.call, { contract: 'Property', transaction: 'GetRecord' });
    const done = await send(p, await signB64(registrar.privateKey, p), 'any-key');
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(t.ledger.calls.at(-1)?.kind, 'evaluate');
  });

  it('an audited disclosure: the audit entry (proposal, transaction) and the read (proposal) are signed by the client', async () => {
    t.ledger.on('Audit:RequestAccess', () => ({ accessId: 'acc-1' })).on('Identity:ReadPersonalData', () => ({ fields: { name: 'X' } }));
    t.ledger.heightValue = 100n;
    const body = { dataset: 'ds1', fields: ['name'], purpose: 'identity-check', legalBasis: 'Law art. 1', caseId: 'case-1' };
    let res = await post(`/api/v1/identities/${'c'.repeat(64)}/personal-data-access`, body, { prefer: 'sign=client' }, 'd-1', token('clerk1', 'clerk'));
    const kinds: string[] = [];
    while (res.status === 202) {
      const step = res.body as unknown as Step;
      kinds.push(`${step.call.contract}:${step.call.transaction}:${step.kind}`);
      res = await send(step, await signB64(clerk.privateKey, step), 'd-1', token('clerk1', 'clerk'));
    }
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(kinds, ['Audit:RequestAccess:proposal', 'Audit:RequestAccess:transaction', 'Identity:ReadPersonalData:proposal']);
    assert.equal(res.body.accessId, 'acc-1');
  });

  it("operator A's signature presented with operator B's token is refused, and the session ends", async () => {
    const calls = t.ledger.calls.length;
    const res = await post(`/api/v1/identities/${'c'.repeat(64)}/status`, { action: 'suspend', reason: 'r', legalAuthority: 'l' }, { prefer: 'sign=client' }, 'ab-2', token('clerk1', 'clerk'));
    assert.equal(res.status, 202);
    const p = res.body as unknown as Step;
    assert.equal(p.signer.operatorId, 'clerk1', "B's own enrolled certificate is the creator");
    const wrong = await send(p, await signB64(registrar.privateKey, p), 'ab-2', token('clerk1', 'clerk'));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error?.key, 'SIGNATURE_INVALID');
    assert.equal(wrong.body.error?.details?.reason, 'does-not-verify');
    const again = await send(p, await signB64(clerk.privateKey, p), 'ab-2', token('clerk1', 'clerk'));
    assert.equal(again.status, 410, 'a wrong signature ends the session');
    assert.equal(t.ledger.calls.length, calls, 'nothing reached the ledger');
  });

  it("A's certificate with B's token is refused before anything is built (SIGNER_MISMATCH)", async () => {
    const calls = t.ledger.calls.length;
    const res = await post(`/api/v1/identities/${'c'.repeat(64)}/status`, { action: 'suspend', reason: 'r', legalAuthority: 'l' }, { prefer: 'sign=client', 'govchain-signing-certificate': der(registrar.certificatePem) }, 'mm-1', token('clerk1', 'clerk'));
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.error?.key, 'SIGNER_MISMATCH');
    assert.equal(t.ledger.calls.length, calls);
  });

  it('certificates not issued by the org CA, or expired, are refused (SIGNER_CERTIFICATE_INVALID)', async () => {
    const rogue = await (await createTestCa()).issue({ operatorId: 'registrar1', role: 'registrar' });
    const foreign = await start('ca-1', { 'govchain-signing-certificate': der(rogue.certificatePem) });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error?.key, 'SIGNER_CERTIFICATE_INVALID');
    const old = await ca.issue({ operatorId: 'registrar1', role: 'registrar' }, { notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    const expired = await start('ca-2', { 'govchain-signing-certificate': der(old.certificatePem) });
    assert.equal(expired.body.error?.key, 'SIGNER_CERTIFICATE_INVALID');
    const garbage = await start('ca-3', { 'govchain-signing-certificate': 'bm90IGEgY2VydA==' });
    assert.equal(garbage.body.error?.key, 'SIGNER_CERTIFICATE_INVALID');
  });

  it('a tampered, high-S or P1363 (non-DER) signature is refused before anything reaches a peer', async () => {
    for (const [name, forge, reason] of [
      ['tampered', (sig: Buffer) => { sig[sig.length - 3]! ^= 0x01; return sig; }, 'does-not-verify'],
      ['high S', (sig: Buffer) => { const s = p256.Signature.fromBytes(sig, 'der'); return Buffer.from(derSignature(s.r, ORDER - s.s)); }, 'high-s'],
      ['P1363', (_sig: Buffer, step: Step) => nodeSign('sha256', Buffer.from(step.message, 'base64'), { key: registrar.privateKey, dsaEncoding: 'ieee-p1363' }), 'not-der'],
    ] as const) {
      const calls = t.ledger.calls.length;
      const p = (await start(`t-${reason}`)).body as unknown as Step;
      const good = Buffer.from(await newNativeSigner(registrar.privateKey)(Buffer.from(p.message, 'base64')));
      const res = await send(p, forge(good, p).toString('base64'), `t-${reason}`);
      assert.equal(res.status, 400, name);
      assert.equal(res.body.error?.key, 'SIGNATURE_INVALID', name);
      assert.equal(res.body.error?.details?.reason, reason, name);
      assert.equal(t.ledger.calls.length, calls, `${name}: nothing submitted`);
    }
  });

  it('an abandoned step expires (410 SIGNING_SESSION_EXPIRED) and nothing is submitted', async () => {
    const calls = t.ledger.calls.length;
    const p = (await start('exp-1')).body as unknown as Step;
    const tx = (await send(p, await signB64(registrar.privateKey, p), 'exp-1')).body as unknown as Step;
    assert.equal(tx.kind, 'transaction');
    await new Promise((r) => setTimeout(r, 600));
    const late = await send(tx, await signB64(registrar.privateKey, tx), 'exp-1');
    assert.equal(late.status, 410);
    assert.equal(late.body.error?.key, 'SIGNING_SESSION_EXPIRED');
    assert.equal(t.ledger.calls.length, calls, 'the endorsed transaction was never submitted');
  });

  it("another operator's session is not found; another request's Idempotency-Key is refused; GET shows the awaited step", async () => {
    const p = (await start('own-1')).body as unknown as Step;
    const stranger = await send(p, await signB64(clerk.privateKey, p), 'own-1', token('clerk1', 'clerk'));
    assert.equal(stranger.status, 404);
    assert.equal(stranger.body.error?.key, 'SIGNING_SESSION_NOT_FOUND');
    const otherKey = await send(p, await signB64(registrar.privateKey, p), 'not-own-1');
    assert.equal(otherKey.status, 409);
    assert.equal(otherKey.body.error?.key, 'IDEMPOTENCY_CONFLICT');
    const shown = await fetch(t.url + p.signUrl, { headers: { authorization: `Bearer ${token()}` } });
    assert.equal(shown.status, 202);
    assert.equal(((await shown.json()) as Step).message, p.message);
    const bad = await fetch(`${t.url}/api/v1/signing-sessions/not-a-session`, { headers: { authorization: `Bearer ${token()}` } });
    assert.equal(bad.status, 400, 'a crafted session id is a validation error');
  });

  it('at most 8 open sessions per operator (429 TOO_MANY_SIGNING_SESSIONS)', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 9; i++) {
      const res = await post(`/api/v1/identities/${'c'.repeat(64)}/status`, { action: 'suspend', reason: 'r', legalAuthority: 'l' }, { prefer: 'sign=client' }, `many-${i}`, token('clerk1', 'clerk'));
      keys.push(res.status === 429 ? String(res.body.error?.key) : String(res.status));
    }
    assert.deepEqual(keys.slice(-1), ['TOO_MANY_SIGNING_SESSIONS']);
    assert.ok(keys.slice(0, 8).every((k) => k === '202'), keys.join(','));
  });

  it('citizens have no key: a sign=client preference is ignored', async () => {
    const subject = 'c'.repeat(64);
    const res = await fetch(`${t.url}/api/v1/identities/${subject}`, { headers: { authorization: `Bearer ${t.token({ sub: subject, role: 'citizen' })}`, prefer: 'sign=client' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('preference-applied'), null);
  });
});
