import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteSpec } from '../http/route-spec';
import { eventsQuerySchema } from '../routes/events-route';
import { publicReceiptQuerySchema, RECEIPT_ROUTE_DOCS, receiptParamsSchema, receiptPartParamsSchema } from '../routes/receipt-routes';
import { receiptSchema } from '@govchain/verifier';
import { errorBodySchema } from './common-schemas';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const ERROR_STATUSES: Record<number, string> = {
  400: 'Invalid input (key INVALID_ARGUMENT, IDEMPOTENCY_KEY_REQUIRED)',
  401: 'Missing, expired or invalid token (UNAUTHENTICATED)',
  403: 'Not allowed (FORBIDDEN_ORG, FORBIDDEN_ROLE, FORBIDDEN_SUBJECT, OPERATOR_NOT_ENROLLED, ACCESS_DENIED, GRANT_REQUIRED)',
  429: 'Rate limit exceeded (RATE_LIMITED)',
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
    if (route.method === 'post') {
      headers['Idempotency-Key'] = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/).describe('Required; used as the chaincode requestId');
      if (route.asyncCapable) headers.Prefer = z.enum(['respond-async']).optional().describe('respond-async: 202 + transaction URL');
    }
    const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
    for (const r of route.responses) {
      responses[String(r.status)] = r.schema ? { description: r.description, content: { 'application/json': { schema: r.schema } } } : { description: r.description };
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
      responses: { ...responses, ...errorResponses(ERROR_STATUSES), ...(route.method === 'post' ? errorResponses(WRITE_ERRORS) : {}) },
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
  const receipt = receiptSchema;
  const receiptResponse = { description: 'The receipt (header GovChain-Receipt-Digest: sha256 of its canonical JSON)', content: { 'application/json': { schema: receipt } } };
  const receiptErrors = errorResponses({ 404: 'Unknown transaction (TRANSACTION_NOT_FOUND, RECEIPT_NOT_FOUND)', 409: 'Invalidated at commit (TRANSACTION_INVALID)', 503: 'Too few peers could attest (ATTESTATION_UNAVAILABLE)' });
  registry.registerPath({
    method: 'get', path: RECEIPT_ROUTE_DOCS.receipt.path, operationId: RECEIPT_ROUTE_DOCS.receipt.operationId, summary: RECEIPT_ROUTE_DOCS.receipt.summary, tags: ['Receipts'],
    description: 'Operators: receipts of every family except audit entries, which need the auditor role. Citizens: receipts whose records name them (identity and audit records must be their own; sealed entries are withheld). See docs/receipts.md.',
    security: [{ [bearer.name]: [] }],
    request: { params: receiptParamsSchema },
    responses: { 200: receiptResponse, ...errorResponses(ERROR_STATUSES), ...receiptErrors },
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
      request: { params: receiptPartParamsSchema, ...(isPublic ? { query: publicReceiptQuerySchema } : {}) },
      responses: { 200: { description: 'application/octet-stream', content: { 'application/octet-stream': { schema: z.string().describe('part bytes') } } }, ...errorResponses(ERROR_STATUSES), ...receiptErrors },
    });
  }
  for (const c of RECEIPT_ROUTE_DOCS.certificates) {
    registry.registerPath({
      method: 'get', path: c.path, operationId: c.operationId, summary: c.summary, tags: ['Receipts'],
      description: 'A printable A4 certificate in Chinese and English with the record, its transaction and block, a QR code (verification URL with the receipt digest) and the receipt JSON attached as govchain-receipt.json. Same access rule as the receipt.',
      security: [{ [bearer.name]: [] }],
      request: { params: z.object({ [c.param]: c.schema }) },
      responses: { 200: { description: 'application/pdf', content: { 'application/pdf': { schema: z.string().describe('PDF bytes') } } }, ...errorResponses(ERROR_STATUSES), ...receiptErrors },
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
      description: `REST gateway of one GovChain department (this instance: ${opts.org}). Every write is an endorsed, committed Fabric transaction signed by the operator's own identity.`,
    },
  });
}
