import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { Identity } from '@govchain/chaincode';
import { ApiError } from '../errors/api-error';
import { call } from '../fabric/call';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { defineRoute } from './route-spec';
import { apiRoutes } from '../routes/routes';

let t: TestApp;
const SUBJECT = 'c'.repeat(64);
const OTHER_SUBJECT = 'd'.repeat(64);
const H64 = 'b'.repeat(64);

/** A citizen-scoped route used to test scoping independently of the chaincode families. */
const scopedRoute = defineRoute({
  method: 'get',
  path: '/api/v1/test-subjects/{subject}',
  operationId: 'testSubject',
  summary: 'test',
  tag: 'Test',
  access: { kind: 'operatorOrCitizen', subjectOf: ({ params }) => params.subject as string },
  params: z.strictObject({ subject: z.string() }),
  responses: [{ status: 200, description: 'OK' }],
  handler: async (ctx) => ({ status: 200, body: await ctx.services.records.read(ctx.principal, call(Identity.tx.Get, [ctx.params.subject])) }),
});

before(async () => {
  t = await startTestApp({}, [...apiRoutes(), scopedRoute]);
});
after(async () => t.close());

const registrar = () => t.token({ sub: 'registrar1', role: 'registrar' });
const transferBody = { buyers: [SUBJECT], contractHash: H64, reason: 'sale', legalAuthority: 'Civil Code art. 209' };

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(t.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${registrar()}`, 'content-type': 'application/json', 'idempotency-key': 'key-1', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorOf(res: Response): Promise<{ code: number; key: string; message: string; txId?: string; details?: unknown }> {
  const body = (await res.json()) as { error: { code: number; key: string; message: string } };
  assert.equal(body.error.code, res.status);
  assert.doesNotMatch(JSON.stringify(body), /at .*\.js:\d+/);
  return body.error;
}

test('missing and malformed Authorization -> 401 with WWW-Authenticate', async () => {
  const res = await fetch(`${t.url}/api/v1/properties/ABC-123456`);
  assert.equal(res.status, 401);
  assert.match(res.headers.get('www-authenticate') ?? '', /Bearer/);
  assert.equal((await errorOf(res)).key, 'UNAUTHENTICATED');
  const bad = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: 'Basic abc' } });
  assert.equal(bad.status, 401);
});

test('token for another org -> 403 FORBIDDEN_ORG', async () => {
  const res = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub: 'registrar1', role: 'registrar', org: 'NaturalResources' })}` } });
  assert.equal(res.status, 403);
  assert.equal((await errorOf(res)).key, 'FORBIDDEN_ORG');
});

test('operator without an enrolled identity -> 403 OPERATOR_NOT_ENROLLED; role mismatch -> 403 FORBIDDEN_ROLE', async () => {
  const res = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub: 'ghost1', role: 'clerk' })}` } });
  assert.equal(res.status, 403);
  assert.equal((await errorOf(res)).key, 'OPERATOR_NOT_ENROLLED');
  const mismatch = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${t.token({ sub: 'clerk1', role: 'admin' })}` } });
  assert.equal(mismatch.status, 403);
  assert.equal((await errorOf(mismatch)).key, 'FORBIDDEN_ROLE');
});

test('POST without Idempotency-Key -> 400 IDEMPOTENCY_KEY_REQUIRED; malformed key -> 400', async () => {
  const res = await fetch(`${t.url}/api/v1/properties/ABC-123456/transfers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registrar()}`, 'content-type': 'application/json' },
    body: JSON.stringify(transferBody),
  });
  assert.equal(res.status, 400);
  assert.equal((await errorOf(res)).key, 'IDEMPOTENCY_KEY_REQUIRED');
  const bad = await post('/api/v1/properties/ABC-123456/transfers', transferBody, { 'idempotency-key': 'has space' });
  assert.equal(bad.status, 400);
  assert.equal((await errorOf(bad)).key, 'INVALID_ARGUMENT');
  assert.equal(t.ledger.calls.length, 0);
});

test('a valid write commits: 201 with txId, blockNumber, data; the key is the chaincode requestId', async () => {
  t.ledger.calls.length = 0;
  t.ledger.on('Property:ProposeTransfer', () => ({ id: 'ABC-123456:T1' }));
  const res = await post('/api/v1/properties/ABC-123456/transfers', transferBody, { 'idempotency-key': 'req-42' });
  assert.equal(res.status, 201);
  const body = (await res.json()) as { txId: string; blockNumber: number; data: unknown };
  assert.match(body.txId, /^[0-9a-f]{64}$/);
  assert.equal(body.blockNumber, 7);
  assert.deepEqual(body.data, { id: 'ABC-123456:T1' });
  const call = t.ledger.calls[0];
  assert.equal(call?.operatorId, 'registrar1');
  assert.equal(call?.req.args[0], 'req-42');
  assert.deepEqual(JSON.parse(call?.req.args[1] ?? ''), { ...transferBody, parcelNumber: 'ABC-123456' });
});

test('Prefer: respond-async -> 202 with the transaction URL', async () => {
  const res = await post('/api/v1/properties/ABC-123456/transfers', transferBody, { prefer: 'respond-async' });
  assert.equal(res.status, 202);
  const body = (await res.json()) as { txId: string; transactionUrl: string; status: string };
  assert.equal(body.status, 'SUBMITTED');
  assert.equal(body.transactionUrl, `/api/v1/transactions/${body.txId}`);
  assert.equal(res.headers.get('location'), body.transactionUrl);
});

test('unknown fields, bad formats and bad path params are refused before Fabric', async () => {
  t.ledger.calls.length = 0;
  const unknown = await post('/api/v1/properties/ABC-123456/transfers', { ...transferBody, extra: 1 });
  assert.equal(unknown.status, 400);
  const e = await errorOf(unknown);
  assert.match(JSON.stringify(e.details), /unknown field\(s\): extra/);
  const badHash = await post('/api/v1/properties/ABC-123456/transfers', { ...transferBody, contractHash: 'nothex' });
  assert.equal(badHash.status, 400);
  const badParcel = await post('/api/v1/properties/bad parcel/transfers', transferBody);
  assert.equal(badParcel.status, 400);
  const badJson = await post('/api/v1/properties/ABC-123456/transfers', '{"buyers":');
  assert.equal(badJson.status, 400);
  const notJson = await post('/api/v1/properties/ABC-123456/transfers', 'x=1', { 'content-type': 'text/plain' });
  assert.equal(notJson.status, 415);
  assert.equal(t.ledger.calls.length, 0);
});

test('a write is validated once, as the merged input: path fields may not come in the body, refinements and actions are checked', async () => {
  t.ledger.calls.length = 0;
  const pathFieldInBody = await post('/api/v1/properties/ABC-123456/transfers', { ...transferBody, parcelNumber: 'XYZ-999999' });
  assert.equal(pathFieldInBody.status, 400);
  assert.match(JSON.stringify((await errorOf(pathFieldInBody)).details), /unknown field\(s\): parcelNumber/);
  const licence = {
    licensee: { kind: 'organisation', code: '91110108MA01234568' }, scope: 'print', territory: 'CN', exclusive: false, contractHash: 'a'.repeat(64),
    startDate: '2026-02-01', endDate: '2026-01-01', reason: 'r', legalAuthority: 'l',
  };
  const refined = await post(`/api/v1/copyrights/${'d'.repeat(64)}/licences`, licence);
  assert.equal(refined.status, 400);
  assert.match(JSON.stringify((await errorOf(refined)).details), /endDate/);
  const badAction = await post(`/api/v1/identities/${'a'.repeat(64)}/status`, { action: 'promote', reason: 'r', legalAuthority: 'l' });
  assert.equal(badAction.status, 400);
  assert.match(JSON.stringify((await errorOf(badAction)).details), /"path":"action"/);
  assert.equal(t.ledger.calls.length, 0, 'nothing reaches Fabric');
  const ok = await post(`/api/v1/identities/${'a'.repeat(64)}/status`, { action: 'suspend', reason: 'r', legalAuthority: 'l' });
  assert.equal(ok.status, 201);
  const sent = t.ledger.calls.at(-1);
  assert.equal(sent?.req.transaction, 'Suspend');
  assert.deepEqual(JSON.parse(sent?.req.args[1] ?? ''), { reason: 'r', legalAuthority: 'l', subjectKey: 'a'.repeat(64) });
});

test('body over the limit -> 413 PAYLOAD_TOO_LARGE', async () => {
  const res = await post('/api/v1/properties/ABC-123456/transfers', { ...transferBody, reason: 'x'.repeat(20_000) });
  assert.equal(res.status, 413);
  assert.equal((await errorOf(res)).key, 'PAYLOAD_TOO_LARGE');
});

test('chaincode errors come back with their key, status and txId', async () => {
  t.ledger.on('Property:GetRecord', () => {
    throw new ApiError(404, 'RECORD_NOT_FOUND', 'title ABC-999999 not found', { id: 'ABC-999999' }, 'f'.repeat(64));
  });
  const res = await fetch(`${t.url}/api/v1/properties/ABC-999999`, { headers: { authorization: `Bearer ${registrar()}` } });
  assert.equal(res.status, 404);
  const e = await errorOf(res);
  assert.equal(e.key, 'RECORD_NOT_FOUND');
  assert.equal(e.txId, 'f'.repeat(64));
});

test('a keyed 503 (network fault) tells the client when to retry; a 404 does not', async () => {
  t.ledger.on('Property:GetRecord', () => {
    throw new ApiError(503, 'CHAINCODE_UNAVAILABLE', 'the chaincode service is unavailable; retry with the same Idempotency-Key');
  });
  const res = await fetch(`${t.url}/api/v1/properties/ABC-999998`, { headers: { authorization: `Bearer ${registrar()}` } });
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '1');
  assert.equal((await errorOf(res)).key, 'CHAINCODE_UNAVAILABLE');
  t.ledger.on('Property:GetRecord', () => {
    throw new ApiError(404, 'RECORD_NOT_FOUND', 'not found');
  });
  const missing = await fetch(`${t.url}/api/v1/properties/ABC-999998`, { headers: { authorization: `Bearer ${registrar()}` } });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get('retry-after'), null);
});

test('role-gated route refuses other roles with 403 FORBIDDEN_ROLE', async () => {
  const res = await fetch(`${t.url}/api/v1/governance/registrars`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token({ sub: 'clerk1', role: 'clerk' })}`, 'content-type': 'application/json', 'idempotency-key': 'k' },
    body: JSON.stringify({ recordType: 'identity', mspId: 'PublicSecurityMSP', reason: 'r', legalAuthority: 'l' }),
  });
  assert.equal(res.status, 403);
  assert.equal((await errorOf(res)).key, 'FORBIDDEN_ROLE');
});

test('citizens reach only their own subject and no operator route', async () => {
  const citizen = t.token({ sub: SUBJECT, role: 'citizen' });
  t.ledger.calls.length = 0;
  const own = await fetch(`${t.url}/api/v1/test-subjects/${SUBJECT}`, { headers: { authorization: `Bearer ${citizen}` } });
  assert.equal(own.status, 200);
  assert.equal(t.ledger.calls[0]?.operatorId, 'auditor1', 'citizen reads are signed by the service operator');
  const other = await fetch(`${t.url}/api/v1/test-subjects/${OTHER_SUBJECT}`, { headers: { authorization: `Bearer ${citizen}` } });
  assert.equal(other.status, 403);
  assert.equal((await errorOf(other)).key, 'FORBIDDEN_SUBJECT');
  const op = await fetch(`${t.url}/api/v1/properties/ABC-123456`, { headers: { authorization: `Bearer ${citizen}` } });
  assert.equal(op.status, 403);
  const write = await fetch(`${t.url}/api/v1/properties/ABC-123456/transfers`, {
    method: 'POST', headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/json', 'idempotency-key': 'c1' }, body: JSON.stringify(transferBody),
  });
  assert.equal(write.status, 403);
  assert.equal(t.ledger.calls.length, 1);
});

test('transactions: 200 with validation code and block; 404 unknown; 400 malformed id', async () => {
  const h = { authorization: `Bearer ${registrar()}` };
  const ok = await fetch(`${t.url}/api/v1/transactions/${'0'.repeat(63)}1`, { headers: h });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { txId: `${'0'.repeat(63)}1`, blockNumber: 7, validationCode: 'VALID', valid: true });
  const missing = await fetch(`${t.url}/api/v1/transactions/${'e'.repeat(64)}`, { headers: h });
  assert.equal(missing.status, 404);
  const bad = await fetch(`${t.url}/api/v1/transactions/xyz`, { headers: h });
  assert.equal(bad.status, 400);
});

test('unknown routes -> 404 ROUTE_NOT_FOUND JSON', async () => {
  const res = await fetch(`${t.url}/api/v1/nothing`);
  assert.equal(res.status, 404);
  assert.equal((await errorOf(res)).key, 'ROUTE_NOT_FOUND');
});

test('live, ready, openapi, docs, helmet and CORS; no /metrics on the API port', async () => {
  assert.equal((await fetch(`${t.url}/live`)).status, 200);
  const ready = await startTestApp({ readyCacheMs: 1 });
  try {
    assert.equal((await fetch(`${ready.url}/ready`)).status, 200);
    ready.ledger.pingError = new ApiError(503, 'PEER_UNAVAILABLE', 'the peer is not reachable');
    await new Promise((r) => setTimeout(r, 5));
    const notReady = await fetch(`${ready.url}/ready`);
    assert.equal(notReady.status, 503);
    assert.equal(((await notReady.json()) as { error: { key: string } }).error.key, 'PEER_UNAVAILABLE');
  } finally {
    await ready.close();
  }
  const metrics = await fetch(`${t.url}/metrics`);
  assert.equal(metrics.status, 404);
  assert.equal((await errorOf(metrics)).key, 'ROUTE_NOT_FOUND');
  const openapi = (await (await fetch(`${t.url}/openapi.json`)).json()) as { openapi: string };
  assert.equal(openapi.openapi, '3.1.0');
  const docs = await fetch(`${t.url}/docs/`);
  assert.equal(docs.status, 200);
  assert.equal(docs.headers.get('x-content-type-options'), 'nosniff');
  const preflight = await fetch(`${t.url}/api/v1/properties`, { method: 'OPTIONS', headers: { origin: 'https://portal.example', 'access-control-request-method': 'POST' } });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://portal.example');
  const foreign = await fetch(`${t.url}/live`, { headers: { origin: 'https://evil.example' } });
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
});
