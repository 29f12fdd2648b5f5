import { z } from 'zod';
import { bookmarkSchema, pageSizeSchema, type ArgsOf, type ContractName, type Param, type TxSpec } from '@govchain/chaincode';
import type { OperatorRole, Principal } from '../auth/principal';
import type { RouteAccess, RouteSpec, ResponseSpec } from '../http/route-spec';
import { defineRoute } from '../http/route-spec';
import { writeResult } from '../http/write-result';
import { committedSchema, submittedSchema } from '../openapi/common-schemas';
import { call } from '../fabric/call';
import { withReceiptLinks, withReceiptLinkSchema } from './receipt-links';

/** Query of paginated reads: pageSize 1..100 (default 20) and the opaque bookmark of the previous page. */
export const pageQuerySchema = z.strictObject({
  pageSize: pageSizeSchema.default(20),
  bookmark: bookmarkSchema.default(''),
});


/** Responses of a write route. */
export const WRITE_RESPONSES: ResponseSpec[] = [
  { status: 201, description: 'Committed: txId, blockNumber and the chaincode result', schema: committedSchema },
  { status: 202, description: 'Accepted for ordering (Prefer: respond-async); poll the transaction URL', schema: submittedSchema },
];

type ObjectSchema = z.ZodObject;

/** A submitted transaction of the usual shape: (request id, one JSON input object). */
export type InputTx<I extends ObjectSchema = ObjectSchema> = TxSpec<ContractName, string, 'submit', readonly [Param<'input', I, 'json'>]>;
/** An evaluated transaction. */
export type ReadTx = TxSpec<ContractName, string, 'evaluate'>;

/**
 * The transaction a write route submits (from the API; its input schema is the single definition of the body),
 * or, for a route whose body names an `action`, the transaction of each action (all taking the same input).
 */
export type SubmitTarget<I extends ObjectSchema> =
  | { tx: InputTx<I>; actions?: undefined }
  | { actions: Readonly<Record<string, InputTx<I>>>; tx?: undefined };

/** Options of a write route that submits one JSON input to a chaincode transaction. */
export type SubmitRouteOptions<I extends ObjectSchema> = SubmitTarget<I> & {
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Path parameter -> input field it fills, e.g. { parcel: 'parcelNumber' }. */
  pathFields?: Record<string, keyof z.output<I> & string>;
  roles?: readonly OperatorRole[];
  description?: string;
};

/**
 * A POST route whose body is the chaincode input minus the fields taken from the path (plus `action` when the
 * route has actions). The merged input is validated against the full chaincode schema before anything reaches
 * Fabric, then submitted as one JSON argument.
 */
export function submitRoute<I extends ObjectSchema>(o: SubmitRouteOptions<I>): RouteSpec {
  const pathFields: Record<string, string> = o.pathFields ?? {};
  const txs = o.tx ? [o.tx] : Object.values(o.actions);
  const inputSchema = (txs[0] as InputTx<I>).params[0].schema;
  const shape = inputSchema.shape as Record<string, z.ZodType>;
  const omitted = Object.fromEntries(Object.values(pathFields).map((f) => [f, true] as const));
  // Rebuilt from the shape: an input schema with refinements cannot be narrowed itself (the refinements still run in parseInput).
  const fields = (Object.keys(omitted).length > 0 ? z.strictObject(shape).omit(omitted as never) : inputSchema) as ObjectSchema;
  const actions = o.actions ? (Object.keys(o.actions) as [string, ...string[]]) : undefined;
  const body = actions ? fields.extend({ action: z.enum(actions) }).strict() : fields;
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
    input: { schema: inputSchema, pathFields, ...(actions ? { actions } : {}) },
    asyncCapable: true,
    responses: WRITE_RESPONSES,
    handler: async (ctx) => {
      // Validated once by the mounted route as the merged input (RouteSpec.input).
      const { action, ...rest } = ctx.body as Record<string, unknown>;
      const input = actions ? rest : (ctx.body as Record<string, unknown>);
      const tx = o.tx ?? (o.actions[action as string] as InputTx<I>);
      const outcome = await ctx.services.records.write(ctx.principal, call(tx, [input] as ArgsOf<InputTx<I>>), {
        idempotencyKey: ctx.idempotencyKey,
        respondAsync: ctx.respondAsync,
      });
      return writeResult(outcome);
    },
  });
}

/** Options of a read route that evaluates one chaincode query. */
export interface ReadRouteOptions<S extends ReadTx, P, Q> {
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /**
   * The query (from the API); `args` must return the arguments it declares. A literal argument needs `as const`:
   * TypeScript widens literals returned by a callback whose type depends on a type parameter.
   */
  tx: S;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  args: (params: P, query: Q, principal: Principal) => ArgsOf<S>;
  access?: RouteAccess;
  description?: string;
}

/** A GET route that evaluates a chaincode query and returns its JSON. */
export function readRoute<S extends ReadTx, P, Q>(o: ReadRouteOptions<S, P, Q>): RouteSpec {
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
    responses: [{ status: 200, description: 'OK', schema: withReceiptLinkSchema(o.tx.result) }],
    handler: async (ctx) => ({
      status: 200,
      body: withReceiptLinks(await ctx.services.records.read(ctx.principal, call(o.tx, o.args(ctx.params, ctx.query, ctx.principal)))),
    }),
  });
}

/** The subject key of a citizen principal ('' for operators, whose routes never call this). */
export function citizenSubject(p: Principal): string {
  return p.kind === 'citizen' ? p.subject : '';
}
