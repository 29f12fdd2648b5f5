import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ERROR_KEYS } from '@govchain/chaincode';

extendZodWithOpenApi(z);

/** Error body of every failure. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.number().int().describe('HTTP status'),
      key: z.enum(ERROR_KEYS as [string, ...string[]]).describe('Stable error key from the closed table in docs/errors.md, e.g. RECORD_NOT_FOUND'),
      message: z.string(),
      txId: z.string().optional().describe('Fabric transaction id when the failure happened in a transaction'),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** 201 body of a committed write. */
export const committedSchema = z
  .object({
    txId: z.string(),
    blockNumber: z.number().int(),
    receipt: z.string().describe('URL of the transaction receipt (GET, govchain-receipt/1)'),
    data: z.unknown().describe('The record or result the chaincode returned'),
  })
  .openapi('Committed');

/** 202 body of an accepted write (`Prefer: respond-async`). */
export const submittedSchema = z
  .object({ txId: z.string(), status: z.literal('SUBMITTED'), transactionUrl: z.string() })
  .openapi('Submitted');

/** The signer of a committed transaction: which certificate (hence which key) signed it. */
export const txCreatorSchema = z
  .object({
    mspId: z.string(),
    operatorId: z.string().optional(),
    role: z.string().optional(),
    certificateSha256: z.string().describe('SHA-256 (hex) of the creator certificate (DER)'),
  })
  .openapi('TransactionCreator');

/** Body of GET /api/v1/transactions/{txId}. */
export const transactionSchema = z
  .object({ txId: z.string(), blockNumber: z.number().int(), validationCode: z.string(), valid: z.boolean(), creator: txCreatorSchema.optional() })
  .openapi('Transaction');

/** A Fabric transaction id. */
export const txIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a transaction id (64 lower-case hex characters)');
