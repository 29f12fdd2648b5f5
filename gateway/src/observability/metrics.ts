import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FabricObserver } from '../fabric/fabric-ledger';

/** The gateway's Prometheus metrics, on their own registry (one per app, so tests do not collide). */
export interface GatewayMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  fabricStage: Histogram<'stage' | 'outcome'>;
  fabricRetries: Counter<'reason'>;
  fabric: FabricObserver;
}

/** Creates the metrics; `defaults` adds process metrics (off in unit tests). */
export function createMetrics(defaults = true): GatewayMetrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'govchain_gateway_' });
  const httpDuration = new Histogram({
    name: 'govchain_gateway_http_request_duration_seconds',
    help: 'HTTP request latency by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const fabricStage = new Histogram({
    name: 'govchain_gateway_fabric_stage_duration_seconds',
    help: 'Latency of Fabric stages: evaluate, endorse, submit, commitStatus',
    labelNames: ['stage', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const fabricRetries = new Counter({
    name: 'govchain_gateway_fabric_retries_total',
    help: 'Transactions retried after a read conflict, by validation code',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  return {
    registry,
    httpDuration,
    fabricStage,
    fabricRetries,
    fabric: {
      stage: (stage, seconds, ok) => fabricStage.observe({ stage, outcome: ok ? 'ok' : 'error' }, seconds),
      retry: (reason) => fabricRetries.inc({ reason }),
    },
  };
}
