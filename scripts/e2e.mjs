#!/usr/bin/env node
// End-to-end harness: brings the real network up once, runs every e2e file against it (then the fault files, then
// the lifecycle files), and always takes the network down again, also when a test fails or the run is interrupted.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const node = process.execPath;
const cli = 'network/dist/cli.js';
const run = (args, env = {}) => spawnSync(node, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let downDone = false;
const teardown = () => {
  if (downDone) return;
  downDone = true;
  console.log('[e2e] taking the network down');
  run([cli, 'down']);
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { teardown(); process.exit(130); });

if (!existsSync(cli)) {
  console.error('[e2e] network/dist/cli.js missing: run "npm run build" first');
  process.exit(1);
}
let status = 1;
try {
  const started = Date.now();
  if (run([cli, 'up']) !== 0) {
    console.error('[e2e] the network did not come up; its logs follow');
    run([cli, 'logs', '40']);
    process.exit(1);
  }
  console.log(`[e2e] network up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const serial = { GOVCHAIN_TEST_ARGS: '--test-concurrency=1' };
  const main = run(['scripts/run-tests.mjs', '.e2e.test.js', 'test/dist'], { ...serial, GOVCHAIN_TEST_EXCLUDE: '.lifecycle.e2e.test.js,.fault.e2e.test.js' });
  // Fault files kill and restart nodes under load (and restart whatever they left down); lifecycle files stop and
  // take the network down, so they come last.
  const faults = run(['scripts/run-tests.mjs', '.fault.e2e.test.js', 'test/dist'], serial);
  const lifecycle = run(['scripts/run-tests.mjs', '.lifecycle.e2e.test.js', 'test/dist'], serial);
  status = main === 0 && faults === 0 && lifecycle === 0 ? 0 : 1;
  if (status !== 0) run([cli, 'logs', '15']);
} finally {
  teardown();
}
process.exit(status);
