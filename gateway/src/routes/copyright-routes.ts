import { z } from 'zod';
import { sha256HexSchema } from '@govchain/chaincode';
import { Copyright, depositIdSchema } from '@govchain/chaincode';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { call } from '../fabric/call';
import { readRoute, routeTable } from './route-helpers';

const TAG = 'Copyrights';
const idParams = z.strictObject({ id: depositIdSchema });

/** The evidence certificate with the block number from the ledger. */
export const certificateSchema = z
  .object({
    depositId: z.string(),
    contentHash: z.string(),
    hashAlgorithm: z.literal('SHA-256'),
    txId: z.string(),
    blockNumber: z.number().int(),
    validationCode: z.string(),
    timestamp: z.string(),
    depositorMsp: z.string(),
    operatorId: z.string(),
  })
  .openapi('EvidenceCertificate');

/** Copyright deposits (hash only), evidence certificates, transfers and licences. */
export function copyrightRoutes(): RouteSpec[] {
  const routes = routeTable(TAG);
  const deposit = routes.resource('/api/v1/copyrights/{id}', 'id', depositIdSchema, 'depositId');
  return [
    routes.submit('/api/v1/copyrights', 'depositWork', 'Deposit a work (its SHA-256 and metadata; never the file)', Copyright.tx.Deposit),
    readRoute({
      path: '/api/v1/copyrights', operationId: 'verifyWork', summary: 'Find the deposit of a SHA-256 (a verifier recomputes the hash of the file)', tag: TAG,
      tx: Copyright.tx.Verify, query: z.strictObject({ hash: sha256HexSchema }), args: (_p, q) => [q.hash],
    }),
    deposit.record('', 'getDeposit', 'Read a deposit', Copyright.tx.GetRecord, 'deposit'),
    deposit.history('/history', 'depositHistory', 'Versions of a deposit, newest first', Copyright.tx.History, 'deposit'),
    defineRoute({
      method: 'get',
      path: '/api/v1/copyrights/{id}/certificate',
      operationId: 'depositCertificate',
      summary: 'Evidence certificate: deposit id, hash, tx id, block number (from the ledger), timestamp, depositor',
      tag: TAG,
      access: { kind: 'operator' },
      params: idParams,
      responses: [{ status: 200, description: 'The certificate', schema: certificateSchema }],
      handler: async (ctx) => {
        const deposit = (await ctx.services.records.read(ctx.principal, call(Copyright.tx.GetRecord, ['deposit', ctx.params.id]))) as {
          certificate: { depositId: string; contentHash: string; txId: string; timestamp: string; depositorMsp: string; operatorId: string };
        };
        const c = deposit.certificate;
        const tx = await ctx.services.transactions.get(ctx.principal, c.txId);
        return {
          status: 200,
          body: { ...c, hashAlgorithm: 'SHA-256', blockNumber: tx.blockNumber, validationCode: tx.validationCode },
        };
      },
    }),
    deposit.submit('/transfers', 'transferCopyright', 'Record an assignment of the economic rights', Copyright.tx.RecordTransfer),
    deposit.page('/transfers', 'listCopyrightTransfers', 'Transfers of a deposit', Copyright.tx.ListTransfers),
    deposit.submit('/licences', 'licenceCopyright', 'Record a licence on a deposited work', Copyright.tx.RecordLicence),
    deposit.page('/licences', 'listLicences', 'Licences of a deposit', Copyright.tx.ListLicences),
    routes.mine('/api/v1/me/copyrights', 'myCopyrights', 'Works the citizen authored or holds (or held)', Copyright.tx.ListByPerson),
  ];
}
