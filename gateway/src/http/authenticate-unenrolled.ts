import type { NextFunction, Request, Response } from 'express';
import type { TokenVerifier } from '../auth/jwt-verifier';
import { ApiError } from '../errors/api-error';
import { bearerToken } from './authenticate';

/**
 * Authentication for enrolment: the token must be valid and for this gateway's org, and name an operator, who
 * need not have a certificate yet (that is what they are enrolling). Everything else about the caller is
 * checked against the certificate the CA issues.
 */
export function authenticateUnenrolled(verify: TokenVerifier, org: { name: string; mspId: string }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await verify(bearerToken(req.headers.authorization));
    if (principal.org !== org.name && principal.org !== org.mspId) {
      throw new ApiError(403, 'FORBIDDEN_ORG', `this gateway serves ${org.name}; the token is for another org`, { gatewayOrg: org.name });
    }
    if (principal.kind !== 'operator') throw new ApiError(403, 'FORBIDDEN_ROLE', 'only department operators enrol');
    res.locals.principal = principal;
    next();
  };
}
