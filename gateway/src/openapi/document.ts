import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteSpec } from '../http/route-spec';
import { eventsQuerySchema } from '../routes/events-route';
import { publicReceiptQuerySchema, RECEIPT_ROUTE_DOCS, receiptParamsSchema, receiptPartParamsSchema } from '../routes/receipt-routes';
import { receiptSchema } from '@govchain/verifier';
import { errorBodySchema } from './common-schemas';
import { signatureRequiredSchema } from '../routes/signing-routes';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const ERROR_STATUSES: Record<number, string> = {
  400: 'Invalid input (key INVALID_ARGUMENT, IDEMPOTENCY_KEY_REQUIRED)',
  401: 'Missing, expired or invalid token (UNAUTHENTICATED)',
  403: 'Not allowed (FORBIDDEN_ORG, FORBIDDEN_ROLE, FORBIDDEN_SUBJECT, OPERATOR_NOT_ENROLLED, ACCESS_DENIED, GRANT_REQUIRED)',
  429: 'Rate limit exceeded (RATE_LIMITED, TOO_MANY_SIGNING_SESSIONS)',
  503: 'Fabric unavailable or a write step timed out (PEER_UNAVAILABLE, ORDERER_UNAVAILABLE, CHAINCODE_UNAVAILABLE, ENDORSEMENT_FAILED, COMMIT_STATUS_UNKNOWN); Retry-After: retry with the same Idempotency-Key',
};
const WRITE_ERRORS: Record<number, string> = {
  404: 'Record not found (RECORD_NOT_FOUND)',
  409: 'Conflict (DUPLICATE, IDEMPOTENCY_CONFLICT, INVALID_STATE, READ_CONFLICT)',
  410: 'Erased (ERASED)',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  422: 'Business rule (RULE_VIOLATION, APPROVAL_MISSING, CONSENT_REQUIRED, ACCESS_EXPIRED)',
  504: 'A read step timed out (FABRIC_TIMEOUT); a write step that times out answers 503',
};

/** Failures of a signing-session step. */
const SESSION_ERRORS: Record<number, string> = {
  400: 'The signature is not DER, has a high S, or does not verify (SIGNATURE_INVALID; the session ends)',
  404: 'No such session for this operator (SIGNING_SESSION_NOT_FOUND)',
  409: 'No signature is awaited right now (SIGNING_STEP_CONFLICT), or another request\'s Idempotency-Key (IDEMPOTENCY_CONFLICT)',
  410: 'The session expired (SIGNING_SESSION_EXPIRED) or ended (SIGNING_SESSION_CLOSED); start again with the same Idempotency-Key',
};

/** Failures specific to client signing (`Prefer: sign=client`). */
const SIGNING_ERRORS: Record<number, string> = {
  428: 'This gateway holds no key for the operator: resend with Prefer: sign=client (CLIENT_SIGNING_REQUIRED)',
};

function errorResponses(statuses: Record<number, string>) {
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [status, { description, content: { 'application/json': { schema: errorBodySchema } } }]),
  );
}

/** Builds the OpenAPI 3.1 document from the same route specs (and zod schemas) that validate requests. */
export function buildOpenApiDocument(routes: readonly RouteSpec[], opts: { org: string }): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const route of routes) {
    const headers: Record<string, z.ZodType> = {};
    const signable = !route.unenrolled && !route.continuesSigning;
    if (route.method === 'post') {
      headers['Idempotency-Key'] = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/).describe(
        route.continuesSigning ? 'Required: the Idempotency-Key of the request that started the session' : 'Required; used as the chaincode requestId',
      );
    }
    if (signable) {
      const prefer = route.asyncCapable ? ['respond-async', 'sign=client', 'sign=client, respond-async'] : ['sign=client'];
      headers.Prefer = z.enum(prefer as [string, ...string[]]).optional().describe(
        `${route.asyncCapable ? 'respond-async: 202 + transaction URL. ' : ''}sign=client: the operator signs each proposal and transaction in their own client (202 SignatureRequired, then POST the signature to signUrl)`,
      );
      headers['GovChain-Signing-Certificate'] = z.string().optional().describe('With sign=client: base64 DER of the signing certificate (default: the one enrolled on this gateway)');
    }
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const r of route.responses) {
      responses[String(r.status)] = r.schema ? { description: r.description, content: { 'application/json': { schema: r.schema } } } : { description: r.description };
    }
    if (signable) {
      const async = responses['202'];
      responses['202'] = {
        description: async ? `${async.description}; or, with Prefer: sign=client, the next thing to sign` : 'Prefer: sign=client: the next thing to sign',
        content: { 'application/json': { schema: async?.content ? z.union([async.content['application/json']!.schema, signatureRequiredSchema]) : signatureRequiredSchema } },
      };
    }
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      security: [{ [bearer.name]: [] }],
      request: {
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
        ...(Object.keys(headers).length > 0 ? { headers: z.object(headers) } : {}),
        ...(route.method === 'post' && route.body ? { body: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      },
      responses: {
        ...responses,
        ...errorResponses(ERROR_STATUSES),
        ...(route.method === 'post' ? errorResponses(WRITE_ERRORS) : {}),
        ...(signable ? errorResponses(SIGNING_ERRORS) : {}),
        ...(route.continuesSigning ? errorResponses(SESSION_ERRORS) : {}),
      },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/v1/events',
    operationId: 'streamEvents',
    summary: 'Server-Sent Events of GovChainEvent chaincode events (id = block:txIndex); resumes after Last-Event-ID',
    tags: ['Events'],
    security: [{ [bearer.name]: [] }],
    request: { query: eventsQuerySchema, headers: z.object({ 'Last-Event-ID': z.string().regex(/^\d+:\d+$/).optional() }) },
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses(ERROR_STATUSES) },
  });
  // The authenticated receipt and certificate routes read as the operator, so they take client signing too.
  const signedRead = {
    headers: z.object({
      Prefer: z.enum(['sign=client']).optional().describe('sign=client: the operator signs the proposal of each record read in their own client (202 SignatureRequired, then POST the signature to signUrl)'),
      'GovChain-Signing-Certificate': z.string().optional().describe('With sign=client: base64 DER of the signing certificate (default: the one enrolled on this gateway)'),
    }),
  };
  const signedReadResponses = {
    202: { description: 'Prefer: sign=client: the next thing to sign', content: { 'application/json': { schema: signatureRequiredSchema } } },
    ...errorResponses(SIGNING_ERRORS),
  };
  const receipt = receiptSchema;
  const receiptResponse = { description: 'The receipt (header GovChain-Receipt-Digest: sha256 of its canonical JSON)', content: { 'application/json': { schema: receipt } } };
  const receiptErrors = errorResponses({ 404: 'Unknown transaction (TRANSACTION_NOT_FOUND, RECEIPT_NOT_FOUND)', 409: 'Invalidated at commit (TRANSACTION_INVALID)', 503: 'Too few peers could attest (ATTESTATION_UNAVAILABLE)' });
  registry.registerPath({
    method: 'get', path: RECEIPT_ROUTE_DOCS.receipt.path, operationId: RECEIPT_ROUTE_DOCS.receipt.operationId, summary: RECEIPT_ROUTE_DOCS.receipt.summary, tags: ['Receipts'],
    description: 'Operators: receipts of every family except audit entries, which need the auditor role. Citizens: receipts whose records name them (identity and audit records must be their own; sealed entries are withheld). See docs/receipts.md.',
    security: [{ [bearer.name]: [] }],
    request: { params: receiptParamsSchema, ...signedRead },
    responses: { 200: receiptResponse, ...signedReadResponses, ...errorResponses(ERROR_STATUSES), ...receiptErrors },
  });
  registry.registerPath({
    method: 'get', path: RECEIPT_ROUTE_DOCS.publicReceipt.path, operationId: RECEIPT_ROUTE_DOCS.publicReceipt.operationId, summary: RECEIPT_ROUTE_DOCS.publicReceipt.summary, tags: ['Receipts'],
    description: 'No token. Only for transactions that a certificate shows (copyright deposits, property titles, business registrations) and only with evidence = SHA-256 of the committed envelope, as printed in the certificate\'s QR code; anything else is 404.',
    security: [],
    request: { params: receiptParamsSchema, query: publicReceiptQuerySchema },
    responses: { 200: receiptResponse, ...errorResponses({ 400: 'Invalid input (INVALID_ARGUMENT)', 404: 'No public receipt (RECEIPT_NOT_FOUND)', 429: 'Rate limit exceeded (RATE_LIMITED)' }) },
  });
  for (const [doc, isPublic] of [[RECEIPT_ROUTE_DOCS.part, false], [RECEIPT_ROUTE_DOCS.publicPart, true]] as const) {
    registry.registerPath({
      method: 'get', path: doc.path, operationId: doc.operationId, summary: doc.summary, tags: ['Receipts'],
      security: isPublic ? [] : [{ [bearer.name]: [] }],
      request: { params: receiptPartParamsSchema, ...(isPublic ? { query: publicReceiptQuerySchema } : signedRead) },
      responses: {
        200: { description: 'application/octet-stream', content: { 'application/octet-stream': { schema: z.string().describe('part bytes') } } },
        ...(isPublic ? {} : signedReadResponses), ...errorResponses(ERROR_STATUSES), ...receiptErrors,
      },
    });
  }
  for (const c of RECEIPT_ROUTE_DOCS.certificates) {
    registry.registerPath({
      method: 'get', path: c.path, operationId: c.operationId, summary: c.summary, tags: ['Receipts'],
      description: 'A printable A4 certificate in Chinese and English with the record, its transaction and block, a QR code (verification URL with the receipt digest) and the receipt JSON attached as govchain-receipt.json. Same access rule as the receipt.',
      security: [{ [bearer.name]: [] }],
      request: { params: z.object({ [c.param]: c.schema }), ...signedRead },
      responses: { 200: { description: 'application/pdf', content: { 'application/pdf': { schema: z.string().describe('PDF bytes') } } }, ...signedReadResponses, ...errorResponses(ERROR_STATUSES), ...receiptErrors },
    });
  }
  for (const [path, summary] of [
    ['/live', 'Liveness'],
    ['/ready', 'Readiness: peer reachable and System:Ping evaluates (answer cached for a few seconds)'],
  ] as const) {
    registry.registerPath({ method: 'get', path, summary, tags: ['Operations'], responses: { 200: { description: 'OK' }, ...(path === '/ready' ? errorResponses({ 503: 'Not ready' }) : {}) } });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'GovChain gateway API',
      version: '1.0.0',
      description:
        `REST gateway of one GovChain department (this instance: ${opts.org}). Every write is an endorsed, committed Fabric transaction signed by the operator's own identity. ` +
        'Operators hold their own keys: a request with `Prefer: sign=client` is answered 202 with the Fabric proposal (then the transaction) to sign, and continues at its signUrl with each signature (fabric-gateway offline signing); the gateway never holds an operator\'s private key unless started with the development flag GOVCHAIN_DEV_OPERATOR_KEYS=true.',
    },
  });
}
