import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyObject, verify } from 'node:crypto';
import { fromBase64, sha256, toBase64 } from './bytes';
import { GovChainError } from './errors';
import { GovChainClient } from './govchain-client';
import { webCryptoSigner } from './operator-signer';
import { fromPem } from './pem';
import { offlineGateway, proposalMessage, testOperator, transactionMessage, type TestOperator } from '../testing/fabric-fixtures';

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

/**
 * A scripted gateway behind a fake fetch: answers a client-signed write with a real Fabric proposal, then its
 * transaction, checking each returned signature as the real gateway would. `lie` makes it announce another call.
 */
function fakeGateway(op: TestOperator, opts: { lie?: boolean; failFirst?: string } = {}) {
  const seen: Seen[] = [];
  let proposal: { transactionId: string; message: Uint8Array } | undefined;
  let failed = false;
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const stepBody = async (kind: 'proposal' | 'transaction', message: Uint8Array, transactionId: string) => ({
    status: 'SIGNATURE_REQUIRED', session: 's1', signUrl: '/api/v1/signing-sessions/s1', step: kind === 'proposal' ? 1 : 2, kind, transactionId,
    call: opts.lie ? { contract: 'Property', transaction: 'GetRecord' } : { contract: 'Property', transaction: 'RegisterTitle' },
    message: toBase64(message), digest: toBase64(await sha256(message)), expiresAt: '', signer: { mspId: op.mspId, operatorId: 'clerk1', certificateSha256: 'x' },
  });
  const fetchFn = (async (url: string | URL, init?: RequestInit) => {
    const path = new URL(String(url)).pathname;
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    seen.push({ method: init?.method ?? 'GET', path, headers, body });
    if (opts.failFirst && !failed) {
      failed = true;
      return json(503, { error: { code: 503, key: opts.failFirst, message: 'try again' } });
    }
    if (path === '/api/v1/properties') {
      proposal = proposalMessage(offlineGateway(op), 'Property', 'RegisterTitle', [headers['idempotency-key'] ?? '', JSON.stringify(body)]);
      return json(202, await stepBody('proposal', proposal.message, proposal.transactionId));
    }
    if (path === '/api/v1/signing-sessions/s1' && proposal) {
      const pub = KeyObject.from(op.keys.publicKey);
      const signature = fromBase64(String(body?.signature));
      const proposalSigned = seen.filter((s) => s.path.startsWith('/api/v1/signing-sessions')).length === 1;
      const message = proposalSigned ? proposal.message : transactionMessage(proposal.message);
      if (!verify('sha256', message, { key: pub, dsaEncoding: 'der' }, signature)) return json(400, { error: { code: 400, key: 'SIGNATURE_INVALID', message: 'bad' } });
      if (proposalSigned) return json(202, await stepBody('transaction', transactionMessage(proposal.message), proposal.transactionId));
      return json(201, { txId: proposal.transactionId, blockNumber: 9, data: { parcelNumber: 'A-1' } });
    }
    if (path === '/api/v1/doc.pdf') return new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0x80]), { status: 200, headers: { 'content-type': 'application/pdf' } });
    if (path === '/api/v1/forbidden') return json(403, { error: { code: 403, key: 'FORBIDDEN_ROLE', message: 'no', details: { required: ['registrar'] } } });
    return json(404, { error: { code: 404, key: 'ROUTE_NOT_FOUND', message: 'no such route' } });
  }) as typeof fetch;
  return { seen, fetchFn };
}

describe('GovChainClient: the signing dance, Idempotency-Keys and error keys', () => {
  let op: TestOperator;
  before(async () => {
    op = await testOperator();
  });
  const client = (fetchFn: typeof fetch, extra: Partial<ConstructorParameters<typeof GovChainClient>[0]> = {}) =>
    new GovChainClient({ baseUrl: 'http://gw.test/', token: () => 'tok', signer: webCryptoSigner({ mspId: op.mspId, certificatePem: op.certificatePem, privateKey: op.keys.privateKey }), fetch: fetchFn, ...extra });

  it('signs the proposal and the transaction with the operator key and returns the route\'s 201, with the record of what it signed', async () => {
    const gw = fakeGateway(op);
    const res = await client(gw.fetchFn).send('POST', '/api/v1/properties', { body: { parcelNumber: 'A-1' }, idempotencyKey: 'idem-1' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.signed.map((s) => [s.kind, s.fn]), [['proposal', 'Property:RegisterTitle'], ['transaction', 'Property:RegisterTitle']]);
    const [first, ...rest] = gw.seen;
    assert.equal(first?.headers.prefer, 'sign=client');
    assert.equal(first?.headers.authorization, 'Bearer tok');
    assert.equal(first?.headers['govchain-signing-certificate'], toBase64(fromPem(op.certificatePem)));
    assert.ok(gw.seen.every((s) => s.headers['idempotency-key'] === 'idem-1'), 'every step carries the request\'s Idempotency-Key');
    assert.equal(rest.length, 2);
  });

  it('declines through onSign, or when the gateway announces another call than the bytes say: no signature is sent', async () => {
    const gw = fakeGateway(op);
    await assert.rejects(client(gw.fetchFn, { onSign: () => false }).post('/api/v1/properties', {}), (e: unknown) => e instanceof GovChainError && e.key === 'SIGNING_DECLINED');
    assert.equal(gw.seen.length, 1);
    const liar = fakeGateway(op, { lie: true });
    await assert.rejects(client(liar.fetchFn).post('/api/v1/properties', {}), (e: unknown) => e instanceof GovChainError && e.key === 'SIGNING_REQUEST_INVALID');
    assert.equal(liar.seen.length, 1);
  });

  it('errors keep the gateway\'s key, status and details; transient ones are retried with the same Idempotency-Key', async () => {
    const gw = fakeGateway(op);
    await assert.rejects(client(gw.fetchFn).get('/api/v1/forbidden'), (e: unknown) => e instanceof GovChainError && e.key === 'FORBIDDEN_ROLE' && e.status === 403 && (e.details as { required: string[] }).required[0] === 'registrar');
    const flaky = fakeGateway(op, { failFirst: 'PEER_UNAVAILABLE' });
    const res = await client(flaky.fetchFn).send('POST', '/api/v1/properties', { body: {} });
    assert.equal(res.status, 201);
    const keys = new Set(flaky.seen.map((s) => s.headers['idempotency-key']));
    assert.equal(keys.size, 1, 'the retry reused the Idempotency-Key');
    assert.match([...keys][0] ?? '', /^gc-[0-9a-f-]{36}$/);
    // Binary answers keep their bytes (no UTF-8 decoding on the way); a JSON answer is not taken for one.
    assert.deepEqual([...await client(gw.fetchFn).getBytes('/api/v1/doc.pdf')], [0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0x80]);
    await assert.rejects(client(gw.fetchFn, { signer: undefined }).getBytes('/api/v1/properties'), (e: unknown) => e instanceof GovChainError);
    const down = new GovChainClient({ baseUrl: 'http://127.0.0.1:1', token: 't', retries: 0 });
    await assert.rejects(down.get('/live'), (e: unknown) => e instanceof GovChainError && e.key === 'NETWORK_ERROR');
  });
});
