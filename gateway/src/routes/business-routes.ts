import { z } from 'zod';
import { subjectKeySchema } from '@govchain/chaincode';
import { Business, usccSchema } from '@govchain/chaincode';
import type { RouteSpec } from '../http/route-spec';
import { citizenSubject, pageQuerySchema, readRoute, submitRoute } from './route-helpers';

const TAG = 'Businesses';
const codeParams = z.strictObject({ code: usccSchema });

/** Business status actions (POST /businesses/{code}/status body `action`) -> chaincode transactions. */
export const BUSINESS_STATUS_ACTIONS = { suspend: Business.tx.Suspend, reinstate: Business.tx.Reinstate, deregister: Business.tx.Deregister } as const;


/** Businesses registered by unified social credit code. */
export function businessRoutes(): RouteSpec[] {
  return [
    submitRoute({ path: '/api/v1/businesses', operationId: 'registerBusiness', summary: 'Register a business', tag: TAG, tx: Business.tx.Register }),
    readRoute({
      path: '/api/v1/businesses', operationId: 'listBusinesses', summary: 'Businesses of a legal representative', tag: TAG, tx: Business.tx.ListByLegalRepresentative, query: pageQuerySchema.extend({ legalRepresentative: subjectKeySchema }).strict(),
      args: (_p, q) => [q.legalRepresentative, q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/businesses/{code}', operationId: 'getBusiness', summary: 'Read a business', tag: TAG, tx: Business.tx.Get,
      params: codeParams, args: (p) => [p.code],
    }),
    readRoute({
      path: '/api/v1/businesses/{code}/history', operationId: 'businessHistory', summary: 'Versions of a business, newest first', tag: TAG, tx: Business.tx.History, params: codeParams, query: pageQuerySchema, args: (p, q) => [p.code, q.pageSize, q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/businesses/{code}/amendments', operationId: 'amendBusiness', summary: 'Amend a business', tag: TAG, tx: Business.tx.Amend, pathFields: { code: 'code' },
    }),
    submitRoute({
      path: '/api/v1/businesses/{code}/status', operationId: 'changeBusinessStatus', summary: 'Suspend, reinstate or deregister a business', tag: TAG,
      actions: BUSINESS_STATUS_ACTIONS, pathFields: { code: 'code' },
    }),
    readRoute({
      path: '/api/v1/me/businesses', operationId: 'myBusinesses', summary: 'Businesses the citizen legally represents', tag: TAG, tx: Business.tx.ListByLegalRepresentative, query: pageQuerySchema, access: { kind: 'citizen' },
      args: (_p, q, principal) => [citizenSubject(principal), q.pageSize, q.bookmark],
    }),
  ];
}
