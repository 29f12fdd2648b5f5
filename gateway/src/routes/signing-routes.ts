import { z } from 'zod';
import type { OperatorPrincipal } from '../auth/principal';
import { defineRoute, type RouteSpec } from '../http/route-spec';

const TAG = 'Client signing';

/** A signing session id (base64url of 16 random bytes). */
const sessionParams = z.strictObject({ session: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a signing session id') });

/** Standard base64 of a DER ECDSA signature (P-256 signatures are at most 72 bytes). */
const signatureBodySchema = z
  .strictObject({ signature: z.string().regex(/^[A-Za-z0-9+/]{8,200}={0,2}$/, 'base64 of a DER-encoded ECDSA signature').describe('DER, low-S ECDSA (P-256, SHA-256) signature of `message`') })
  .openapi('ClientSignature');

/** 202 body: what the client must sign next. */
export const signatureRequiredSchema = z
  .object({
    status: z.literal('SIGNATURE_REQUIRED'),
    session: z.string(),
    signUrl: z.string().describe('POST the signature here'),
    step: z.number().int().describe('1 for the first signature of the request'),
    kind: z.enum(['proposal', 'transaction']).describe('proposal: a serialized Fabric Proposal (to endorse or evaluate); transaction: the Payload of the endorsed transaction envelope'),
    transactionId: z.string(),
    call: z.object({ contract: z.string(), transaction: z.string() }),
    message: z.string().describe('base64 of the exact bytes to sign (ECDSA P-256 with SHA-256 over them); decode and check before signing'),
    digest: z.string().describe('base64 SHA-256 of message (fabric-gateway getDigest())'),
    expiresAt: z.string().describe('The signature must arrive before this time (GOVCHAIN_SIGNING_STEP_TIMEOUT_MS)'),
    signer: z.object({ mspId: z.string(), operatorId: z.string(), certificateSha256: z.string() }),
  })
  .openapi('SignatureRequired');

const operator = (p: unknown) => p as OperatorPrincipal;

/** Continuation of client-signed requests (`Prefer: sign=client`): one signature per step. */
export function signingRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/signing-sessions/{session}',
      operationId: 'signSigningStep',
      summary: 'Return the signature of the awaited step; answers with the next step (202) or the original request\'s response',
      description:
        'Continues a request sent with `Prefer: sign=client`. The gateway checks the signature (DER, low S, valid for the signing certificate over `message`) before anything goes to a peer; a wrong signature ends the session (400 SIGNATURE_INVALID). Each step must be signed before `expiresAt` (410 SIGNING_SESSION_EXPIRED after it; nothing further is submitted). The final answer is exactly what the original route answers (201 with txId for writes, 200 for reads and disclosures, or its error). Only the operator who started the session may continue it, with the Idempotency-Key of the request that started it.',
      tag: TAG,
      access: { kind: 'operator' },
      params: sessionParams,
      body: signatureBodySchema,
      continuesSigning: true,
      responses: [
        { status: 202, description: 'Signature accepted; the next step to sign', schema: signatureRequiredSchema },
        { status: 200, description: 'The original read or disclosure response' },
        { status: 201, description: 'The original write response (committed)' },
      ],
      handler: async (ctx) => ctx.services.signing.resume(operator(ctx.principal), ctx.params.session, Buffer.from(ctx.body.signature, 'base64'), ctx.idempotencyKey),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/signing-sessions/{session}',
      operationId: 'getSigningStep',
      summary: 'The step awaiting a signature again (409 SIGNING_STEP_CONFLICT while the gateway works on the last one)',
      tag: TAG,
      access: { kind: 'operator' },
      params: sessionParams,
      continuesSigning: true,
      responses: [{ status: 202, description: 'The awaited step', schema: signatureRequiredSchema }],
      handler: async (ctx) => ctx.services.signing.current(operator(ctx.principal), ctx.params.session),
    }),
  ];
}
