import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { type RequestHandler, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { Copyright, sha256HexSchema } from '@govchain/chaincode';
import type { Principal } from '../auth/principal';
import type { PublishedAnchor } from '../certificates/trust-anchors';
import { ApiError } from '../errors/api-error';
import { call } from '../fabric/call';
import { validatePart } from '../http/validation';
import { errorBodySchema } from '../openapi/common-schemas';
import type { Services } from '../services/services';

/** The path of the public work verification. */
export const PUBLIC_WORK_PATH = '/api/v1/public/works/{hash}';
/** The path of the root CA certificates that receipts are verified against. */
export const TRUST_ANCHORS_PATH = '/api/v1/public/trust-anchors';

/** The published root CA certificates (one per org, the ordering org included). */
export const trustAnchorsSchema = z.object({
  anchors: z.array(z.object({
    mspId: z.string(),
    pem: z.string().openapi({ description: 'The root CA certificate, PEM' }),
    sha256: z.string().openapi({ description: 'SHA-256 fingerprint of the DER (AB:CD:…), to compare with the org\'s official source' }),
  })),
}).openapi('TrustAnchors');

/** A holder as the public sees it: organisations by their public code, persons only as "a person". */
const publicHolderSchema = z.union([z.object({ kind: z.literal('organisation'), code: z.string() }), z.object({ kind: z.literal('person') })]);

/** What the public verification answers: the evidence certificate's fields, or that nothing was deposited. */
export const publicWorkSchema = z.union([
  z.object({
    matches: z.literal(true),
    certificate: z.object({
      depositId: z.string(), contentHash: z.string(), hashAlgorithm: z.literal('SHA-256'), txId: z.string(), blockNumber: z.number().int(),
      timestamp: z.string(), depositorMsp: z.string(),
    }),
    holders: z.array(publicHolderSchema),
  }),
  z.object({ matches: z.literal(false), contentHash: z.string() }),
]).openapi('PublicWorkVerification');

interface Deposit {
  holders: Array<{ kind: 'person'; subjectKey: string } | { kind: 'organisation'; code: string }>;
  certificate: { depositId: string; contentHash: string; txId: string; timestamp: string; depositorMsp: string };
}

/** Options of the public routes. */
export interface PublicRouteOptions {
  /** Operator whose identity signs the public reads (the gateway's service operator). */
  serviceOperator: string;
  org: string;
  /** Requests per minute per client address. */
  perMinute: number;
  /** Root CA certificates published for receipt verification (none: the list is empty). */
  trustAnchors?: readonly PublishedAnchor[];
}

/**
 * Mounts the routes anyone may call without signing in: read-only, rate-limited per client address, answering
 * only what an evidence certificate shows. A person holding the rights is never named (not even by subject key).
 */
export function mountPublicRoutes(router: Router, services: Services, o: PublicRouteOptions): void {
  const limiter: RequestHandler = rateLimit({
    windowMs: 60_000,
    limit: o.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ApiError(429, 'RATE_LIMITED', 'too many public requests from this address; wait a minute')),
  });
  const signer: Principal = { kind: 'operator', operatorId: o.serviceOperator, org: o.org, role: 'auditor' };
  const pub = express.Router();
  pub.get('/api/v1/public/works/:hash', limiter, async (req, res) => {
    const { hash } = validatePart(z.strictObject({ hash: sha256HexSchema }), req.params, 'path');
    let deposit: Deposit;
    try {
      deposit = ((await services.records.read(signer, call(Copyright.tx.Verify, [hash]))) as { deposit: Deposit }).deposit;
    } catch (err) {
      if (err instanceof ApiError && err.key === 'RECORD_NOT_FOUND') {
        res.setHeader('Cache-Control', 'no-store');
        res.json({ matches: false, contentHash: hash });
        return;
      }
      throw err;
    }
    const c = deposit.certificate;
    const tx = await services.transactions.get(signer, c.txId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      matches: true,
      certificate: { depositId: c.depositId, contentHash: c.contentHash, hashAlgorithm: 'SHA-256', txId: c.txId, blockNumber: tx.blockNumber, timestamp: c.timestamp, depositorMsp: c.depositorMsp },
      holders: deposit.holders.map((h) => (h.kind === 'organisation' ? { kind: 'organisation', code: h.code } : { kind: 'person' })),
    });
  });
  // The same for everyone and only changes when the network is rebuilt: cacheable, no ledger read.
  const anchors = { anchors: (o.trustAnchors ?? []).map(({ mspId, pem, sha256 }) => ({ mspId, pem, sha256 })) };
  pub.get(TRUST_ANCHORS_PATH, limiter, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(anchors);
  });
  router.use(pub);
}

/** Adds the public routes to an OpenAPI document (no security: anyone may call them). */
export function withPublicPaths<D extends { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } }>(doc: D): D {
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method: 'get',
    path: PUBLIC_WORK_PATH,
    operationId: 'verifyWorkPublicly',
    summary: 'Public: was a work with this SHA-256 deposited? (no sign-in; rate-limited per address; certificate fields only)',
    tags: ['Public'],
    security: [],
    request: { params: z.object({ hash: sha256HexSchema }) },
    responses: {
      200: { description: 'The certificate of the deposit, or matches=false', content: { 'application/json': { schema: publicWorkSchema } } },
      400: { description: 'Not a SHA-256 (INVALID_ARGUMENT)', content: { 'application/json': { schema: errorBodySchema } } },
      429: { description: 'Rate limit exceeded (RATE_LIMITED)', content: { 'application/json': { schema: errorBodySchema } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: TRUST_ANCHORS_PATH,
    operationId: 'getTrustAnchors',
    summary: 'Public: the root CA certificates (departments and ordering org) that receipts verify against; compare fingerprints with each org\'s official source',
    tags: ['Public'],
    security: [],
    responses: {
      200: { description: 'One certificate per org', content: { 'application/json': { schema: trustAnchorsSchema } } },
      429: { description: 'Rate limit exceeded (RATE_LIMITED)', content: { 'application/json': { schema: errorBodySchema } } },
    },
  });
  const generated = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info: { title: 'public', version: '1' } });
  return {
    ...doc,
    paths: { ...(doc.paths ?? {}), ...(generated.paths ?? {}) },
    components: { ...(doc.components ?? {}), schemas: { ...(doc.components?.schemas ?? {}), ...(generated.components?.schemas ?? {}) } },
  };
}
