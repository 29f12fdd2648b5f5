import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ApiError } from '../errors/api-error';
import { createJwtVerifier } from './jwt-verifier';
import { jwksKeyResolver, staticKeyResolver } from './key-resolver';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ISS = 'iss-test';
const AUD = 'aud-test';
const MAX = { operatorSec: 8 * 3600, citizenSec: 3600 };
const verify = createJwtVerifier({ algorithms: ['ES256'], issuer: ISS, audience: AUD, clockToleranceSec: 0, maxLifetime: MAX, keys: staticKeyResolver(publicKey.export({ type: 'spki', format: 'pem' })) });
const nowSec = () => Math.floor(Date.now() / 1000);

function sign(payload: object, opts: jwt.SignOptions = {}, key: jwt.Secret = privateKey): string {
  const options: jwt.SignOptions = { algorithm: 'ES256', subject: 'registrar1', issuer: ISS, audience: AUD, expiresIn: 60, ...opts };
  for (const k of Object.keys(options) as Array<keyof jwt.SignOptions>) if (options[k] === undefined) delete options[k];
  const claims: Record<string, unknown> = { org: 'PublicSecurity', role: 'registrar', ...payload };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return jwt.sign(claims, key, options);
}

async function reason(token: string): Promise<string> {
  try {
    await verify(token);
  } catch (err) {
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 401);
    assert.equal(err.key, 'UNAUTHENTICATED');
    return (err.details as { reason: string }).reason;
  }
  assert.fail('token was accepted');
}

function b64(o: object): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

test('a valid operator token yields the operator principal', async () => {
  assert.deepEqual(await verify(sign({})), { kind: 'operator', operatorId: 'registrar1', org: 'PublicSecurity', role: 'registrar' });
});

test('a citizen token yields a citizen principal with the subject key', async () => {
  const subject = 'c'.repeat(64);
  assert.deepEqual(await verify(sign({ role: 'citizen' }, { subject })), { kind: 'citizen', subject, org: 'PublicSecurity' });
});

test('expired tokens are refused', async () => {
  const t = sign({ exp: Math.floor(Date.now() / 1000) - 10 }, { expiresIn: undefined });
  assert.equal(await reason(t), 'expired');
});

test('wrong issuer and wrong audience are refused', async () => {
  assert.equal(await reason(sign({}, { issuer: 'someone-else' })), 'wrong_issuer');
  assert.equal(await reason(sign({}, { audience: 'other-api' })), 'wrong_audience');
});

test('alg none is refused', async () => {
  const t = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'registrar1', org: 'PublicSecurity', role: 'admin', iss: ISS, aud: AUD, exp: 9999999999 })}.`;
  assert.equal(await reason(t), 'algorithm_not_allowed');
});

test('HS256 signed with the public key (algorithm confusion) is refused', async () => {
  const header = b64({ alg: 'HS256', typ: 'JWT' });
  const payload = b64({ sub: 'registrar1', org: 'PublicSecurity', role: 'admin', iss: ISS, aud: AUD, exp: 9999999999 });
  const sig = createHmac('sha256', publicKey.export({ type: 'spki', format: 'pem' })).update(`${header}.${payload}`).digest('base64url');
  assert.equal(await reason(`${header}.${payload}.${sig}`), 'algorithm_not_allowed');
});

test('RS256 is refused when only ES256 is pinned', async () => {
  const t = jwt.sign({ org: 'PublicSecurity', role: 'clerk' }, rsa.privateKey, { algorithm: 'RS256', subject: 'clerk1', issuer: ISS, audience: AUD, expiresIn: 60 });
  assert.equal(await reason(t), 'algorithm_not_allowed');
});

test('a token signed by another key is refused', async () => {
  assert.equal(await reason(sign({}, {}, other.privateKey)), 'invalid_signature');
});

test('a tampered payload is refused', async () => {
  const [h, , s] = sign({}).split('.');
  const forged = b64({ sub: 'registrar1', org: 'PublicSecurity', role: 'admin', iss: ISS, aud: AUD, exp: 9999999999 });
  assert.equal(await reason(`${h}.${forged}.${s}`), 'invalid_signature');
});

test('malformed tokens, missing exp and bad claims are refused', async () => {
  assert.equal(await reason('not-a-jwt'), 'malformed');
  assert.equal(await reason(sign({}, { expiresIn: undefined })), 'missing_exp');
  assert.equal(await reason(sign({ role: 'superuser' })), 'bad_claims');
  assert.equal(await reason(sign({ role: 'citizen' }, { subject: 'not-a-subject-key' })), 'bad_claims');
  assert.equal(await reason(sign({ org: undefined })), 'bad_claims');
});

test('JWKS resolver picks the key by kid and refuses unknown kids', async () => {
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig' };
  let fetches = 0;
  const fakeFetch = (async () => {
    fetches++;
    return new Response(JSON.stringify({ keys: [jwk] }), { status: 200 });
  }) as typeof fetch;
  const v = createJwtVerifier({ algorithms: ['ES256'], issuer: ISS, audience: AUD, clockToleranceSec: 0, maxLifetime: MAX, keys: jwksKeyResolver('https://idp.example/jwks', 60_000, fakeFetch) });
  const ok = await v(sign({}, { keyid: 'k1' }));
  assert.equal(ok.kind, 'operator');
  await assert.rejects(v(sign({}, { keyid: 'k2' })), (e: ApiError) => e.status === 401);
  assert.equal(fetches, 1);
});

test('a token without iat is refused (missing_iat)', async () => {
  assert.equal(await reason(sign({}, { noTimestamp: true })), 'missing_iat');
});

test('lifetime is bounded per role: 8 h for operators, 1 h for citizens (exp - iat)', async () => {
  const subject = 'c'.repeat(64);
  assert.equal((await verify(sign({}, { expiresIn: 8 * 3600 }))).kind, 'operator');
  assert.equal(await reason(sign({}, { expiresIn: 8 * 3600 + 1 })), 'lifetime_too_long');
  assert.equal(await reason(sign({}, { expiresIn: 10 * 365 * 86400 })), 'lifetime_too_long');
  assert.equal((await verify(sign({ role: 'citizen' }, { subject, expiresIn: 3600 }))).kind, 'citizen');
  assert.equal(await reason(sign({ role: 'citizen' }, { subject, expiresIn: 3601 })), 'lifetime_too_long');
});

test('an old iat cannot be moved forward to stretch the lifetime: iat in the future is refused', async () => {
  const iat = nowSec() + 3600;
  assert.equal(await reason(sign({ iat, exp: iat + 60 }, { expiresIn: undefined })), 'issued_in_future');
});

test('the lifetime bound is configurable', async () => {
  const short = createJwtVerifier({ algorithms: ['ES256'], issuer: ISS, audience: AUD, clockToleranceSec: 0, maxLifetime: { operatorSec: 60, citizenSec: 30 }, keys: staticKeyResolver(publicKey.export({ type: 'spki', format: 'pem' })) });
  await assert.rejects(short(sign({}, { expiresIn: 61 })), (e: ApiError) => (e.details as { reason: string }).reason === 'lifetime_too_long');
  assert.equal((await short(sign({}, { expiresIn: 60 }))).kind, 'operator');
});

test('not-yet-valid tokens are refused', async () => {
  assert.equal(await reason(sign({}, { notBefore: 120 })), 'not_yet_valid');
});

test('headers that carry their own key (jwk, jku, x5u, x5c, crit) are refused even when the signature is good', async () => {
  const jwk = other.publicKey.export({ format: 'jwk' });
  for (const extra of [{ jwk }, { jku: 'https://evil.example/jwks' }, { x5u: 'https://evil.example/cert.pem' }, { x5c: ['MIIB'] }, { crit: ['exp'] }]) {
    const t = sign({}, { header: { alg: 'ES256', ...extra } as jwt.JwtHeader });
    assert.equal(await reason(t), 'header_not_allowed', JSON.stringify(Object.keys(extra)));
  }
});

test('a token naming several audiences is refused, even if one of them is this gateway', async () => {
  assert.equal(await reason(sign({}, { audience: [AUD, 'govchain-gateway:NaturalResources'] })), 'wrong_audience');
});
