import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { TokenVerifier } from './auth/jwt-verifier';
import { principalId, type Principal } from './auth/principal';
import { ApiError } from './errors/api-error';
import type { IdentityStore } from './fabric/identity-store';
import type { Ledger } from './fabric/ledger';
import type { ReceiptSource } from './fabric/receipt-source';
import type { PublishedAnchor } from './certificates/trust-anchors';
import { authenticate } from './http/authenticate';
import { authenticateUnenrolled } from './http/authenticate-unenrolled';
import type { OrgCa } from './fabric/signing-certificate';
import type { EnrolmentDeps } from './services/enrolment-service';
import { CONSOLE_PATH, consoleRouter } from './console/console-static';
import type { ConsoleSettings } from './console/console-settings';
import { cors } from './http/cors';
import { errorHandler } from './http/error-handler';
import { mountRoutes } from './http/mount-routes';
import type { RouteSpec } from './http/route-spec';
import type { GatewayMetrics } from './observability/metrics';
import { readyHandler } from './observability/ops-app';
import { buildOpenApiDocument } from './openapi/document';
import { mountEventsRoute } from './routes/events-route';
import { mountPublicRoutes, withPublicPaths } from './routes/public-routes';
import { mountReceiptRoutes } from './routes/receipt-routes';
import { apiRoutes } from './routes/routes';
import { createServices, type Services } from './services/services';
import type { Registrars } from './services/personal-data-service';

/** The settings createApp needs (a subset of GatewayConfig, so tests can build it by hand). */
export interface AppSettings {
  org: { name: string; mspId: string };
  registrars: Registrars;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  /** Per-operator limit of each route with its own limit (the identity lookups); default 30 per minute. */
  lookupRateLimitPerMinute?: number;
  /** Requests per minute per client IP, counted before authentication (default 1200). */
  ipRateLimitPerMinute?: number;
  /** How long /ready reuses its last answer (default 5000 ms). */
  readyCacheMs?: number;
  bodyLimit: string;
  /** Operator that signs citizen reads and readiness pings. */
  serviceOperator: string;
  sseHeartbeatMs?: number;
  /** How long one client-signing step waits for the signature (default 60 s). */
  signingStepTimeoutMs?: number;
  /** The web console; not served when absent. */
  console?: ConsoleSettings;
  /** Public (no sign-in) requests per minute per client address (default 60). */
  publicRateLimitPerMinute?: number;
  /** Root CA certificates published at /api/v1/public/trust-anchors for in-browser receipt verification. */
  trustAnchors?: readonly PublishedAnchor[];
  /** Base URL printed in certificates' QR codes for the public receipt route (default: this gateway's address). */
  publicUrl?: string;
  /** Above this many bytes of other envelopes, receipts split the block data into parts. */
  receiptInlineBytes?: number;
}

/** Everything the app depends on; main.ts builds the real ones, tests pass fakes. */
export interface AppDeps {
  settings: AppSettings;
  ledger: Ledger;
  identities: IdentityStore;
  verifyToken: TokenVerifier;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Aborted at shutdown: ends SSE streams. */
  shutdown?: AbortSignal;
  /** Raw ledger bytes for receipts and certificates. */
  receiptSource?: ReceiptSource;
  /** Overrides the route table (tests). */
  routes?: RouteSpec[];
  /** The org's CA certificates: client signatures are accepted only with certificates they issued. */
  orgCa?: OrgCa;
  /** Where operator CSRs are relayed (enrolment); absent: POST /api/v1/enrolments answers 503. */
  enrolment?: EnrolmentDeps;
}

/** The built app and the services behind it. */
export interface GatewayApp {
  app: Express;
  services: Services;
}

/**
 * Builds the Express app (no listen): per-IP limit, middleware, routes, /live and /ready, and the one error
 * handler. /metrics is not here: it is served by {@link createOpsApp} on the operations port only.
 */
export function createApp(deps: AppDeps): GatewayApp {
  const { settings, logger, metrics } = deps;
  const services = createServices({
    ledger: deps.ledger,
    serviceOperator: settings.serviceOperator,
    mspId: settings.org.mspId,
    registrars: settings.registrars,
    identities: deps.identities,
    ...(deps.orgCa ? { orgCa: deps.orgCa } : {}),
    ...(deps.enrolment ? { enrolment: deps.enrolment } : {}),
    signing: { stepTimeoutMs: settings.signingStepTimeoutMs ?? 60_000 },
    ...(deps.receiptSource ? { receiptSource: deps.receiptSource } : {}),
    ...(settings.receiptInlineBytes ? { receiptInlineBytes: settings.receiptInlineBytes } : {}),
    ...(settings.readyCacheMs !== undefined ? { readyCacheMs: settings.readyCacheMs } : {}),
  });
  const routes = deps.routes ?? apiRoutes();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(cors(settings.corsOrigins));
  // Per client IP and before anything else costs work (logging, body parsing, token verification).
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: settings.ipRateLimitPerMinute ?? 1200,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new ApiError(429, 'RATE_LIMITED', 'too many requests from this address; slow down', { scope: 'ip' })),
    }),
  );
  app.use(
    pinoHttp({
      logger,
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (_req, res) => {
        const p = (res as unknown as { locals?: { principal?: Principal } }).locals?.principal;
        return p ? { principal: principalId(p) } : {};
      },
    }),
  );
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      end({ route, status: String(res.statusCode) });
    });
    next();
  });
  app.use(express.json({ limit: settings.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));

  app.get('/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  app.get('/ready', readyHandler(services.health, settings.org.name));
  const openapi = withPublicPaths(buildOpenApiDocument(routes, { org: settings.org.name }));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'GovChain gateway API' }));

  const limiter: RequestHandler = rateLimit({
    windowMs: 60_000,
    limit: settings.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => {
      const p = res.locals.principal as Principal | undefined;
      return p ? principalId(p) : 'anonymous';
    },
    handler: (_req, _res, next) => next(new ApiError(429, 'RATE_LIMITED', 'too many requests for this operator; slow down', { scope: 'principal' })),
  });
  // A route with its own limit gets its own counter per operator, on top of the general one.
  const ownLimit = (routeName: string): RequestHandler => rateLimit({
    windowMs: 60_000,
    limit: settings.lookupRateLimitPerMinute ?? 30,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => {
      const p = res.locals.principal as Principal | undefined;
      return `${routeName}|${p ? principalId(p) : 'anonymous'}`;
    },
    handler: (_req, _res, next) => next(new ApiError(429, 'RATE_LIMITED', `too many ${routeName} requests for this operator; slow down`, { route: routeName })),
  });
  const guards = {
    authenticate: authenticate(deps.verifyToken, settings.org, deps.identities),
    authenticateUnenrolled: authenticateUnenrolled(deps.verifyToken, settings.org),
    rateLimit: limiter,
    ownLimit,
  };
  if (settings.console) app.use(CONSOLE_PATH, consoleRouter(settings.console, settings.org));
  const router = express.Router();
  mountPublicRoutes(router, services, {
    serviceOperator: settings.serviceOperator, org: settings.org.name, perMinute: settings.publicRateLimitPerMinute ?? 60,
    ...(settings.trustAnchors ? { trustAnchors: settings.trustAnchors } : {}),
  });
  mountEventsRoute(router, [guards.authenticate, guards.rateLimit], services, {
    heartbeatMs: settings.sseHeartbeatMs ?? 15_000,
    logger,
    shutdown: deps.shutdown ?? new AbortController().signal,
  });
  mountReceiptRoutes(router, { authenticated: [guards.authenticate, guards.rateLimit], anonymous: [guards.rateLimit] }, services, {
    publicUrl: settings.publicUrl ?? 'http://127.0.0.1',
    issuerMsp: settings.org.mspId,
  });
  mountRoutes(router, routes, guards, services);
  app.use(router);
  app.use((_req, _res, next) => next(new ApiError(404, 'ROUTE_NOT_FOUND', 'no such route')));
  app.use(errorHandler(logger));
  return { app, services };
}
