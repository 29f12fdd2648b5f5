import { z } from 'zod';
import { Audit, accessIdSchema, citizenLogSchema, entryPageSchema, isoDateTimeSchema, mspIdSchema, sealingOrderIdSchema } from '@govchain/chaincode';
import { subjectKeySchema } from '@govchain/chaincode';
import { ApiError } from '../errors/api-error';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { call, type EvaluateCall } from '../fabric/call';
import { pageQuerySchema, readRoute, submitRoute } from './route-helpers';
import { withReceiptLinks, withReceiptLinkSchema } from './receipt-links';

const TAG = 'Audit';

/** GET /audit query: exactly one selector (subject, accessor+org, org, or from+to), plus paging. */
export const auditQuerySchema = pageQuerySchema
  .extend({
    subject: subjectKeySchema.optional(),
    accessor: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'accessor is an operator id').optional(),
    org: mspIdSchema.optional(),
    from: isoDateTimeSchema.optional(),
    to: isoDateTimeSchema.optional(),
  })
  .strict();

type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Chooses the audit index for a query, or throws 400 naming the accepted combinations. */
export function auditSelector(q: AuditQuery): EvaluateCall {
  const page = [q.pageSize, q.bookmark] as const;
  const has = { subject: !!q.subject, accessor: !!q.accessor, org: !!q.org, time: !!q.from || !!q.to };
  const count = [has.subject, has.accessor || has.org, has.time].filter(Boolean).length;
  if (count !== 1) {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'give exactly one of: subject; accessor with org; org; from with to');
  }
  if (q.subject) return call(Audit.tx.ListBySubject, [q.subject, 'auditor', ...page]);
  if (q.accessor) {
    if (!q.org) throw new ApiError(400, 'INVALID_ARGUMENT', 'accessor needs org (the accessor\'s MSP id)');
    return call(Audit.tx.ListByAccessor, [q.org, q.accessor, ...page]);
  }
  if (q.org) return call(Audit.tx.ListByOrg, [q.org, ...page]);
  if (!q.from || !q.to) throw new ApiError(400, 'INVALID_ARGUMENT', 'from and to go together');
  return call(Audit.tx.ListByTime, [q.from, q.to, ...page]);
}

/** Audit queries (auditor role) and the citizen's own access log. */
export function auditRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit',
      operationId: 'queryAudit',
      summary: 'Audit entries by subject, accessor, org or time (auditors)',
      tag: TAG,
      access: { kind: 'operator', roles: ['auditor'] },
      query: auditQuerySchema,
      responses: [{ status: 200, description: 'A page of audit entries', schema: withReceiptLinkSchema(entryPageSchema) }],
      handler: async (ctx) => {
        return { status: 200, body: withReceiptLinks(await ctx.services.records.read(ctx.principal, auditSelector(ctx.query))) };
      },
    }),
    submitRoute({
      path: '/api/v1/audit/imports', operationId: 'importAccessLog', tag: TAG, tx: Audit.tx.ImportEntries, roles: ['admin'],
      summary: "Import one batch of the org's pre-GovChain access log (org admin; each batch id once; the body limit bounds the batch size)",
    }),
    readRoute({
      path: '/api/v1/audit/{accessId}', operationId: 'getAuditEntry', summary: 'One audit entry (auditors)', tag: TAG, tx: Audit.tx.Get,
      params: z.strictObject({ accessId: accessIdSchema }), args: (p) => [p.accessId], access: { kind: 'operator', roles: ['auditor'] },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/access-log',
      operationId: 'myAccessLog',
      summary: "The citizen's own access log: accesses and lookups; entries under a running sealing order are withheld (counted, with release dates)",
      tag: TAG,
      access: { kind: 'citizen' },
      query: pageQuerySchema,
      responses: [{ status: 200, description: 'A page of audit entries about the caller', schema: withReceiptLinkSchema(citizenLogSchema) }],
      handler: async (ctx) => {
        if (ctx.principal.kind !== 'citizen') throw new ApiError(403, 'FORBIDDEN_ROLE', 'this resource is for citizens');
        const log = call(Audit.tx.ListBySubject, [ctx.principal.subject, 'citizen', ctx.query.pageSize, ctx.query.bookmark]);
        return { status: 200, headers: { 'Cache-Control': 'no-store' }, body: withReceiptLinks(await ctx.services.records.read(ctx.principal, log)) };
      },
    }),
    submitRoute({
      path: '/api/v1/sealing-orders', operationId: 'issueSealingOrder', tag: TAG, tx: Audit.tx.IssueSealingOrder,
      roles: ['investigator'],
      summary: 'Issue (or, with extendsOrderId, extend) a sealing order: accesses of one org for one case about one subject are withheld from the subject until endsAt (at most one year)',
      description: 'Investigators of the orgs the governance config lets seal only. An access is sealed by citing the order (sealingOrderId); an order never seals an access by its own issuer.',
    }),
    submitRoute({
      path: '/api/v1/sealing-orders/{orderId}/end', operationId: 'endSealingOrder', tag: TAG, tx: Audit.tx.EndSealingOrder,
      pathFields: { orderId: 'orderId' }, roles: ['investigator'],
      summary: 'End a sealing order early (its issuer only); the accesses citing it appear in the subject\'s log at once',
    }),
    readRoute({
      path: '/api/v1/sealing-orders/{orderId}', operationId: 'getSealingOrder', summary: 'A sealing order and where it stands (investigators of the issuing org, auditors of it and of the governance org)',
      tag: TAG, tx: Audit.tx.GetSealingOrder, params: z.strictObject({ orderId: sealingOrderIdSchema }), args: (p) => [p.orderId],
      access: { kind: 'operator', roles: ['investigator', 'auditor'] },
    }),
  ];
}
