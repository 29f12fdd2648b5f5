import { z } from 'zod';
import { sha256HexSchema } from '@govchain/chaincode';
import { Copyright, depositIdSchema } from '@govchain/chaincode';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { call } from '../fabric/call';
import { citizenSubject, pageQuerySchema, readRoute, submitRoute } from './route-helpers';

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
  return [
    submitRoute({
      path: '/api/v1/copyrights', operationId: 'depositWork', summary: 'Deposit a work (its SHA-256 and metadata; never the file)', tag: TAG,
      tx: Copyright.tx.Deposit,
    }),
    readRoute({
      path: '/api/v1/copyrights', operationId: 'verifyWork', summary: 'Find the deposit of a SHA-256 (a verifier recomputes the hash of the file)', tag: TAG,
      tx: Copyright.tx.Verify, query: z.strictObject({ hash: sha256HexSchema }), args: (_p, q) => [q.hash],
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}', operationId: 'getDeposit', summary: 'Read a deposit', tag: TAG, tx: Copyright.tx.GetRecord,
      params: idParams, args: (p) => ['deposit' as const, p.id],
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}/history', operationId: 'depositHistory', summary: 'Versions of a deposit, newest first', tag: TAG, tx: Copyright.tx.History, params: idParams, query: pageQuerySchema, args: (p, q) => ['deposit' as const, p.id, q.pageSize, q.bookmark],
    }),
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
    submitRoute({
      path: '/api/v1/copyrights/{id}/transfers', operationId: 'transferCopyright', summary: 'Record an assignment of the economic rights', tag: TAG,
      tx: Copyright.tx.RecordTransfer, pathFields: { id: 'depositId' },
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}/transfers', operationId: 'listCopyrightTransfers', summary: 'Transfers of a deposit', tag: TAG, tx: Copyright.tx.ListTransfers, params: idParams, query: pageQuerySchema, args: (p, q) => [p.id, q.pageSize, q.bookmark],
    }),
    submitRoute({
      path: '/api/v1/copyrights/{id}/licences', operationId: 'licenceCopyright', summary: 'Record a licence on a deposited work', tag: TAG,
      tx: Copyright.tx.RecordLicence, pathFields: { id: 'depositId' },
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}/licences', operationId: 'listLicences', summary: 'Licences of a deposit', tag: TAG, tx: Copyright.tx.ListLicences, params: idParams, query: pageQuerySchema, args: (p, q) => [p.id, q.pageSize, q.bookmark],
    }),
    readRoute({
      path: '/api/v1/me/copyrights', operationId: 'myCopyrights', summary: 'Works the citizen authored or holds (or held)', tag: TAG,
      tx: Copyright.tx.ListByPerson, query: pageQuerySchema, access: { kind: 'citizen' },
      args: (_p, q, principal) => [citizenSubject(principal), q.pageSize, q.bookmark],
    }),
  ];
}
