import { z } from 'zod';
import '../openapi/common-schemas';
import { ApiError } from '../errors/api-error';
import { defineRoute, type RouteSpec } from '../http/route-spec';

const TAG = 'Session';

/** Who the token belongs to, as this gateway accepted it (the console shows it after sign-in). */
export function sessionRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/operators/me',
      operationId: 'whoAmIOperator',
      summary: 'The signed-in operator: id, org and role (checked against the enrolled Fabric identity)',
      tag: TAG,
      access: { kind: 'operator' },
      responses: [{ status: 200, description: 'The operator', schema: z.object({ kind: z.literal('operator'), operatorId: z.string(), org: z.string(), role: z.string() }).openapi('OperatorSession') }],
      handler: async (ctx) => {
        if (ctx.principal.kind !== 'operator') throw new ApiError(403, 'FORBIDDEN_ROLE', 'this resource is for department operators');
        const { operatorId, org, role } = ctx.principal;
        return { status: 200, body: { kind: 'operator', operatorId, org, role }, headers: { 'cache-control': 'no-store' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me',
      operationId: 'whoAmICitizen',
      summary: 'The signed-in citizen: subject key and the department whose gateway serves them',
      tag: TAG,
      access: { kind: 'citizen' },
      responses: [{ status: 200, description: 'The citizen', schema: z.object({ kind: z.literal('citizen'), subject: z.string(), org: z.string() }).openapi('CitizenSession') }],
      handler: async (ctx) => {
        if (ctx.principal.kind !== 'citizen') throw new ApiError(403, 'FORBIDDEN_ROLE', 'this resource is for citizens');
        return { status: 200, body: { kind: 'citizen', subject: ctx.principal.subject, org: ctx.principal.org }, headers: { 'cache-control': 'no-store' } };
      },
    }),
  ];
}
