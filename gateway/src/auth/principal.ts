import { z } from 'zod';
import { ROLES, TOKEN_ROLES, type Role, type TokenRole } from '@govchain/chaincode';

/** Roles of department operators (the `govchain.role` certificate attribute): the API's list. */
export const OPERATOR_ROLES = ROLES;
/** An operator role. */
export type OperatorRole = Role;
/** Every role a token may carry (the operator roles and the citizen's). */
export { TOKEN_ROLES, type TokenRole };

/** Operator ids as enrolled (topology schema): lower-case letters, digits and dashes. */
export const operatorIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'an operator id');
/** A citizen's subject key: the keyed hash naming the citizen on the ledger (hex). */
export const subjectKeySchema = z.string().regex(/^[0-9a-f]{64}$/, 'a subject key (64 lower-case hex characters)');

/** The claims the gateway requires besides iss/aud/exp (checked by the verifier). */
export const tokenClaimsSchema = z.discriminatedUnion('role', [
  z.object({ sub: operatorIdSchema, org: z.string().min(1), role: z.enum(OPERATOR_ROLES) }),
  z.object({ sub: subjectKeySchema, org: z.string().min(1), role: z.literal('citizen') }),
]);

/** An authenticated department operator; signs with their own enrolled Fabric identity. */
export interface OperatorPrincipal {
  kind: 'operator';
  operatorId: string;
  org: string;
  role: OperatorRole;
}

/** An authenticated citizen; has no Fabric identity and sees only their own subject's data. */
export interface CitizenPrincipal {
  kind: 'citizen';
  subject: string;
  org: string;
}

/** Whoever made the request. */
export type Principal = OperatorPrincipal | CitizenPrincipal;

/** Builds the principal from verified claims. */
export function principalFromClaims(claims: z.infer<typeof tokenClaimsSchema>): Principal {
  return claims.role === 'citizen'
    ? { kind: 'citizen', subject: claims.sub, org: claims.org }
    : { kind: 'operator', operatorId: claims.sub, org: claims.org, role: claims.role };
}

/** A stable id for rate limiting and logs (never personal data: the subject key is already a keyed hash). */
export function principalId(p: Principal): string {
  return p.kind === 'operator' ? `op:${p.org}:${p.operatorId}` : `citizen:${p.subject.slice(0, 16)}`;
}
