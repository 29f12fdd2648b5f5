import type { Server } from 'node:http';
import { createApp } from './app';
import { answerClientErrors } from './http/client-errors';
import { createOpsApp } from './observability/ops-app';
import { buildRealDeps } from './bootstrap';
import { loadConfig } from './config/config';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';

/**
 * Starts one department gateway: validates config, builds the Fabric deps, listens, and on SIGTERM/SIGINT
 * closes HTTP (ending SSE streams), then the Fabric gateways, then gRPC, within the shutdown time limit.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (err) {
    const e = err as { key?: string; message?: string };
    process.stderr.write(`${e.key ?? 'CONFIG_INVALID'}: ${e.message ?? String(err)}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics();
  const deps = buildRealDeps(config, metrics);
  const shutdown = new AbortController();
  const { app, services } = createApp({ ...deps, logger, metrics, shutdown: shutdown.signal });
  const server: Server = answerClientErrors(app.listen(config.port, config.host));
  // Outlive clients' idle keep-alive (undici: 4 s) so a reused socket is never closed under a request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const ops: Server = answerClientErrors(createOpsApp({ metrics, health: services.health, org: config.department.name }).listen(config.opsPort, config.opsHost));
  await Promise.all(
    [server, ops].map(
      (s) =>
        new Promise<void>((resolve, reject) => {
          s.once('listening', resolve);
          s.once('error', reject);
        }),
    ),
  );
  logger.info(
    { org: config.department.name, url: `http://${config.host}:${config.port}`, operations: `http://${config.opsHost}:${config.opsPort}`, operatorKeys: config.devOperatorKeys ? 'gateway-held (development)' : 'client-held' },
    'gateway listening',
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown time limit exceeded; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    shutdown.abort();
    services.signing.close();
    await Promise.all(
      [server, ops].map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections();
          }),
      ),
    );
    await deps.ledger.close();
    logger.info('stopped');
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  const e = err as { key?: string; message?: string };
  process.stderr.write(`gateway failed to start: ${e.key ? `${e.key}: ` : ''}${e.message ?? String(err)}\n`);
  process.exit(1);
});
