import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { audienceOf, DEV_ISSUER, devPrivateKey, mintToken } from '../support/tokens';
import { call, startGateways, stopGateways, tokenFor, type TestGateway } from './gateway-support';

const PS = 'PublicSecurity';
const NR = 'NaturalResources';
const ROUTE = '/api/v1/governance/config';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const attacker = generateKeyPairSync('ec', { namedCurve: 'P-256' });

/** Claims of a well-formed PublicSecurity registrar token. */
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'registrar1', org: PS, role: 'registrar', iss: DEV_ISSUER, aud: audienceOf(PS), iat: now(), exp: now() + 600, ...extra,
});

/** Signs with the attacker's key under any header the attacker likes. */
const attackerSigned = (header: Record<string, unknown>, payload: object = claims()) =>
  jwt.sign(payload, attacker.privateKey, { algorithm: 'ES256', header: { alg: 'ES256', ...header } as jwt.JwtHeader });

/** Replaces the payload of a genuine token, keeping its header and signature. */
const tamper = (token: string, change: Record<string, unknown>) => {
  const [h, p, s] = token.split('.') as [string, string, string];
  return `${h}.${b64({ ...(JSON.parse(Buffer.from(p, 'base64url').toString()) as object), ...change })}.${s}`;
};

describe('JWT attacks against a real gateway: every one is 401 UNAUTHENTICATED with a reason', () => {
  let gws: Record<string, TestGateway> = {};
  before(async () => {
    gws = await startGateways([PS, NR]);
  });
  after(async () => stopGateways(gws));

  it('a genuine token is accepted (so the refusals below are the attacks, not the set-up)', async () => {
    assert.equal((await call(gws[PS]!, 'GET', ROUTE, { token: mintToken(PS, 'registrar1', 'registrar') })).status, 200);
    assert.equal((await call(gws[PS]!, 'GET', ROUTE, { token: tokenFor(PS, 'registrar1', 'registrar') })).status, 200, 'the dev token CLI mints for this department');
  });

  const publicPem = () => createPublicKey(devPrivateKey()).export({ type: 'spki', format: 'pem' }).toString();
  const attacks: Array<[string, () => string, string]> = [
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims({ role: 'admin' }))}.`, 'algorithm_not_allowed'],
    ['HS256 signed with the gateway public key', () => {
      const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims({ role: 'admin' }))}`;
      return `${head}.${createHmac('sha256', publicPem()).update(head).digest('base64url')}`;
    }, 'algorithm_not_allowed'],
    ['signed by a foreign key', () => attackerSigned({}), 'invalid_signature'],
    ['embedded jwk header naming the attacker key', () => attackerSigned({ jwk: attacker.publicKey.export({ format: 'jwk' }) }), 'header_not_allowed'],
    ['jku header', () => attackerSigned({ jku: 'https://attacker.example/jwks.json' }), 'header_not_allowed'],
    ['x5u header', () => attackerSigned({ x5u: 'https://attacker.example/cert.pem' }), 'header_not_allowed'],
    ['expired', () => mintToken(PS, 'registrar1', 'registrar', { expiresIn: -60 }), 'expired'],
    ['not yet valid', () => mintToken(PS, 'registrar1', 'registrar', { notBefore: 600 }), 'not_yet_valid'],
    ['wrong issuer', () => mintToken(PS, 'registrar1', 'registrar', { issuer: 'someone-else' }), 'wrong_issuer'],
    ['wrong audience', () => mintToken(PS, 'registrar1', 'registrar', { audience: 'govchain-gateway' }), 'wrong_audience'],
    ["another department's audience", () => mintToken(PS, 'registrar1', 'registrar', { audience: audienceOf(NR) }), 'wrong_audience'],
    ["another department's genuine token", () => mintToken(NR, 'registrar1', 'registrar'), 'wrong_audience'],
    ['operator lifetime of 9 h (limit 8 h)', () => mintToken(PS, 'registrar1', 'registrar', { expiresIn: 9 * 3600 }), 'lifetime_too_long'],
    ['ten-year operator token', () => mintToken(PS, 'registrar1', 'registrar', { expiresIn: 10 * 365 * 86400 }), 'lifetime_too_long'],
    ['citizen lifetime of 2 h (limit 1 h)', () => mintToken(PS, randomBytes(32).toString('hex'), 'citizen', { expiresIn: 7200 }), 'lifetime_too_long'],
    ['missing iat', () => mintToken(PS, 'registrar1', 'registrar', { noTimestamp: true }), 'missing_iat'],
    ['iat in the future', () => jwt.sign(claims({ iat: now() + 3600, exp: now() + 3900 }), devPrivateKey(), { algorithm: 'ES256' }), 'issued_in_future'],
    ['tampered role (clerk -> admin)', () => tamper(mintToken(PS, 'clerk1', 'clerk'), { role: 'admin' }), 'invalid_signature'],
    ['tampered org (NaturalResources token rewritten for PublicSecurity)', () => tamper(mintToken(NR, 'registrar1', 'registrar'), { org: PS, aud: audienceOf(PS) }), 'invalid_signature'],
    ['tampered expiry', () => tamper(mintToken(PS, 'registrar1', 'registrar'), { exp: now() + 3000 }), 'invalid_signature'],
  ];

  for (const [name, make, reason] of attacks) {
    it(name, async () => {
      const res = await call<{ error: { key: string; code: number; details?: { reason?: string } } }>(gws[PS]!, 'GET', ROUTE, { token: make() });
      assert.equal(res.status, 401, res.text);
      assert.equal(res.body.error.key, 'UNAUTHENTICATED');
      assert.equal(res.body.error.details?.reason, reason);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
    });
  }

  it('a PublicSecurity token is refused by the NaturalResources gateway, and the reverse', async () => {
    for (const [token, gw] of [[mintToken(PS, 'registrar1', 'registrar'), gws[NR]!], [mintToken(NR, 'registrar1', 'registrar'), gws[PS]!]] as const) {
      const res = await call<{ error: { key: string; details?: { reason?: string } } }>(gw, 'GET', ROUTE, { token });
      assert.equal(res.status, 401);
      assert.equal(res.body.error.details?.reason, 'wrong_audience');
    }
  });
});
