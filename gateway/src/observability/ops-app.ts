import express, { type Express, type RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import type { HealthService } from '../services/health-service';
import type { GatewayMetrics } from './metrics';

/** GET /ready: the cached readiness of {@link HealthService}; 503 with a key when not ready. */
export function readyHandler(health: HealthService, org: string): RequestHandler {
  return async (_req, res) => {
    try {
      await health.ready();
      res.json({ status: 'ready', org });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(503, 'PEER_UNAVAILABLE', 'not ready');
      const status = e.status >= 500 ? e.status : 503;
      res.status(status).json({ status: 'not ready', error: { code: status, key: e.key, message: e.message } });
    }
  };
}

/**
 * The operations app: /metrics, /live and /ready, for Prometheus and probes. main.ts listens on it on a
 * separate port (GOVCHAIN_OPS_HOST, loopback by default), so the API port never exposes metrics.
 */
export function createOpsApp(deps: { metrics: GatewayMetrics; health: HealthService; org: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/live', (_req, res) => {
    res.json({ status: 'live' });
  });
  app.get('/ready', readyHandler(deps.health, deps.org));
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.use((_req, res) => {
    res.status(404).json(new ApiError(404, 'ROUTE_NOT_FOUND', 'the operations port serves /metrics, /live and /ready').toBody());
  });
  return app;
}
