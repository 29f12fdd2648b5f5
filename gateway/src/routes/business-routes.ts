import { z } from 'zod';
import { subjectKeySchema } from '@govchain/chaincode';
import { amendBusinessSchema, businessStatusChangeSchema, registerBusinessSchema, usccSchema } from '@govchain/chaincode';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { writeResult } from '../http/write-result';
import { citizenSubject, pageQuerySchema, parseInput, readRoute, submitRoute, WRITE_RESPONSES } from './route-helpers';

const TAG = 'Businesses';
const codeParams = z.strictObject({ code: usccSchema });

/** Business status actions -> chaincode transactions. */
export const BUSINESS_STATUS_ACTIONS = { suspend: 'Suspend', reinstate: 'Reinstate', deregister: 'Deregister' } as const;

/** POST /businesses/{code}/status body. */
export const businessStatusBodySchema = businessStatusChangeSchema
  .omit({ code: true })
  .extend({ action: z.enum(Object.keys(BUSINESS_STATUS_ACTIONS) as [keyof typeof BUSINESS_STATUS_ACTIONS]) })
  .strict();

/** Businesses registered by unified social credit code. */
export function businessRoutes(): RouteSpec[] {
  return [
    submitRoute({ path: '/api/v1/businesses', operationId: 'registerBusiness', summary: 'Register a business', tag: TAG, contract: 'Business', transaction: 'Register', input: registerBusinessSchema }),
    readRoute({
      path: '/api/v1/businesses', operationId: 'listBusinesses', summary: 'Businesses of a legal representative', tag: TAG, contract: 'Business',
      transaction: 'ListByLegalRepresentative', paged: true, query: pageQuerySchema.extend({ legalRepresentative: subjectKeySchema }).strict(),
      args: (_p, q) => [q.legalRepresentative, String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/businesses/{code}', operationId: 'getBusiness', summary: 'Read a business', tag: TAG, contract: 'Business', transaction: 'Get',
      params: codeParams, args: (p) => [p.code],
    }),
    readRoute({
      path: '/api/v1/businesses/{code}/history', operationId: 'businessHistory', summary: 'Versions of a business, newest first', tag: TAG, contract: 'Business',
      transaction: 'History', params: codeParams, query: pageQuerySchema, paged: true, args: (p, q) => [p.code, String(q.pageSize), q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/businesses/{code}/amendments', operationId: 'amendBusiness', summary: 'Amend a business', tag: TAG, contract: 'Business', transaction: 'Amend',
      input: amendBusinessSchema, pathFields: { code: 'code' },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/businesses/{code}/status',
      operationId: 'changeBusinessStatus',
      summary: 'Suspend, reinstate or deregister a business',
      tag: TAG,
      access: { kind: 'operator' },
      params: codeParams,
      body: businessStatusBodySchema,
      asyncCapable: true,
      responses: WRITE_RESPONSES,
      handler: async (ctx) => {
        const { action, ...rest } = ctx.body;
        const input = parseInput(businessStatusChangeSchema, { ...rest, code: ctx.params.code });
        return writeResult(await ctx.services.records.write(ctx.principal, { contract: 'Business', transaction: BUSINESS_STATUS_ACTIONS[action], args: [JSON.stringify(input)] }, ctx));
      },
    }),
    readRoute({
      path: '/api/v1/me/businesses', operationId: 'myBusinesses', summary: 'Businesses the citizen legally represents', tag: TAG, contract: 'Business',
      transaction: 'ListByLegalRepresentative', paged: true, query: pageQuerySchema, access: { kind: 'citizen' },
      args: (_p, q, principal) => [citizenSubject(principal), String(q.pageSize), q.bookmark],
    }),
  ];
}
