import jwt, { type Algorithm } from 'jsonwebtoken';
import { ApiError } from '../errors/api-error';
import type { KeyResolver } from './key-resolver';
import { principalFromClaims, tokenClaimsSchema, type Principal } from './principal';

/** Longest accepted token lifetime (exp − iat), per kind of principal. */
export interface MaxLifetimes {
  operatorSec: number;
  citizenSec: number;
}

/** Settings for verifying gateway tokens. */
export interface JwtVerifierOptions {
  algorithms: readonly Algorithm[];
  issuer: string;
  /** This gateway's audience; exactly one audience per token, so a token serves one department. */
  audience: string;
  clockToleranceSec: number;
  maxLifetime: MaxLifetimes;
  keys: KeyResolver;
  /** Clock (seconds since the epoch); tests pin it. */
  nowSec?: () => number;
}

/** Verifies a bearer token and returns the principal, or throws 401 UNAUTHENTICATED with a reason. */
export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * Header parameters that would let a token name its own verification key or certificate. The gateway's keys
 * come from its configuration only, so a token carrying any of these is refused outright rather than ignored.
 */
const KEY_BEARING_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'crit'] as const;

function unauthenticated(reason: string, message: string): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', message, { reason });
}

/**
 * Creates a verifier that pins the algorithms (so `alg: none` and HMAC confusion are refused before any
 * key is looked up) and refuses key-bearing headers, then checks signature, expiry, not-before, issuer and
 * audience, then `iat` and the lifetime bound for the token's role, then the GovChain claims.
 */
export function createJwtVerifier(opts: JwtVerifierOptions): TokenVerifier {
  const allowed = new Set<string>(opts.algorithms);
  const now = opts.nowSec ?? (() => Math.floor(Date.now() / 1000));
  return async (token) => {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw unauthenticated('malformed', 'token is malformed');
    if (!allowed.has(decoded.header.alg)) {
      throw unauthenticated('algorithm_not_allowed', `token algorithm ${decoded.header.alg} is not accepted`);
    }
    const header = decoded.header as unknown as Record<string, unknown>;
    const bearing = KEY_BEARING_HEADERS.find((h) => h in header);
    if (bearing) throw unauthenticated('header_not_allowed', `token header "${bearing}" is not accepted; keys come from the gateway's configuration`);
    const key = await opts.keys.resolve(decoded.header);
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [...opts.algorithms],
        issuer: opts.issuer,
        audience: opts.audience,
        clockTolerance: opts.clockToleranceSec,
        clockTimestamp: now(),
      });
    } catch (err) {
      throw mapVerifyError(err);
    }
    if (typeof payload === 'string' || payload.exp === undefined) throw unauthenticated('missing_exp', 'token has no expiry');
    if (Array.isArray(payload.aud) && payload.aud.length !== 1) {
      throw unauthenticated('wrong_audience', 'token must name exactly one audience');
    }
    checkLifetime(payload, opts, now());
    const claims = tokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('bad_claims', 'token claims sub, org and role are missing or invalid');
    return principalFromClaims(claims.data);
  };
}

/** `iat` is required, not in the future, and exp − iat stays within the role's maximum lifetime. */
function checkLifetime(payload: jwt.JwtPayload, opts: JwtVerifierOptions, nowSec: number): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw unauthenticated('missing_iat', 'token has no issued-at time (iat)');
  if (iat > nowSec + opts.clockToleranceSec) throw unauthenticated('issued_in_future', 'token is issued in the future');
  const max = payload.role === 'citizen' ? opts.maxLifetime.citizenSec : opts.maxLifetime.operatorSec;
  if (typeof exp !== 'number' || exp - iat > max) {
    throw unauthenticated('lifetime_too_long', `token lifetime exceeds ${max} s for this role; request a shorter-lived token`);
  }
}

function mapVerifyError(err: unknown): ApiError {
  if (err instanceof jwt.TokenExpiredError) return unauthenticated('expired', 'token has expired');
  if (err instanceof jwt.NotBeforeError) return unauthenticated('not_yet_valid', 'token is not yet valid');
  const message = err instanceof Error ? err.message : '';
  if (message.startsWith('jwt issuer invalid')) return unauthenticated('wrong_issuer', 'token issuer is not accepted');
  if (message.startsWith('jwt audience invalid')) return unauthenticated('wrong_audience', 'token audience is not accepted');
  if (message === 'invalid signature') return unauthenticated('invalid_signature', 'token signature is invalid');
  if (message === 'invalid algorithm') return unauthenticated('algorithm_not_allowed', 'token algorithm is not accepted');
  return unauthenticated('invalid', 'token is invalid');
}
