import { z } from 'zod';
import { bookmarkSchema, pageSizeSchema, subjectKeySchema, type ArgsOf, type ContractName, type PAGE_PARAMS, type Param, type TxSpec } from '@govchain/chaincode';
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

/** The query of a paginated read, parsed. */
type PageQuery = z.output<typeof pageQuerySchema>;

/** A paginated query whose one leading argument is a string: a parent id or a subject key. */
export type PagedTx = ReadTx & { params: readonly [Param<string, z.ZodType<string>, 'text'>, ...typeof PAGE_PARAMS] };

/** A query of one record, named by one string argument. */
export type GetTx = ReadTx & { params: readonly [Param<string, z.ZodType<string>, 'text'>] };

/** A query of one record of a family with several record kinds: (kind, id). */
export type RecordTx<K extends string> = ReadTx & { params: readonly [Param<string, z.ZodType<K>, 'text'>, Param<string, z.ZodType<string>, 'text'>] };

/** The history of a record of a family with several record kinds: (kind, id, page size, bookmark). */
export type KindHistoryTx<K extends string> = ReadTx & {
  params: readonly [Param<string, z.ZodType<K>, 'text'>, Param<string, z.ZodType<string>, 'text'>, ...typeof PAGE_PARAMS];
};

/** Refuses, at compile time, a transaction whose input lacks the field a path parameter fills. */
type HasField<I extends ObjectSchema, F extends string> = F extends keyof z.output<I> ? unknown : { readonly missingPathField: F };

/** Options of a table row beyond its path, operation id, summary and transaction. */
export interface RowOptions {
  roles?: readonly OperatorRole[];
  description?: string;
}

/**
 * The routes of one resource named by a path parameter, e.g. `/api/v1/properties/{parcel}`: every row's path
 * extends the resource's, its parameter is validated by one schema and, on writes, fills one input field.
 */
export interface ResourceRoutes<F extends string> {
  /** A write whose input field `F` comes from the path parameter. */
  submit<I extends ObjectSchema>(sub: string, operationId: string, summary: string, tx: InputTx<I> & HasField<I, F>, more?: RowOptions): RouteSpec;
  /** A read of the resource by its id: (id). */
  get(sub: string, operationId: string, summary: string, tx: GetTx): RouteSpec;
  /** A read of the resource by kind and id: (kind, id). */
  record<K extends string>(sub: string, operationId: string, summary: string, tx: RecordTx<K>, kind: NoInfer<K>): RouteSpec;
  /** A page of the resource's versions: (id, page). */
  history(sub: string, operationId: string, summary: string, tx: PagedTx): RouteSpec;
  /** A page of the versions of the resource of one kind: (kind, id, page). */
  history<K extends string>(sub: string, operationId: string, summary: string, tx: KindHistoryTx<K>, kind: NoInfer<K>): RouteSpec;
  /** A page of the resource's children: (id, page). */
  page(sub: string, operationId: string, summary: string, tx: PagedTx): RouteSpec;
}

/**
 * A declarative route table of one OpenAPI tag: each row is (path, operation id, summary, transaction), and the
 * rows of a resource share its path parameter. The rows build the same routes as `submitRoute` and `readRoute`.
 */
export interface RouteTable {
  /** A write of one JSON input. */
  submit<I extends ObjectSchema>(path: string, operationId: string, summary: string, tx: InputTx<I>, more?: RowOptions): RouteSpec;
  /** A page of the records whose leading argument is the query field `field` (a subject key). */
  pageBy<F extends string>(path: string, operationId: string, summary: string, tx: PagedTx, field: F): RouteSpec;
  /** A page of the calling citizen's own records (the leading argument is the citizen's subject key). */
  mine(path: string, operationId: string, summary: string, tx: PagedTx): RouteSpec;
  /** The rows of the resource at `path`, whose parameter `param` (schema `schema`) fills the input field `field`. */
  resource<const F extends string>(path: string, param: string, schema: z.ZodType<string>, field: F): ResourceRoutes<F>;
}

/** Builds the route table of one OpenAPI tag (see `RouteTable`). */
export function routeTable(tag: string): RouteTable {
  const page = (id: string, q: PageQuery) => [id, q.pageSize, q.bookmark] as const;
  return {
    submit: (path, operationId, summary, tx, more) => submitRoute({ path, operationId, summary, tag, tx, ...more }),
    pageBy: <F extends string>(path: string, operationId: string, summary: string, tx: PagedTx, field: F) => {
      // zod types a computed key as an index signature; the schema's output is the page query plus that field.
      const query = pageQuerySchema.extend({ [field]: subjectKeySchema }).strict() as unknown as z.ZodType<PageQuery & Record<F, string>>;
      return readRoute({ path, operationId, summary, tag, tx, query, args: (_p, q) => page(q[field], q) as ArgsOf<PagedTx> });
    },
    mine: (path, operationId, summary, tx) =>
      readRoute({
        path, operationId, summary, tag, tx, query: pageQuerySchema, access: { kind: 'citizen' },
        args: (_p, q, principal) => page(citizenSubject(principal), q) as ArgsOf<PagedTx>,
      }),
    resource: <const F extends string>(base: string, param: string, schema: z.ZodType<string>, field: F): ResourceRoutes<F> => {
      const params = z.strictObject({ [param]: schema });
      const id = (p: Record<string, string>) => p[param] as string;
      // The row types (GetTx, RecordTx, PagedTx, KindHistoryTx) fix each query's argument shape; the casts below only
      // erase readRoute's and submitRoute's per-transaction type parameters, which a shared builder cannot name.
      const read = (sub: string, operationId: string, summary: string, tx: ReadTx, query: z.ZodType<PageQuery> | undefined, args: (p: Record<string, string>, q: PageQuery) => readonly unknown[]) =>
        readRoute({ path: `${base}${sub}`, operationId, summary, tag, tx, params, ...(query ? { query } : {}), args: args as never });
      return {
        submit: (sub, operationId, summary, tx, more) =>
          submitRoute({ path: `${base}${sub}`, operationId, summary, tag, tx, pathFields: { [param]: field } as never, ...more }),
        get: (sub, operationId, summary, tx) => read(sub, operationId, summary, tx, undefined, (p) => [id(p)]),
        record: (sub, operationId, summary, tx, kind) => read(sub, operationId, summary, tx, undefined, (p) => [kind, id(p)]),
        history: (sub: string, operationId: string, summary: string, tx: ReadTx, kind?: string) =>
          read(sub, operationId, summary, tx, pageQuerySchema, (p, q) => (kind === undefined ? page(id(p), q) : [kind, ...page(id(p), q)])),
        page: (sub, operationId, summary, tx) => read(sub, operationId, summary, tx, pageQuerySchema, (p, q) => page(id(p), q)),
      };
    },
  };
}
