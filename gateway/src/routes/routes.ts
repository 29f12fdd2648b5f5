import type { RouteSpec } from '../http/route-spec';

/** Every JSON API route (v1), in documentation order. */
export function apiRoutes(): RouteSpec[] {
  return [];
}
