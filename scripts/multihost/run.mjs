#!/usr/bin/env node
// Departments on separate hosts, for real on this machine (issue 15, part 3). Each org of the hosts overlay
// network/hosts/netns-test.json runs on its own Linux network namespace with its own address on 10.77.0.0/24,
// started there with `network:up --org <org>`; the hosts share nothing but public bundles and the genesis block, as
// files in an exchange directory. The test proves:
//   1. bring-up from bundles (no private key among them; TLS certificates carry each host's address);
//   2. cross-org endorsement and commit, read on every department's peer;
//   3. a department host cut off (its link down) while the others keep endorsing and committing;
//   4. the cut-off department catching up when it comes back (its peer's height, the records read there, and it
//      endorses again);
// and then the same with another department's host crashed (every process in its namespace killed) and brought back
// by `network:up --org` on its own data.
// Whatever happens, it brings every host down and removes the namespaces, the bridge and the data (finally + signals).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { bridgeAddress, createHosts, hostsOf, pidsIn, removeHosts, setLink, sh } from './netns.mjs';

const require = createRequire(import.meta.url);
const net = require('../../network/dist/index.js');
const { bundlesHoldNoKey } = require('../../network/dist/bundles.js');

const cli = resolve('network/dist/cli.js');
const OVERLAY = resolve(process.env.GOVCHAIN_MULTIHOST_OVERLAY ?? 'network/hosts/netns-test.json');
const ROOT = resolve('network/.data-multihost');
const EXCHANGE = join(ROOT, 'exchange');
const UP_TIMEOUT_MS = 420_000;
const overlay = JSON.parse(readFileSync(OVERLAY, 'utf8'));
const hosts = hostsOf(overlay);
const started = Date.now();
const times = {};
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (s) => console.log(`[multihost] ${s}`);

/** The environment of one host's tooling: the overlay, its own data directory, bounded cross-host waits. */
function hostEnv(h) {
  const env = { ...process.env, GOVCHAIN_TOPOLOGY_OVERLAY: OVERLAY, GOVCHAIN_NETWORK_DATA: join(ROOT, h.org), GOVCHAIN_CROSS_HOST_WAIT_MS: '240000', GOVCHAIN_DRIVER: 'native' };
  delete env.GOVCHAIN_ORG;
  return env;
}

/** Runs a command inside a host's namespace, output to a log file; resolves with its exit code (bounded). */
function inHost(h, args, logName, timeoutMs, signal) {
  mkdirSync(join(ROOT, 'logs'), { recursive: true });
  const file = join(ROOT, 'logs', `${logName}.log`);
  const fd = openSync(file, 'a');
  const child = spawn('ip', ['netns', 'exec', h.ns, ...args], { env: hostEnv(h), stdio: ['ignore', fd, fd] });
  closeSync(fd);
  return new Promise((res) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, timeoutMs);
    const abort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', abort, { once: true });
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
      res({ code: code ?? (sig ? 124 : 1), file, aborted: signal?.aborted ?? false });
    });
  });
}

const tail = (file, n = 25) => existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n') : '(no log)';

/**
 * Prints the end of the test hosts' node logs, then of their bring-up logs (on failure). The bring-up logs go last,
 * next to the failure itself, because they say which step failed and CI often keeps only the end of the output.
 */
function printLogs() {
  for (const h of hosts) {
    const dir = join(ROOT, h.org, 'logs');
    if (existsSync(dir)) for (const f of readdirSync(dir)) console.log(`==> ${h.org}: ${f} <==\n${tail(join(dir, f), 12)}`);
  }
  const upLogs = join(ROOT, 'logs');
  if (existsSync(upLogs)) for (const f of readdirSync(upLogs)) console.log(`==> ${f} (network:up on a test host) <==\n${tail(join(upLogs, f), 30)}`);
}

/** Heights of a host's own peers and orderers, read inside its namespace. */
function heightsIn(h) {
  const r = spawnSync('ip', ['netns', 'exec', h.ns, process.execPath, 'scripts/multihost/heights.mjs'], { env: { ...hostEnv(h), GOVCHAIN_ORG: h.org }, encoding: 'utf8', timeout: 20_000 });
  if (r.status !== 0) throw new Error(`heights on ${h.org}'s host: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const peerHeightOf = (h) => Math.max(-1, ...Object.values(heightsIn(h)));

/** A client of one department, from this machine's address on the bridge to the department's peer at its host address. */
function department(h) {
  const profile = net.loadConnectionProfile(join(ROOT, h.org, 'connection-profile.json'));
  const org = profile.orgs.find((o) => o.name === h.org);
  const op = org.operators.find((o) => o.role === 'admin') ?? org.operators[0];
  const client = net.peerConnection(org);
  const gateway = net.operatorGateway(client, org, op.id);
  const contract = gateway.getNetwork(profile.channel).getContract(profile.chaincode, 'System');
  return { h, org, contract, close: () => { gateway.close(); client.close(); } };
}

const utf8 = (b) => Buffer.from(b).toString('utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function eventually(what, fn, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) { last = err; }
    await sleep(500);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last.details?.map?.((d) => d.message) ?? last.message ?? last).slice(0, 300)}` : ''}`);
}

function check(cond, message) {
  if (!cond) throw new Error(`check failed: ${message}`);
  log(`ok: ${message}`);
}

async function readProbe(dep, probeId) {
  return JSON.parse(utf8(await dep.contract.evaluateTransaction('ReadProbe', probeId)));
}

async function submitProbe(dep, endorsers) {
  const probeId = `mh-${randomUUID()}`;
  const written = JSON.parse(utf8(await dep.contract.submit('Probe', { arguments: [probeId], endorsingOrganizations: endorsers.map((d) => d.org.mspId) })));
  check(written.probeId === probeId && written.mspId === dep.org.mspId, `${dep.org.name} committed ${probeId} endorsed by ${endorsers.map((d) => d.org.name).join(' + ')}`);
  return probeId;
}

async function bringUp() {
  const t0 = Date.now();
  log(`bringing up ${hosts.length} hosts in parallel: ${hosts.map((h) => `${h.org}@${h.address} (netns ${h.ns})`).join(', ')}`);
  // The first host whose bring-up fails stops the others: they would only wait out their cross-host time limits.
  const ac = new AbortController();
  const results = await Promise.all(hosts.map((h) => inHost(h, [process.execPath, cli, 'up', '--org', h.org, '--exchange', EXCHANGE], `up-${h.org}`, UP_TIMEOUT_MS, ac.signal)
    .then((r) => {
      if (r.code !== 0 && !ac.signal.aborted) {
        log(`network:up --org ${h.org} failed (exit ${r.code}) after ${secs(Date.now() - t0)}; stopping the other hosts' bring-up`);
        ac.abort();
      }
      return r;
    })));
  times.bringUp = Date.now() - t0;
  const failed = hosts.filter((_, i) => results[i].code !== 0 && !results[i].aborted);
  if (results.some((r) => r.code !== 0)) throw new Error(`network:up --org failed on ${failed.map((h) => h.org).join(', ')} (see its log below)`);
  log(`every host up in ${secs(times.bringUp)}`);
}

/** (1) bring-up from bundles: the exchange holds no key, each host imported the others, certificates carry addresses. */
function checkBundles(t) {
  const files = bundlesHoldNoKey(EXCHANGE);
  check(files > 0, `the exchange directory holds ${files} public files and no private key`);
  for (const h of hosts) {
    check(readFileSync(join(ROOT, 'logs', `up-${h.org}.log`), 'utf8').includes('imported'), `${h.org}'s host imported the other orgs' bundles`);
    const others = hosts.filter((o) => o !== h);
    for (const o of others) {
      const keys = join(ROOT, h.org, 'orgs', o.org, 'users');
      check(!existsSync(keys), `${h.org}'s host holds no identity (keys) of ${o.org}`);
    }
    const org = t.orgs.find((o) => o.name === h.org);
    const node = org.kind === 'orderer' ? org.orderers[0].name : org.peers[0].name;
    const cert = new X509Certificate(readFileSync(join(ROOT, h.org, 'orgs', h.org, 'nodes', node, 'tls', 'server.crt')));
    check(cert.subjectAltName?.includes(`IP Address:${h.address}`), `${node}.${h.org}'s TLS certificate carries its host address ${h.address} (${cert.subjectAltName})`);
    const listening = sh('ip', ['netns', 'exec', h.ns, 'ss', '-Hltn']);
    const port = org.kind === 'orderer' ? org.orderers[0].port : org.peers[0].port;
    check(listening.includes(`${h.address}:${port} `), `${h.org}'s ${node} listens on ${h.address}:${port}, not on loopback`);
  }
}

async function scenario() {
  const t = (() => {
    process.env.GOVCHAIN_TOPOLOGY_OVERLAY = OVERLAY;
    return net.loadTopology();
  })();
  checkBundles(t);
  const deptHosts = hosts.filter((h) => t.orgs.find((o) => o.name === h.org)?.kind === 'department');
  const govName = t.orgs.find((o) => o.governs).name;
  const deps = deptHosts.map(department);
  try {
    const gov = deps.find((d) => d.org.name === govName);
    // The department cut off: one that neither governs nor hosts the chaincode service (the last one).
    const cut = deps.filter((d) => d !== gov).at(-1);
    const rest = deps.filter((d) => d !== cut);
    const other = rest.find((d) => d !== gov);

    // (2) cross-org endorsement and commit, read on every department's peer.
    let t0 = Date.now();
    const first = await submitProbe(cut, [cut, other]);
    for (const d of deps) {
      const read = await eventually(`${d.org.name} to read ${first}`, () => readProbe(d, first));
      check(read.probeId === first, `${d.org.name}'s peer (${d.h.address}) reads ${first}`);
    }
    times.crossOrg = Date.now() - t0;

    // (3) cut the department's host off; the others keep endorsing and committing without it.
    t0 = Date.now();
    setLink(cut.h, false);
    const reachable = await net.tcpOpen(cut.h.address, Number(cut.org.peerEndpoint.split(':')[1]));
    check(!reachable, `${cut.org.name}'s host (${cut.h.address}) is cut off: its peer does not answer`);
    const whileCut = [];
    for (let i = 0; i < 3; i++) whileCut.push(await submitProbe(i % 2 === 0 ? gov : other, rest));
    for (const id of whileCut) check((await readProbe(other, id)).probeId === id, `${other.org.name} reads ${id}, committed while ${cut.org.name} was cut off`);
    const level = Math.max(...rest.map((d) => peerHeightOf(d.h)));
    const cutHeight = peerHeightOf(cut.h);
    check(cutHeight < level, `${cut.org.name}'s peer stayed behind while cut off (height ${cutHeight} < ${level})`);
    times.cutOff = Date.now() - t0;

    // (4) it comes back and catches up: same height, the records committed without it readable on its peer.
    t0 = Date.now();
    setLink(cut.h, true);
    const caught = await eventually(`${cut.org.name}'s peer to reach height ${level}`, () => {
      const h = peerHeightOf(cut.h);
      return h >= level ? h : undefined;
    }, 180_000);
    times.catchUp = Date.now() - t0;
    check(caught >= level, `${cut.org.name}'s peer caught up to height ${caught} (the others were at ${level}) in ${secs(times.catchUp)}`);
    for (const id of whileCut) {
      const read = await eventually(`${cut.org.name} to read ${id}`, () => readProbe(cut, id));
      check(read.probeId === id, `${cut.org.name}'s peer reads ${id}, committed while it was cut off`);
    }
    await eventually(`${cut.org.name} to endorse again`, () => submitProbe(cut, [cut, gov]), 90_000);

    // (3b, 4b) the other way a host goes away: every process of another department's host killed (a crash), the
    // rest commit, and `network:up --org` on that host brings it back from its own data, caught up.
    t0 = Date.now();
    const crashed = other;
    const pids = pidsIn(crashed.h.ns);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // SIGKILL is delivered at once, but a Go node's sockets outlive its main thread a moment: bounded wait for both.
    const peerPort = Number(crashed.org.peerEndpoint.split(':')[1]);
    await eventually(`the processes of ${crashed.org.name}'s host to exit and its peer port to close`,
      async () => pidsIn(crashed.h.ns).length === 0 && !(await net.tcpOpen(crashed.h.address, peerPort)), 15_000);
    check(pids.length > 0, `${crashed.org.name}'s host crashed: ${pids.length} processes killed, its peer does not answer`);
    const survivors = deps.filter((d) => d !== crashed);
    const whileDown = [await submitProbe(gov, survivors), await submitProbe(cut, survivors)];
    const downLevel = Math.max(...survivors.map((d) => peerHeightOf(d.h)));
    const back = await inHost(crashed.h, [process.execPath, cli, 'up', '--org', crashed.org.name, '--exchange', EXCHANGE], `up-${crashed.org.name}-again`, UP_TIMEOUT_MS);
    check(back.code === 0, `network:up --org ${crashed.org.name} restarted its host from its data`);
    const height = await eventually(`${crashed.org.name}'s peer to reach height ${downLevel}`, () => {
      const h = peerHeightOf(crashed.h);
      return h >= downLevel ? h : undefined;
    }, 180_000);
    check(height >= downLevel, `${crashed.org.name}'s peer caught up to height ${height} (the others were at ${downLevel})`);
    for (const id of whileDown) check((await eventually(`${crashed.org.name} to read ${id}`, () => readProbe(crashed, id))).probeId === id, `${crashed.org.name}'s peer reads ${id}, committed while its host was down`);
    times.crashAndRestart = Date.now() - t0;
  } finally {
    for (const d of deps) d.close();
  }
}

let tornDown = false;
async function teardown() {
  if (tornDown) return [];
  tornDown = true;
  const t0 = Date.now();
  // Each host brings its own nodes down (graceful, bounded); what is still inside a namespace after that is killed.
  await Promise.all(hosts.map((h) => new Promise((res) => {
    if (!existsSync(join(ROOT, h.org))) return res();
    const child = spawn(process.execPath, [cli, 'down'], { env: hostEnv(h), stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', () => { clearTimeout(timer); res(); });
  })));
  const stray = hosts.flatMap((h) => pidsIn(h.ns));
  if (stray.length > 0) log(`killing ${stray.length} processes still inside the test namespaces`);
  const left = removeHosts();
  rmSync(ROOT, { recursive: true, force: true });
  log(`torn down in ${secs(Date.now() - t0)}${left.length ? `; LEFT BEHIND: ${left.join(', ')}` : ': no namespace, link, process or data left'}`);
  return left;
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error('the multi-host test needs root (ip netns, veth, bridge)');
  sh('ip', ['-V']);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void teardown().then(() => process.exit(130)));
  let status = 1;
  try {
    // Leftovers of an interrupted run (same names) go first.
    removeHosts();
    rmSync(ROOT, { recursive: true, force: true });
    createHosts(overlay, hosts);
    log(`hosts on ${overlay.subnet}: bridge ${bridgeAddress(overlay)}, ${hosts.map((h) => `${h.ns}=${h.address}`).join(', ')}`);
    await bringUp();
    await scenario();
    status = 0;
  } catch (err) {
    printLogs();
    console.error(`[multihost] FAILED: ${err.stack ?? err}`);
  } finally {
    const left = await teardown();
    if (left.length > 0) status = 1;
  }
  times.total = Date.now() - started;
  log(`${status === 0 ? 'PASSED' : 'FAILED'}; times: ${Object.entries(times).map(([k, v]) => `${k} ${secs(v)}`).join(', ')}`);
  return status;
}

main().then((s) => process.exit(s), (err) => { console.error(err); process.exit(1); });
