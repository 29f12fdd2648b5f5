import type { Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { RouteAccess } from './route-spec';

/**
 * Enforces a route's access rule for an authenticated principal. Citizens may only reach routes that
 * allow them, and only for their own subject (403 FORBIDDEN_SUBJECT otherwise).
 */
export function checkAccess(access: RouteAccess, principal: Principal, input: { params: Record<string, unknown>; query: Record<string, unknown> }): void {
  if (principal.kind === 'citizen') {
    if (access.kind === 'operator') throw new ApiError(403, 'FORBIDDEN_ROLE', 'this resource is for department operators');
    if (access.kind === 'operatorOrCitizen') {
      const subject = access.subjectOf(input);
      if (subject !== principal.subject) throw new ApiError(403, 'FORBIDDEN_SUBJECT', 'citizens may only access their own records');
    }
    return;
  }
  if (access.kind === 'citizen') throw new ApiError(403, 'FORBIDDEN_ROLE', 'this resource is for citizens');
  if (access.roles && !access.roles.includes(principal.role)) {
    throw new ApiError(403, 'FORBIDDEN_ROLE', `this resource requires role ${access.roles.join(' or ')}`, { required: access.roles });
  }
}
