import type { z } from 'zod';
import type { OperatorRole, Principal } from '../auth/principal';
import type { Services } from '../services/services';

/** Who may call a route. */
export type RouteAccess =
  /** Department operators (optionally only some roles). */
  | { kind: 'operator'; roles?: readonly OperatorRole[] }
  /** Operators, and citizens for their own subject only (`subjectOf` names the subject the request concerns). */
  | { kind: 'operatorOrCitizen'; roles?: readonly OperatorRole[]; subjectOf: (input: { params: Record<string, unknown>; query: Record<string, unknown> }) => string | undefined }
  /** Citizens only (their own data). */
  | { kind: 'citizen' };

/** What a handler gets: the validated inputs and the caller. */
export interface HandlerContext<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** `Idempotency-Key` (required on every POST), used as the chaincode requestId. */
  idempotencyKey: string;
  /** True when the client sent `Prefer: respond-async`. */
  respondAsync: boolean;
  services: Services;
}

/** What a handler returns; the HTTP layer serialises it. */
export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (a receipt's canonical text, a PDF): sent as these bytes instead of `body`. */
  raw?: { contentType: string; bytes: Buffer | string };
}

/** One documented response of a route. */
/** See {@link RouteSpec.input}. */
export interface InputSpec {
  schema: z.ZodType;
  /** Path parameter -> input field it fills. */
  pathFields: Readonly<Record<string, string>>;
  actions?: readonly [string, ...string[]];
}

export interface ResponseSpec {
  status: number;
  description: string;
  schema?: z.ZodType;
}

/**
 * Declarative description of one JSON route: used both to mount the Express handler and to
 * generate the OpenAPI document, so the two cannot drift apart.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post';
  /** OpenAPI path template, e.g. /api/v1/identities/{subject}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Writes accept `Prefer: respond-async` (202 + transaction URL). */
  asyncCapable?: boolean;
  /** The route has its own per-operator rate limit (identity lookups), besides the general one. */
  ownRateLimit?: boolean;
  /**
   * A POST whose body is a transaction input minus the fields its path carries: the full input schema, the path
   * parameter filling each such field, and the `action` values when the body also names one. The request is then
   * validated once, as the merged input against this schema (`body` only documents it); the handler gets that input
   * (with `action`). The chaincode validates it again: it trusts nobody.
   */
  input?: InputSpec;
  /** Enrolment: the operator authenticates by token but has no certificate yet; no client signing. */
  unenrolled?: boolean;
  /** A signing-session step: continues a client-signed request (with that request's Idempotency-Key); not itself client-signed. */
  continuesSigning?: boolean;
  responses: ResponseSpec[];
  handler: (ctx: HandlerContext<P, Q, B>) => Promise<HandlerResult>;
}

/** Identity function that keeps the generic types of a route while erasing them for the route table. */
export function defineRoute<P, Q, B>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** Express path for an OpenAPI template: {id} -> :id. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}
