/**
 * @govchain/gateway: the REST gateway of one department. `main.ts` runs it; this entry gives other packages (the
 * e2e tests, the bench) what they need to build one in-process: config, dependencies, app, logger, metrics, signer;
 * and the console the types of the gateway's own report shapes.
 */
export { createApp, type AppDeps, type AppSettings, type GatewayApp } from './app';
export { buildRealDeps, buildVerifier, type RealDeps } from './bootstrap';
export { loadConfig, type GatewayConfig } from './config/config';
export { ConfigError } from './config/config-error';
export { ApiError, type ErrorBody, type ErrorKey } from './errors/api-error';
export { newNativeSigner } from './fabric/native-signer';
export { createLogger } from './observability/logger';
export { createMetrics, type GatewayMetrics } from './observability/metrics';
// Response shapes the console imports as types (nothing of the gateway is bundled into it).
export type { ActivityReport } from './services/activity-service';
export type { CoverageRow, LeakReport } from './services/leak-trace-service';
export type { ConsoleRuntimeConfig } from './console/console-static';
