import { apiSuite } from './api-suite';
import { startGateways, type TestGateway } from './gateway-support';

/** Per-file setup: one gateway per department (exported for the lead's harness). */
export async function setup(): Promise<Record<string, TestGateway>> {
  return startGateways();
}

apiSuite('gateway API end to end (every endpoint, real network)');
