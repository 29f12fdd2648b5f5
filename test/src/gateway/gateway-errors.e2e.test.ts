import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BECAUSE, call, registerCitizen, startGateway, useRegistrarGateways, tokenFor } from './gateway-support';
import { randomCitizen, randomHex64 } from '@govchain/testing';

interface ErrorBody {
  error: { code: number; key: string; message: string; txId?: string; details?: unknown };
}

function expectError(res: { status: number; body: unknown; text: string }, status: number, key: string): ErrorBody['error'] {
  assert.equal(res.status, status, res.text);
  const e = (res.body as ErrorBody).error;
  assert.equal(e.code, status);
  assert.equal(e.key, key, res.text);
  assert.doesNotMatch(res.text, /at \S+\.js:\d+|127\.0\.0\.1:\d+|peer0\./, 'no stack trace or peer internals');
  return e;
}

describe('gateway 4xx paths against the real network', () => {
  const gw = useRegistrarGateways();

  it('401: no token, garbage token, expired token', async () => {
    expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`), 401, 'UNAUTHENTICATED');
    expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`, { token: 'abc.def.ghi' }), 401, 'UNAUTHENTICATED');
    const short = tokenFor(gw.ps.org, 'clerk1', 'clerk', 1);
    await new Promise((r) => setTimeout(r, 7000));
    const e = expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`, { token: short }), 401, 'UNAUTHENTICATED');
    assert.deepEqual(e.details, { reason: 'expired' });
  });

  it('403: token of another org, operator not enrolled, chaincode role and org checks', async () => {
    // Another department's token names that department's audience: refused before the org is even looked at.
    const foreign = expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`, { token: tokenFor('CopyrightOffice', 'clerk1', 'clerk') }), 401, 'UNAUTHENTICATED');
    assert.deepEqual(foreign.details, { reason: 'wrong_audience' });
    // Minted for this gateway's audience but for another org: FORBIDDEN_ORG.
    expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`, { token: tokenFor('CopyrightOffice', 'clerk1', 'clerk', 600, 'govchain-gateway:PublicSecurity') }), 403, 'FORBIDDEN_ORG');
    expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`, { token: tokenFor(gw.ps.org, 'ghost9', 'clerk') }), 403, 'OPERATOR_NOT_ENROLLED');
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: tokenFor(gw.ps.org, 'clerk1', 'clerk'), body: { personalData: randomCitizen() } }), 403, 'FORBIDDEN_ROLE');
    const person = randomCitizen();
    const notRegistrar = await call(gw.co, 'POST', '/api/v1/identities', { token: tokenFor(gw.co.org, 'registrar1', 'registrar'), body: { personalData: person } });
    assert.equal(notRegistrar.status, 403, notRegistrar.text);
    // The refusal echoes none of the personal data it was sent.
    for (const value of Object.values(person)) assert.ok(!notRegistrar.text.includes(value), `the 403 body repeats ${value}`);
  });

  it('400: missing Idempotency-Key, malformed input, unknown fields, bad check digit, bad path params', async () => {
    const registrar = tokenFor(gw.ps.org, 'registrar1', 'registrar');
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, key: null, body: { personalData: randomCitizen() } }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, body: { personalData: randomCitizen(), extra: true } }), 400, 'INVALID_ARGUMENT');
    const person = randomCitizen();
    const badCheck = `${person.idNumber.slice(0, 17)}${person.idNumber.endsWith('0') ? '1' : '0'}`;
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, body: { personalData: { ...person, idNumber: badCheck } } }), 400, 'INVALID_ARGUMENT');
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, body: '{"personalData":' }), 400, 'INVALID_ARGUMENT');
    expectError(await call(gw.ps, 'GET', '/api/v1/identities/not-a-subject', { token: registrar }), 400, 'INVALID_ARGUMENT');
    expectError(await call(gw.ps, 'GET', '/api/v1/transactions/xyz', { token: registrar }), 400, 'INVALID_ARGUMENT');
  });

  it('404: unknown record, unknown transaction, unknown route', async () => {
    const clerk = tokenFor(gw.ps.org, 'clerk1', 'clerk');
    expectError(await call(gw.ps, 'GET', `/api/v1/identities/${randomHex64()}`, { token: clerk }), 404, 'RECORD_NOT_FOUND');
    expectError(await call(gw.ps, 'GET', `/api/v1/transactions/${randomHex64()}`, { token: clerk }), 404, 'TRANSACTION_NOT_FOUND');
    expectError(await call(gw.ps, 'GET', '/api/v1/nowhere', { token: clerk }), 404, 'ROUTE_NOT_FOUND');
  });

  it('409: duplicate registration, same Idempotency-Key with another body; same key and body replays', async () => {
    const registrar = tokenFor(gw.ps.org, 'registrar1', 'registrar');
    const person = randomCitizen();
    await registerCitizen(gw.ps, person);
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, body: { personalData: person } }), 409, 'DUPLICATE');
    const author = await registerCitizen(gw.ps);
    const coReg = tokenFor(gw.co.org, 'registrar1', 'registrar');
    const key = `e2e-${randomHex64().slice(0, 16)}`;
    const body = { contentHash: randomHex64(), title: 'Idempotent Work', authors: [author], workType: 'music', ...BECAUSE };
    const first = await call<{ data: unknown }>(gw.co, 'POST', '/api/v1/copyrights', { token: coReg, key, body });
    assert.equal(first.status, 201, first.text);
    const again = await call<{ data: unknown }>(gw.co, 'POST', '/api/v1/copyrights', { token: coReg, key, body });
    assert.equal(again.status, 201, again.text);
    assert.deepEqual(again.body.data, first.body.data);
    expectError(await call(gw.co, 'POST', '/api/v1/copyrights', { token: coReg, key, body: { ...body, title: 'Other' } }), 409, 'IDEMPOTENCY_CONFLICT');
  });

  it('413 body too large, 415 wrong content type', async () => {
    const registrar = tokenFor(gw.ps.org, 'registrar1', 'registrar');
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, body: { personalData: { ...randomCitizen(), address: 'x'.repeat(200_000) } } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(gw.ps, 'POST', '/api/v1/identities', { token: registrar, body: 'a=b', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('422: a business rule (transfer to the current owners)', async () => {
    const nr = await startGateway('NaturalResources');
    try {
      const registrar = tokenFor(nr.org, 'registrar1', 'registrar');
      const owner = await registerCitizen(gw.ps);
      const parcel = `E2E-${randomHex64().slice(0, 12).toUpperCase()}`;
      const t = await call(nr, 'POST', '/api/v1/properties', { token: registrar, body: { parcelNumber: parcel, owners: [owner], areaSqm: 50, use: 'residential', documentHash: randomHex64(), ...BECAUSE } });
      assert.equal(t.status, 201, t.text);
      expectError(await call(nr, 'POST', `/api/v1/properties/${parcel}/transfers`, { token: registrar, body: { buyers: [owner], contractHash: randomHex64(), ...BECAUSE } }), 422, 'RULE_VIOLATION');
    } finally {
      await nr.stop();
    }
  });

  it('429 per operator once the rate limit is used up', async () => {
    const limited = await startGateway('MarketRegulation', { GOVCHAIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const clerk = tokenFor(limited.org, 'clerk1', 'clerk');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(limited, 'GET', `/api/v1/businesses/${'9'.repeat(18)}`, { token: clerk })).status);
      assert.equal(statuses[3], 429, statuses.join(','));
      const other = await call(limited, 'GET', '/api/v1/governance/config', { token: tokenFor(limited.org, 'auditor1', 'auditor') });
      assert.equal(other.status, 200);
    } finally {
      await limited.stop();
    }
  });
});
