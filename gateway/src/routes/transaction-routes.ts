import { z } from 'zod';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { transactionSchema, txIdSchema } from '../openapi/common-schemas';

/** GET /api/v1/transactions/{txId}: validation code and block number from the ledger (qscc). */
export function transactionRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/transactions/{txId}',
      operationId: 'getTransaction',
      summary: 'Validation code and block number of a transaction (404 until it is committed)',
      tag: 'Transactions',
      access: { kind: 'operator' },
      params: z.strictObject({ txId: txIdSchema }),
      responses: [{ status: 200, description: 'The committed transaction', schema: transactionSchema }],
      handler: async (ctx) => ({ status: 200, body: await ctx.services.transactions.get(ctx.principal, ctx.params.txId) }),
    }),
  ];
}
