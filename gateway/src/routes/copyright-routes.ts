import { z } from 'zod';
import { sha256HexSchema } from '@govchain/chaincode';
import { copyrightTransferSchema, depositIdSchema, depositSchema, licenceSchema } from '@govchain/chaincode';
import { defineRoute, type RouteSpec } from '../http/route-spec';
import { writeResult } from '../http/write-result';
import { citizenSubject, pageQuerySchema, parseInput, readRoute, submitRoute, WRITE_RESPONSES } from './route-helpers';

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

/** POST /copyrights/{id}/licences body: licence input minus the deposit id (from the path). */
export const licenceBodySchema = z
  .strictObject({ ...licenceSchema.shape })
  .omit({ depositId: true })
  .strict();

/** Copyright deposits (hash only), evidence certificates, transfers and licences. */
export function copyrightRoutes(): RouteSpec[] {
  return [
    submitRoute({
      path: '/api/v1/copyrights', operationId: 'depositWork', summary: 'Deposit a work (its SHA-256 and metadata; never the file)', tag: TAG,
      contract: 'Copyright', transaction: 'Deposit', input: depositSchema,
    }),
    readRoute({
      path: '/api/v1/copyrights', operationId: 'verifyWork', summary: 'Find the deposit of a SHA-256 (a verifier recomputes the hash of the file)', tag: TAG,
      contract: 'Copyright', transaction: 'Verify', query: z.strictObject({ hash: sha256HexSchema }), args: (_p, q) => [q.hash],
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}', operationId: 'getDeposit', summary: 'Read a deposit', tag: TAG, contract: 'Copyright', transaction: 'GetRecord',
      params: idParams, args: (p) => ['deposit', p.id],
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}/history', operationId: 'depositHistory', summary: 'Versions of a deposit, newest first', tag: TAG, contract: 'Copyright',
      transaction: 'History', params: idParams, query: pageQuerySchema, paged: true, args: (p, q) => ['deposit', p.id, String(q.pageSize), q.bookmark],
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
        const deposit = (await ctx.services.records.read(ctx.principal, { contract: 'Copyright', transaction: 'GetRecord', args: ['deposit', ctx.params.id] })) as {
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
      contract: 'Copyright', transaction: 'RecordTransfer', input: copyrightTransferSchema, pathFields: { id: 'depositId' },
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}/transfers', operationId: 'listCopyrightTransfers', summary: 'Transfers of a deposit', tag: TAG, contract: 'Copyright',
      transaction: 'ListTransfers', params: idParams, query: pageQuerySchema, paged: true, args: (p, q) => [p.id, String(q.pageSize), q.bookmark],
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/copyrights/{id}/licences',
      operationId: 'licenceCopyright',
      summary: 'Record a licence on a deposited work',
      tag: TAG,
      access: { kind: 'operator' },
      params: idParams,
      body: licenceBodySchema,
      asyncCapable: true,
      responses: WRITE_RESPONSES,
      handler: async (ctx) => {
        const input = parseInput(licenceSchema, { ...ctx.body, depositId: ctx.params.id });
        return writeResult(await ctx.services.records.write(ctx.principal, { contract: 'Copyright', transaction: 'RecordLicence', args: [JSON.stringify(input)] }, ctx));
      },
    }),
    readRoute({
      path: '/api/v1/copyrights/{id}/licences', operationId: 'listLicences', summary: 'Licences of a deposit', tag: TAG, contract: 'Copyright',
      transaction: 'ListLicences', params: idParams, query: pageQuerySchema, paged: true, args: (p, q) => [p.id, String(q.pageSize), q.bookmark],
    }),
    readRoute({
      path: '/api/v1/me/copyrights', operationId: 'myCopyrights', summary: 'Works the citizen authored or holds (or held)', tag: TAG, contract: 'Copyright',
      transaction: 'ListByPerson', paged: true, query: pageQuerySchema, access: { kind: 'citizen' },
      args: (_p, q, principal) => [citizenSubject(principal), String(q.pageSize), q.bookmark],
    }),
  ];
}
