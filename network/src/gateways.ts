#!/usr/bin/env node
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dataDir, profilePath } from './profile';
import { departments, loadTopology, type DepartmentOrg } from './topology';

// The development launcher of the department gateways: the gateway itself knows no topology, only the connection
// profile this network writes; this file hands it that profile (and, for the dev tokens, the same profile).
const USAGE = `usage: node network/dist/gateways.js start [--detach] [--org <org>]   start one gateway per department org
       node network/dist/gateways.js stop                               stop detached gateways (SIGTERM)
       node network/dist/gateways.js urls                               print every gateway URL
       node network/dist/gateways.js token <token flags>                issue a development token (gateway/dist/cli/token.js)`;

const GATEWAY_DIST = dirname(require.resolve('@govchain/gateway'));
const MAIN = resolve(GATEWAY_DIST, 'main.js');
const TOKEN_CLI = resolve(GATEWAY_DIST, 'cli', 'token.js');
const stateDir = (): string => resolve(dataDir(), 'gateway');
const pidFile = (org: string): string => resolve(stateDir(), `${org}.pid`);
const logFile = (org: string): string => resolve(stateDir(), `${org}.log`);
const host = (): string => process.env.GOVCHAIN_GATEWAY_HOST ?? '127.0.0.1';
const urlOf = (d: DepartmentOrg): string => `http://${host()}:${d.gatewayPort}`;

async function waitLive(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/live`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not live after ${timeoutMs} ms`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the gateways, waits until each is live, prints their URLs; foreground unless --detach. */
async function start(orgs: DepartmentOrg[], detach: boolean): Promise<number> {
  mkdirSync(stateDir(), { recursive: true });
  const children: Array<{ org: DepartmentOrg; child: ChildProcess }> = [];
  for (const org of orgs) {
    const pf = pidFile(org.name);
    if (existsSync(pf) && isRunning(Number(readFileSync(pf, 'utf8')))) {
      process.stderr.write(`${org.name}: a gateway is already running (pid file ${pf})\n`);
      return 1;
    }
    const log = openSync(logFile(org.name), 'a');
    const env = { ...process.env };
    delete env.GOVCHAIN_GATEWAY_PORT;
    delete env.GOVCHAIN_GATEWAY_ORG;
    // This launcher runs the development network: its topology operators' keys were enrolled for the gateway.
    // Said explicitly here (a production gateway refuses the flag); GOVCHAIN_DEV_OPERATOR_KEYS=false overrides it.
    if (env.GOVCHAIN_PRODUCTION !== 'true') env.GOVCHAIN_DEV_OPERATOR_KEYS ??= 'true';
    const child = spawn(process.execPath, [MAIN, '--org', org.name, '--connection-profile', profilePath()], { stdio: ['ignore', log, log], detached: detach, env });
    closeSync(log);
    writeFileSync(pf, String(child.pid));
    children.push({ org, child });
  }
  const results = await Promise.allSettled(children.map(({ org, child }) => waitLive(urlOf(org), 30_000, child)));
  let failed = false;
  results.forEach((r, i) => {
    const entry = children[i];
    if (!entry) return;
    if (r.status === 'fulfilled') process.stdout.write(`${entry.org.name.padEnd(20)} ${urlOf(entry.org)}  (docs: ${urlOf(entry.org)}/docs, console: ${urlOf(entry.org)}/console/)\n`);
    else {
      failed = true;
      process.stderr.write(`${entry.org.name}: gateway failed to start: ${(r.reason as Error).message}; see ${logFile(entry.org.name)}\n`);
    }
  });
  if (failed) {
    for (const { org, child } of children) {
      child.kill('SIGTERM');
      rmSync(pidFile(org.name), { force: true });
    }
    return 1;
  }
  if (detach) {
    for (const { child } of children) child.unref();
    return 0;
  }
  const forward = (sig: NodeJS.Signals) => children.forEach(({ child }) => child.kill(sig));
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGTERM'));
  await Promise.all(children.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))));
  for (const { org } of children) rmSync(pidFile(org.name), { force: true });
  return 0;
}

/** Sends SIGTERM to detached gateways and waits (10 s) for them to exit. */
async function stop(orgs: DepartmentOrg[]): Promise<number> {
  for (const org of orgs) {
    const pf = pidFile(org.name);
    if (!existsSync(pf)) continue;
    const pid = Number(readFileSync(pf, 'utf8'));
    if (isRunning(pid)) process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isRunning(pid)) process.stderr.write(`${org.name}: pid ${pid} did not stop within 10 s\n`);
    rmSync(pf, { force: true });
  }
  return 0;
}

/** The gateway's token CLI against this network's connection profile (its flags passed on as given). */
function token(argv: string[]): number {
  const res = spawnSync(process.execPath, [TOKEN_CLI, ...argv], { stdio: 'inherit', env: { ...process.env, GOVCHAIN_CONNECTION_PROFILE: profilePath() } });
  return res.status ?? 1;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'token') return token(argv.slice(1));
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--org');
  const at = argv.findIndex((a) => a === '--org' || a.startsWith('--org='));
  const only = at < 0 ? undefined : (argv[at]!.split('=', 2)[1] ?? argv[at + 1]);
  const all = departments(loadTopology());
  const orgs = only ? all.filter((d) => d.name === only || d.mspId === only) : all;
  if (orgs.length === 0) {
    process.stderr.write(`no department org ${only}\n${USAGE}\n`);
    return 2;
  }
  switch (positional[0]) {
    case 'start':
      return start(orgs, argv.includes('--detach'));
    case 'stop':
      return stop(orgs);
    case 'urls':
      orgs.forEach((o) => process.stdout.write(`${o.name.padEnd(20)} ${urlOf(o)}  console: ${urlOf(o)}/console/\n`));
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
