import type { RequestHandler, Router } from 'express';
import type { Services } from '../services/services';
import { checkAccess } from './access';
import { principalOf } from './authenticate';
import { prefersAsync, requireIdempotencyKey } from './idempotency';
import { expressPath, type RouteSpec } from './route-spec';
import { validatePart } from './validation';
import { ApiError } from '../errors/api-error';
import { z } from 'zod';

/** Body schema of a POST that takes no input: an empty object, unknown fields rejected. */
const EMPTY_BODY = z.strictObject({});

/** Middleware run before a non-public route's handler (authentication, then rate limiting). */
export interface RouteGuards {
  authenticate: RequestHandler;
  rateLimit: RequestHandler;
  /** A separate per-operator limiter for a route that sets `ownRateLimit`. */
  ownLimit?: (routeName: string) => RequestHandler;
}

/**
 * Mounts declarative routes: authenticate -> rate limit -> Idempotency-Key (POST) -> validate path, query
 * and body -> access rule -> handler. Validation happens before anything reaches Fabric.
 */
export function mountRoutes(router: Router, routes: readonly RouteSpec[], guards: RouteGuards, services: Services): void {
  for (const route of routes) {
    const chain: RequestHandler[] = [guards.authenticate, guards.rateLimit];
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
      const result = await route.handler({
        principal,
        params,
        query,
        body,
        idempotencyKey,
        respondAsync: route.asyncCapable === true && prefersAsync(req.get('prefer')),
        services,
      });
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      res.status(result.status).json(result.body);
    });
    router[route.method](expressPath(route.path), ...chain);
  }
}
