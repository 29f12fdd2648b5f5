import { z } from 'zod';
import type { OperatorPrincipal } from '../auth/principal';
import { defineRoute, type RouteSpec } from '../http/route-spec';

/** POST /api/v1/enrolments body: the one-time secret from the department admin and a CSR made on the operator's device. */
export const enrolmentBodySchema = z
  .strictObject({
    secret: z.string().regex(/^[A-Za-z0-9._~+/=-]{8,128}$/, 'the one-time enrolment secret of the ticket').describe('One-time secret from `operator:add` (never logged)'),
    csr: z
      .string()
      .max(8192)
      .regex(/^-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]+-----END (NEW )?CERTIFICATE REQUEST-----\s*$/, 'a PEM certificate signing request')
      .describe('PKCS#10 CSR (PEM) of a P-256 key generated on the operator\'s device; common name = the ticket\'s enrollmentId'),
  })
  .openapi('EnrolmentRequest');

/** 201 body: the certificate the CA issued. */
export const enrolmentSchema = z
  .object({
    operatorId: z.string(), mspId: z.string(), role: z.string(), enrollmentId: z.string(),
    certificate: z.string().describe('PEM; carries govchain.role and govchain.operatorId'), certificateSha256: z.string(), caChain: z.string(),
  })
  .openapi('Enrolment');

/** Operator enrolment with a key the gateway never sees (the gateway relays the CSR to the org's CA). */
export function enrolRoutes(): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/enrolments',
      operationId: 'enrolOperator',
      summary: 'Enrol the token\'s operator: relay a CSR (key generated on the operator\'s device) with the one-time secret to the org\'s CA',
      description:
        'The department admin registers the operator (`npm run operator:add`), which yields a one-time enrolment ticket. The operator\'s client generates a P-256 key pair (Web Crypto, non-extractable in the browser; a key file or hardware token elsewhere) and a CSR whose common name is the ticket\'s enrollmentId, and sends it here with a token for that operator. The gateway relays it to the org\'s Fabric CA over TLS, checks that the certificate carries the token\'s operator id and role, keeps only the certificate, and returns it. The client must check that the certificate\'s public key is its own. 403 ENROLMENT_REFUSED: wrong or used secret, or wrong common name; 409 ALREADY_ENROLLED; 503 CA_UNAVAILABLE. Own per-operator rate limit.',
      tag: 'Operators',
      access: { kind: 'operator' },
      body: enrolmentBodySchema,
      unenrolled: true,
      ownRateLimit: true,
      responses: [{ status: 201, description: 'The issued certificate', schema: enrolmentSchema }],
      handler: async (ctx) => ({ status: 201, headers: { 'Cache-Control': 'no-store' }, body: await ctx.services.enrolment.enrol(ctx.principal as OperatorPrincipal, ctx.body.secret, ctx.body.csr) }),
    }),
  ];
}
