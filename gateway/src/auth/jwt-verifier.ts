import jwt, { type Algorithm } from 'jsonwebtoken';
import { ApiError } from '../errors/api-error';
import type { KeyResolver } from './key-resolver';
import { principalFromClaims, tokenClaimsSchema, type Principal } from './principal';

/** Settings for verifying gateway tokens. */
export interface JwtVerifierOptions {
  algorithms: readonly Algorithm[];
  issuer: string;
  audience: string;
  clockToleranceSec: number;
  keys: KeyResolver;
}

/** Verifies a bearer token and returns the principal, or throws 401 UNAUTHENTICATED with a reason. */
export type TokenVerifier = (token: string) => Promise<Principal>;

function unauthenticated(reason: string, message: string): ApiError {
  return new ApiError(401, 'UNAUTHENTICATED', message, { reason });
}

/**
 * Creates a verifier that pins the algorithms (so `alg: none` and HMAC confusion are refused before any
 * key is looked up), then checks signature, expiry, issuer and audience, then the GovChain claims.
 */
export function createJwtVerifier(opts: JwtVerifierOptions): TokenVerifier {
  const allowed = new Set<string>(opts.algorithms);
  return async (token) => {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw unauthenticated('malformed', 'token is malformed');
    if (!allowed.has(decoded.header.alg)) {
      throw unauthenticated('algorithm_not_allowed', `token algorithm ${decoded.header.alg} is not accepted`);
    }
    const key = await opts.keys.resolve(decoded.header);
    let payload: jwt.JwtPayload | string;
    try {
      payload = jwt.verify(token, key, {
        algorithms: [...opts.algorithms],
        issuer: opts.issuer,
        audience: opts.audience,
        clockTolerance: opts.clockToleranceSec,
      });
    } catch (err) {
      throw mapVerifyError(err);
    }
    if (typeof payload === 'string' || payload.exp === undefined) throw unauthenticated('missing_exp', 'token has no expiry');
    const claims = tokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw unauthenticated('bad_claims', 'token claims sub, org and role are missing or invalid');
    return principalFromClaims(claims.data);
  };
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
