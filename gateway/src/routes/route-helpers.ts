import { z } from 'zod';
import { bookmarkSchema, pageSizeSchema } from '@govchain/chaincode';
import type { OperatorRole, Principal } from '../auth/principal';
import { ApiError } from '../errors/api-error';
import type { ContractName } from '../fabric/ledger';
import type { RouteAccess, RouteSpec, ResponseSpec } from '../http/route-spec';
import { defineRoute } from '../http/route-spec';
import { writeResult } from '../http/write-result';
import { committedSchema, submittedSchema } from '../openapi/common-schemas';
import { withReceiptLinks } from './receipt-links';

/** Query of paginated reads: pageSize 1..100 (default 20) and the opaque bookmark of the previous page. */
export const pageQuerySchema = z.strictObject({
  pageSize: pageSizeSchema.default(20),
  bookmark: bookmarkSchema.default(''),
});

/** Generic JSON record as the chaincode returns it. */
export const recordSchema = z.record(z.string(), z.unknown()).openapi('Record');
/** A page of records. */
export const pageSchema = z.object({ records: z.array(z.unknown()), bookmark: z.string(), fetched: z.number().int() }).openapi('Page');

/** Responses of a write route. */
export const WRITE_RESPONSES: ResponseSpec[] = [
  { status: 201, description: 'Committed: txId, blockNumber and the chaincode result', schema: committedSchema },
  { status: 202, description: 'Accepted for ordering (Prefer: respond-async); poll the transaction URL', schema: submittedSchema },
];

type ObjectSchema = z.ZodObject;

/** Options of a write route that submits one JSON input to a chaincode transaction. */
export interface SubmitRouteOptions {
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  contract: ContractName;
  transaction: string;
  /** The chaincode's own input schema (the single definition). */
  input: ObjectSchema;
  /** Path parameter -> input field it fills, e.g. { parcel: 'parcelNumber' }. */
  pathFields?: Record<string, string>;
  roles?: readonly OperatorRole[];
  description?: string;
}

/**
 * A POST route whose body is the chaincode input minus the fields taken from the path. The merged input is
 * validated against the full chaincode schema before anything reaches Fabric, then submitted as one JSON arg.
 */
export function submitRoute(o: SubmitRouteOptions): RouteSpec {
  const pathFields = o.pathFields ?? {};
  const shape = o.input.shape as Record<string, z.ZodType>;
  const omitted = Object.fromEntries(Object.values(pathFields).map((f) => [f, true] as const));
  const body = (Object.keys(omitted).length > 0 ? o.input.omit(omitted as never) : o.input) as ObjectSchema;
  const params =
    Object.keys(pathFields).length > 0
      ? z.strictObject(Object.fromEntries(Object.entries(pathFields).map(([param, field]) => [param, shape[field] ?? z.string()])))
      : undefined;
  const access: RouteAccess = { kind: 'operator', ...(o.roles ? { roles: o.roles } : {}) };
  return defineRoute({
    method: 'post',
    path: o.path,
    operationId: o.operationId,
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    tag: o.tag,
    access,
    ...(params ? { params } : {}),
    body,
    asyncCapable: true,
    responses: WRITE_RESPONSES,
    handler: async (ctx) => {
      const merged: Record<string, unknown> = { ...(ctx.body as Record<string, unknown>) };
      for (const [param, field] of Object.entries(pathFields)) merged[field] = (ctx.params as Record<string, unknown>)[param];
      const input = parseInput(o.input, merged);
      const outcome = await ctx.services.records.write(
        ctx.principal,
        { contract: o.contract, transaction: o.transaction, args: [JSON.stringify(input)] },
        { idempotencyKey: ctx.idempotencyKey, respondAsync: ctx.respondAsync },
      );
      return writeResult(outcome);
    },
  });
}

/** Validates a merged input against the chaincode schema (400 INVALID_ARGUMENT on failure). */
export function parseInput(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ in: 'body', path: i.path.map(String).join('.'), message: i.message }));
  throw new ApiError(400, 'INVALID_ARGUMENT', 'invalid body', { issues });
}

/** Options of a read route that evaluates one chaincode query. */
export interface ReadRouteOptions<P, Q> {
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  contract: ContractName;
  transaction: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  args: (params: P, query: Q, principal: Principal) => string[];
  access?: RouteAccess;
  paged?: boolean;
  description?: string;
}

/** A GET route that evaluates a chaincode query and returns its JSON. */
export function readRoute<P, Q>(o: ReadRouteOptions<P, Q>): RouteSpec {
  return defineRoute<P, Q, undefined>({
    method: 'get',
    path: o.path,
    operationId: o.operationId,
    summary: o.summary,
    ...(o.description ? { description: o.description } : {}),
    tag: o.tag,
    access: o.access ?? { kind: 'operator' },
    ...(o.params ? { params: o.params } : {}),
    ...(o.query ? { query: o.query } : {}),
    responses: [{ status: 200, description: 'OK', schema: o.paged ? pageSchema : recordSchema }],
    handler: async (ctx) => ({
      status: 200,
      body: withReceiptLinks(await ctx.services.records.read(ctx.principal, { contract: o.contract, transaction: o.transaction, args: o.args(ctx.params, ctx.query, ctx.principal) })),
    }),
  });
}

/** The subject key of a citizen principal ('' for operators, whose routes never call this). */
export function citizenSubject(p: Principal): string {
  return p.kind === 'citizen' ? p.subject : '';
}
