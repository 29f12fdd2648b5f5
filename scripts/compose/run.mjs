#!/usr/bin/env node
// The compose deployment: the same bring-up steps as the native network (network/src/steps.ts) with the compose
// driver (GOVCHAIN_DRIVER=compose), against a Docker engine or, without one, `podman system service`.
//   node scripts/compose/run.mjs up     bring it up (stand-in images when nothing can be pulled), print the gateways
//   node scripts/compose/run.mjs down   take it down: no container, volume or network left; stop our podman service
//   node scripts/compose/run.mjs test   up, the e2e suites that matter, RSS next to nothing else, down (always)
import { spawnSync } from 'node:child_process';
import { buildStandIns } from './images.mjs';
import { dockerEngine, ensureDockerApi, podman, stopPodmanService } from './podman.mjs';
import { rssReport } from './rss.mjs';

const cli = 'network/dist/cli.js';
const SUITES = [
  'test/dist/network/network.e2e.test.js', // cross-org transaction read from every peer; single-department endorsement rejected
  'test/dist/chaincode/identity-access.e2e.test.js', // two departments forging the registrar's record refused
  'test/dist/gateway/gateway-disclosure.e2e.test.js', // audited disclosure, fail closed
];
// Stops, kills and restarts the whole deployment (data kept), so it runs last.
const LIFECYCLE = ['test/dist/network/restart.lifecycle.e2e.test.js'];

async function composeEnv() {
  const env = { ...(await ensureDockerApi()), GOVCHAIN_DRIVER: 'compose' };
  // Nothing can be pulled on a host without a Docker engine: use local stand-ins unless images were named.
  if (!dockerEngine() && !env.GOVCHAIN_FABRIC_IMAGES) Object.assign(env, buildStandIns());
  return env;
}

const run = (args, env) => spawnSync(process.execPath, args, { stdio: 'inherit', env }).status ?? 1;

async function down() {
  const env = await ensureDockerApi();
  const status = run([cli, 'down'], { ...env, GOVCHAIN_DRIVER: 'compose' });
  if (!dockerEngine()) {
    // What podman still holds for the project, by label: must be nothing.
    const left = ['ps -a', 'volume ls', 'network ls'].flatMap((what) =>
      podman([...what.split(' '), '--filter', 'label=com.docker.compose.project=govchain', '--format', '{{.Names}}{{.Name}}']).split('\n').filter(Boolean));
    await stopPodmanService();
    if (left.length > 0) {
      console.error(`[compose] left behind: ${left.join(', ')}`);
      return 1;
    }
  }
  return status;
}

async function up() {
  const env = await composeEnv();
  const started = Date.now();
  const status = run([cli, 'up'], env);
  if (status !== 0) return { status, env };
  console.log(`[compose] deployment up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { status, env, seconds: (Date.now() - started) / 1000 };
}

async function test() {
  let status = 1;
  const started = Date.now();
  const teardown = async () => {
    const d = await down().catch((err) => {
      console.error(`[compose] down failed: ${err.message}`);
      return 1;
    });
    if (d !== 0) status = 1;
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void teardown().then(() => process.exit(130)));
  try {
    const u = await up();
    if (u.status !== 0) {
      run([cli, 'logs', '30'], u.env);
      return 1;
    }
    console.log(`[compose] RSS after bring-up: ${JSON.stringify(rssReport('compose'))}`);
    const serial = { ...u.env, GOVCHAIN_TEST_ARGS: '--test-concurrency=1' };
    const suites = run(['--test', '--test-concurrency=1', ...SUITES], serial);
    console.log(`[compose] RSS after the suites: ${JSON.stringify(rssReport('compose'))}`);
    const lifecycle = run(['--test', '--test-concurrency=1', ...LIFECYCLE], serial);
    status = suites === 0 && lifecycle === 0 ? 0 : 1;
    if (status !== 0) run([cli, 'logs', '15'], u.env);
  } finally {
    await teardown();
    console.log(`[compose] test:compose ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return status;
}

const cmd = process.argv[2];
const actions = {
  up: async () => {
    const u = await up();
    if (u.status !== 0) return u.status;
    // Detached, so compose:up returns; compose:down stops them with the nodes. They print their URLs.
    return run(['network/dist/gateways.js', 'start', '--detach'], u.env);
  },
  down,
  test,
};
if (!actions[cmd]) {
  console.error('usage: node scripts/compose/run.mjs up|down|test');
  process.exit(2);
}
process.exit(await actions[cmd]().catch((err) => {
  console.error(`[compose] ${err.message}`);
  return 1;
}));
