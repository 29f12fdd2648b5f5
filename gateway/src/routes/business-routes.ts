import { Business, usccSchema } from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { routeTable, submitRoute } from './route-helpers';

const TAG = 'Businesses';

/** Business status actions (POST /businesses/{code}/status body `action`) -> chaincode transactions. */
export const BUSINESS_STATUS_ACTIONS = { suspend: Business.tx.Suspend, reinstate: Business.tx.Reinstate, deregister: Business.tx.Deregister } as const;

/** Businesses registered by unified social credit code. */
export function businessRoutes(): RouteSpec[] {
  const routes = routeTable(TAG);
  const business = routes.resource('/api/v1/businesses/{code}', 'code', usccSchema, 'code');
  return [
    routes.submit('/api/v1/businesses', 'registerBusiness', 'Register a business', Business.tx.Register),
    routes.pageBy('/api/v1/businesses', 'listBusinesses', 'Businesses of a legal representative', Business.tx.ListByLegalRepresentative, 'legalRepresentative'),
    business.get('', 'getBusiness', 'Read a business', Business.tx.Get),
    business.history('/history', 'businessHistory', 'Versions of a business, newest first', Business.tx.History),
    business.submit('/amendments', 'amendBusiness', 'Amend a business', Business.tx.Amend),
    submitRoute({
      path: '/api/v1/businesses/{code}/status', operationId: 'changeBusinessStatus', summary: 'Suspend, reinstate or deregister a business', tag: TAG,
      actions: BUSINESS_STATUS_ACTIONS, pathFields: { code: 'code' },
    }),
    routes.mine('/api/v1/me/businesses', 'myBusinesses', 'Businesses the citizen legally represents', Business.tx.ListByLegalRepresentative),
  ];
}
