import type { RequestHandler, Router } from 'express';
import type { Services } from '../services/services';
import { checkAccess } from './access';
import { principalOf } from './authenticate';
import { prefersAsync, requireIdempotencyKey } from './idempotency';
import { expressPath, type RouteSpec } from './route-spec';
import { validatePart } from './validation';
import { ApiError } from '../errors/api-error';
import { prefersClientSigning, SIGNING_CERTIFICATE_HEADER, withClientSigner } from '../services/client-signing';
import { z } from 'zod';

/** Body schema of a POST that takes no input: an empty object, unknown fields rejected. */
const EMPTY_BODY = z.strictObject({});

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
      const body = route.method === 'post' ? validatePart(route.body ?? EMPTY_BODY, req.body ?? {}, 'body') : undefined;
      const principal = principalOf(res);
      checkAccess(route.access, principal, { params, query });
      const ctx = { principal, params, query, body, idempotencyKey, respondAsync: route.asyncCapable === true && prefersAsync(req.get('prefer')), services };
      const clientSigns = principal.kind === 'operator' && !route.unenrolled && !route.continuesSigning && prefersClientSigning(req.get('prefer'));
      const result = clientSigns
        ? await services.signing.start(principal, services.signing.certificateFor(principal, req.get(SIGNING_CERTIFICATE_HEADER)), idempotencyKey, (signer) =>
          route.handler({ ...ctx, principal: withClientSigner(principal, signer) }))
        : await route.handler(ctx);
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      res.status(result.status).json(result.body);
    });
    router[route.method](expressPath(route.path), ...chain);
  }
}
