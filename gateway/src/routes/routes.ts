import type { RouteSpec } from '../http/route-spec';
import { governanceRoutes } from './governance-routes';
import { propertyRoutes } from './property-routes';
import { transactionRoutes } from './transaction-routes';

/** Every JSON API route (v1), in documentation order. */
export function apiRoutes(): RouteSpec[] {
  return [...propertyRoutes(), ...governanceRoutes(), ...transactionRoutes()];
}
