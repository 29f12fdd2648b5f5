import type { NextFunction, Request, Response } from 'express';
import type { TokenVerifier } from '../auth/jwt-verifier';
import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { IdentityStore } from '../fabric/identity-store';

/** Reads the principal that `authenticate` stored on the response. */
export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new ApiError(401, 'UNAUTHENTICATED', 'authentication required', { reason: 'missing' });
  return p;
}

/** Extracts the bearer token from an Authorization header. */
export function bearerToken(header: string | undefined): string {
  if (!header) throw new ApiError(401, 'UNAUTHENTICATED', 'a Bearer token is required', { reason: 'missing' });
  const m = /^Bearer ([A-Za-z0-9_.+/=-]+)$/.exec(header);
  if (!m) throw new ApiError(401, 'UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"', { reason: 'malformed' });
  return m[1] as string;
}

/**
 * Authenticates the bearer token, then binds it to this gateway: the token's org must be this gateway's
 * org (403 FORBIDDEN_ORG), and an operator must have an enrolled Fabric identity (403
 * OPERATOR_NOT_ENROLLED) whose certificate carries a role that matches the token role (403 FORBIDDEN_ROLE).
 */
export function authenticate(verify: TokenVerifier, org: { name: string; mspId: string }, identities: IdentityStore) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await verify(bearerToken(req.headers.authorization));
    if (principal.org !== org.name && principal.org !== org.mspId) {
      throw new ApiError(403, 'FORBIDDEN_ORG', `this gateway serves ${org.name}; the token is for another org`, { gatewayOrg: org.name });
    }
    if (principal.kind === 'operator') {
      const identity = identities.find(principal.operatorId);
      if (!identity) {
        throw new ApiError(403, 'OPERATOR_NOT_ENROLLED', `operator ${principal.operatorId} has no enrolled Fabric identity in ${org.name}`, {
          operatorId: principal.operatorId,
        });
      }
      // A certificate without a role attribute proves no role at all: refuse it rather than trust the token's.
      if (identity.role === undefined) {
        throw new ApiError(403, 'FORBIDDEN_ROLE', `the enrolled certificate of ${principal.operatorId} carries no govchain.role attribute; re-enrol the operator with a role`, {
          operatorId: principal.operatorId,
          reason: 'certificate_has_no_role',
        });
      }
      if (identity.role !== principal.role) {
        throw new ApiError(403, 'FORBIDDEN_ROLE', `the token role ${principal.role} does not match the enrolled role`, { operatorId: principal.operatorId });
      }
    }
    res.locals.principal = principal;
    next();
  };
}
