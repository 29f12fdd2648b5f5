// The system under test: machine facts, topology, bring-up when down, and the pids whose CPU time counts.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { alive, dataDir, departments, loadTopology, readState } from '@govchain/network';
import { live } from './rest.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = resolve(ROOT, 'network/dist/cli.js');
// The gateways' launcher; commits before the architecture work kept it in the gateway (bench/at-commit.mjs measures them).
const GATEWAYS = [resolve(ROOT, 'network/dist/gateways.js'), resolve(ROOT, 'gateway/dist/cli/gateways.js')].find((f) => existsSync(f)) ?? resolve(ROOT, 'network/dist/gateways.js');

/** Facts about this machine and software, for the results file. */
export function machineInfo() {
  const cpus = os.cpus();
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  return {
    hostname: os.hostname(), platform: `${os.type()} ${os.release()}`, arch: os.arch(), cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    commit: git(['rev-parse', 'HEAD']), dirty: git(['status', '--porcelain', '--', 'chaincode', 'gateway', 'network']).length > 0,
  };
}

/** Topology summary: orgs, peers, orderers, channel, chaincode policy and batch settings. */
export function topologyInfo() {
  const t = loadTopology();
  const deps = departments(t);
  return {
    path: process.env.GOVCHAIN_TOPOLOGY ?? 'network/topology.json', channel: t.channel, fabricVersion: t.fabricVersion,
    departments: deps.map((d) => d.mspId), peers: deps.reduce((n, d) => n + d.peers.length, 0),
    orderers: t.orgs.filter((o) => o.kind === 'orderer').reduce((n, o) => n + o.orderers.length, 0),
    endorsement: `OutOf(${t.chaincode.endorsement.outOf}, ${deps.length} departments) + key-level registrar policies`,
    batch: t.ordering, goMaxProcs: t.native.goMaxProcs ?? 'Go default', peerLimits: t.peer?.limits ?? null, validatorPoolSize: t.peer?.validatorPoolSize ?? null,
    stateDatabase: 'LevelDB', tls: true,
  };
}

/** Milliseconds of a Go-style duration such as "250ms" or "2s". */
export function durationMs(s) {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(String(s));
  if (!m) throw new Error(`unsupported duration ${s}`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

const networkHealthy = () => spawnSync(process.execPath, [CLI, 'status'], { encoding: 'utf8', timeout: 60_000 }).status === 0;

/**
 * Brings the network and the department gateways up when they are down; returns what it did. `graceMs`: how long
 * gateways that another command (P7's `npm start`) is still starting get before the bench starts its own.
 */
export async function ensureUp(log, graceMs = 20_000) {
  const did = { network: 'already up', gateways: 'already up' };
  if (!networkHealthy()) {
    log('[bench] network is not healthy: node network/dist/cli.js up');
    const up = spawnSync(process.execPath, [CLI, 'up'], { stdio: 'inherit', timeout: 15 * 60_000 });
    if (up.status !== 0) throw new Error('network:up failed; see npm run network:logs');
    did.network = 'started by bench';
  }
  const deps = departments(loadTopology());
  // Gateways that `npm start` (P7) launched may still be starting: give them a bounded moment first.
  const deadline = Date.now() + graceMs;
  let down = deps;
  while (down.length > 0 && Date.now() < deadline) {
    const still = [];
    for (const d of down) if (!(await live(d.gatewayPort))) still.push(d);
    down = still;
    if (down.length > 0) await new Promise((r) => setTimeout(r, 500));
  }
  down = down.map((d) => d.name);
  if (down.length > 0) {
    log(`[bench] starting gateways: ${down.join(', ')}`);
    // The per-operator rate limit (default 600/min) would cap a one-operator load generator: lift it, and say so.
    // Likewise the per-IP limit, since every bench client is 127.0.0.1.
    const env = {
      ...process.env,
      GOVCHAIN_RATE_LIMIT_PER_MINUTE: process.env.GOVCHAIN_RATE_LIMIT_PER_MINUTE ?? '1000000',
      GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE: process.env.GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE ?? '1000000',
    };
    for (const org of down) execFileSync(process.execPath, [GATEWAYS, 'start', '--detach', '--org', org], { stdio: 'inherit', timeout: 60_000, env });
    did.gateways = `started by bench: ${down.join(', ')} (GOVCHAIN_RATE_LIMIT_PER_MINUTE=${env.GOVCHAIN_RATE_LIMIT_PER_MINUTE}, GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE=${env.GOVCHAIN_IP_RATE_LIMIT_PER_MINUTE})`;
  }
  return did;
}

/** Stops the department gateways and the network (everything `ensureUp` may have started). */
export function teardown(log) {
  log('[bench] stopping the gateways and the network');
  execFileSync(process.execPath, [GATEWAYS, 'stop'], { stdio: 'inherit', timeout: 60_000 });
  execFileSync(process.execPath, [CLI, 'down'], { stdio: 'inherit', timeout: 120_000 });
}

/** Pids of every network node (CAs, orderers, peers, chaincode server) and of every gateway. */
export function systemPids() {
  const state = readState();
  const nodes = (state?.processes ?? []).filter((p) => alive(p.pid)).map((p) => ({ name: p.name, kind: p.kind, pid: p.pid }));
  const gwDir = resolve(dataDir(), 'gateway');
  const gateways = existsSync(gwDir)
    ? readdirSync(gwDir).filter((f) => f.endsWith('.pid')).map((f) => ({ name: `gateway.${f.slice(0, -4)}`, kind: 'gateway', pid: Number(readFileSync(resolve(gwDir, f), 'utf8')) }))
        .filter((p) => alive(p.pid))
    : [];
  return [...nodes, ...gateways];
}
