import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteSpec } from '../http/route-spec';
import { eventsQuerySchema } from '../routes/events-route';
import { errorBodySchema } from './common-schemas';

type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const ERROR_STATUSES: Record<number, string> = {
  400: 'Invalid input (key INVALID_ARGUMENT, IDEMPOTENCY_KEY_REQUIRED)',
  401: 'Missing, expired or invalid token (UNAUTHENTICATED)',
  403: 'Not allowed (FORBIDDEN_ORG, FORBIDDEN_ROLE, FORBIDDEN_SUBJECT, OPERATOR_NOT_ENROLLED, ACCESS_DENIED, GRANT_REQUIRED)',
  429: 'Rate limit exceeded (RATE_LIMITED)',
  503: 'Fabric unavailable (PEER_UNAVAILABLE, ORDERER_UNAVAILABLE, ENDORSEMENT_FAILED)',
};
const WRITE_ERRORS: Record<number, string> = {
  404: 'Record not found (RECORD_NOT_FOUND)',
  409: 'Conflict (DUPLICATE, IDEMPOTENCY_CONFLICT, INVALID_STATE, READ_CONFLICT)',
  410: 'Erased (ERASED)',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  422: 'Business rule (RULE_VIOLATION, APPROVAL_MISSING, CONSENT_REQUIRED, ACCESS_EXPIRED)',
  504: 'Fabric timed out (FABRIC_TIMEOUT); the transaction may still commit: query it',
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
