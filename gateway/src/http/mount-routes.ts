import type { Request, RequestHandler, Response, Router } from 'express';
import type { Principal } from '../auth/principal';
import type { Services } from '../services/services';
import { checkAccess } from './access';
import { principalOf } from './authenticate';
import { prefersAsync, requireIdempotencyKey } from './idempotency';
import { expressPath, type HandlerResult, type InputSpec, type RouteSpec } from './route-spec';
import { validatePart } from './validation';
import { ApiError } from '../errors/api-error';
import { prefersClientSigning, SIGNING_CERTIFICATE_HEADER, withClientSigner } from '../services/client-signing';
import { z } from 'zod';

/**
 * Runs a handler as the principal or, when an operator's request states `Prefer: sign=client` (and `mayClientSign`),
 * in a signing session: each chaincode call is signed by the operator's own client, step by step (202 answers).
 */
export async function runSigned(
  req: Request, services: Services, principal: Principal, idempotencyKey: string, mayClientSign: boolean, run: (principal: Principal) => Promise<HandlerResult>,
): Promise<HandlerResult> {
  if (!(mayClientSign && principal.kind === 'operator' && prefersClientSigning(req.get('prefer')))) return run(principal);
  const certificate = services.signing.certificateFor(principal, req.get(SIGNING_CERTIFICATE_HEADER));
  return services.signing.start(principal, certificate, idempotencyKey, (signer) => run(withClientSigner(principal, signer)));
}

/** Sends a handler's result: its headers, then its JSON body or its raw bytes. */
export function sendResult(res: Response, result: HandlerResult): void {
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
  res.status(result.status);
  if (result.raw) res.type(result.raw.contentType).send(result.raw.bytes);
  else res.json(result.body);
}

/** Body schema of a POST that takes no input: an empty object, unknown fields rejected. */
const EMPTY_BODY = z.strictObject({});

/**
 * Validates a route's merged input once (path fields from the validated path, the rest from the body) against the
 * transaction's own schema. A body that carries a path field is refused as an unknown field, as a body schema would.
 */
export function validateInput(spec: InputSpec, params: Record<string, unknown>, raw: unknown): Record<string, unknown> {
  const body = raw ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) return validatePart(spec.schema, body, 'body') as Record<string, unknown>;
  const { action, ...rest } = body as Record<string, unknown>;
  const fields = spec.actions ? rest : (body as Record<string, unknown>);
  const misplaced = Object.keys(fields).filter((k) => Object.values(spec.pathFields).includes(k));
  if (misplaced.length > 0) {
    throw new ApiError(400, 'INVALID_ARGUMENT', 'invalid body', { issues: [{ in: 'body', path: '', message: `unknown field(s): ${misplaced.join(', ')}` }] });
  }
  const merged = { ...fields, ...Object.fromEntries(Object.entries(spec.pathFields).map(([param, field]) => [field, params[param]])) };
  const chosen = spec.actions ? validatePart(z.object({ action: z.enum(spec.actions) }), { action }, 'body') : {};
  return { ...(validatePart(spec.schema, merged, 'body') as Record<string, unknown>), ...chosen };
}

/** Middleware run before a non-public route's handler (authentication, then rate limiting). */
export interface RouteGuards {
  authenticate: RequestHandler;
  rateLimit: RequestHandler;
  /** A separate per-operator limiter for a route that sets `ownRateLimit`. */
  ownLimit?: (routeName: string) => RequestHandler;
  /** Authentication of a route that sets `unenrolled` (token only, no certificate yet). */
  authenticateUnenrolled?: RequestHandler;
}

/**
 * Mounts declarative routes: authenticate -> rate limit -> Idempotency-Key (POST) -> validate path, query
 * and body -> access rule -> handler. Validation happens before anything reaches Fabric. An operator's request
 * with `Prefer: sign=client` runs its handler in a signing session: the chaincode calls are signed by the
 * operator's own client, step by step (202 responses), until the handler's own response.
 */
export function mountRoutes(router: Router, routes: readonly RouteSpec[], guards: RouteGuards, services: Services): void {
  for (const route of routes) {
    const authenticate = route.unenrolled ? guards.authenticateUnenrolled : guards.authenticate;
    if (!authenticate) throw new Error(`route ${route.operationId} needs the unenrolled-operator authentication`);
    const chain: RequestHandler[] = [authenticate, guards.rateLimit];
    if (route.ownRateLimit && guards.ownLimit) chain.push(guards.ownLimit(route.operationId));
    chain.push(async (req, res) => {
      const idempotencyKey = route.method === 'post' ? requireIdempotencyKey(req.headers['idempotency-key']) : '';
      if (route.method === 'post' && route.body && req.headers['content-length'] !== '0' && req.is('application/json') === false) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
      }
      const params = validatePart(route.params, req.params, 'path') as Record<string, unknown>;
      const query = validatePart(route.query, req.query, 'query') as Record<string, unknown>;
      const body = route.method !== 'post' ? undefined : route.input ? validateInput(route.input, params, req.body) : validatePart(route.body ?? EMPTY_BODY, req.body ?? {}, 'body');
      const principal = principalOf(res);
      checkAccess(route.access, principal, { params, query });
      const ctx = { principal, params, query, body, idempotencyKey, respondAsync: route.asyncCapable === true && prefersAsync(req.get('prefer')), services };
      const signs = !route.unenrolled && !route.continuesSigning;
      const result = await runSigned(req, services, principal, idempotencyKey, signs, (p) => route.handler({ ...ctx, principal: p }));
      sendResult(res, result);
    });
    router[route.method](expressPath(route.path), ...chain);
  }
}
