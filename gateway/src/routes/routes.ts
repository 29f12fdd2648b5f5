import type { RouteSpec } from '../http/route-spec';
import { auditInsightRoutes } from './audit-insight-routes';
import { auditRoutes } from './audit-routes';
import { businessRoutes } from './business-routes';
import { copyrightRoutes } from './copyright-routes';
import { governanceRoutes } from './governance-routes';
import { identityRoutes } from './identity-routes';
import { propertyRoutes } from './property-routes';
import { sessionRoutes } from './session-routes';
import { transactionRoutes } from './transaction-routes';
import { enrolRoutes } from './enrol-routes';
import { signingRoutes } from './signing-routes';

/** Every JSON API route (v1), in documentation order. */
export function apiRoutes(): RouteSpec[] {
  return [
    ...identityRoutes(),
    ...propertyRoutes(),
    ...businessRoutes(),
    ...copyrightRoutes(),
    // Before auditRoutes: /audit/search and /audit/activity would otherwise match /audit/{accessId}.
    ...auditInsightRoutes(),
    ...auditRoutes(),
    ...governanceRoutes(),
    ...transactionRoutes(),
    ...signingRoutes(),
    ...enrolRoutes(),
    ...sessionRoutes(),
  ];
}
