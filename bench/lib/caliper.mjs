// Hyperledger Caliper 0.6.0 (fabric-gateway binding) as the independent load generator for the direct side of P2.
// Setup is pinned: bench/caliper/package-lock.json, then `caliper bind --caliper-bind-sut fabric:fabric-gateway`
// (Caliper 0.6.0 pins that binding to @hyperledger/fabric-gateway 1.5.0 and @grpc/grpc-js 1.10.3).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIR = resolve(import.meta.dirname, '..', 'caliper');
const CLI = resolve(DIR, 'node_modules/@hyperledger/caliper-cli/caliper.js');
const BOUND = resolve(DIR, 'node_modules/@hyperledger/fabric-gateway/package.json');

/** Installs (npm ci) and binds Caliper once; later runs reuse node_modules. */
export function ensureCaliper(log) {
  if (!existsSync(CLI)) {
    log('[bench] installing Caliper 0.6.0 (npm ci in bench/caliper)');
    run('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], 10 * 60_000);
  }
  if (!existsSync(BOUND)) {
    log('[bench] binding Caliper to fabric:fabric-gateway');
    run(process.execPath, [CLI, 'bind', '--caliper-bind-sut', 'fabric:fabric-gateway', '--caliper-bind-cwd', './'], 10 * 60_000);
  }
}

function run(cmd, args, timeout) {
  const r = spawnSync(cmd, args, { cwd: DIR, stdio: 'inherit', timeout });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in bench/caliper`);
}

function writeConfigs(dir, { org, operator, profile, round }) {
  mkdirSync(dir, { recursive: true });
  const peer = org.peerHostAlias;
  const ccp = {
    name: `govchain-${org.name}`, version: '1.0.0', client: { organization: org.name },
    organizations: { [org.name]: { mspid: org.mspId, peers: [peer] } },
    peers: { [peer]: { url: `grpcs://${org.peerEndpoint}`, tlsCACerts: { path: org.tlsRootCertPath }, grpcOptions: { 'ssl-target-name-override': peer } } },
  };
  writeFileSync(resolve(dir, 'ccp.json'), JSON.stringify(ccp, null, 2));
  const network = {
    name: 'govchain', version: '2.0.0', caliper: { blockchain: 'fabric' },
    channels: [{ channelName: profile.channel, contracts: [{ id: profile.chaincode }] }],
    organizations: [{
      mspid: org.mspId,
      identities: { certificates: [{ name: operator.id, clientPrivateKey: { path: operator.keyPath }, clientSignedCert: { path: operator.certPath } }] },
      connectionProfile: { path: resolve(dir, 'ccp.json'), discover: true },
    }],
  };
  writeFileSync(resolve(dir, 'network.json'), JSON.stringify(network, null, 2));
  const bench = {
    test: {
      name: 'govchain-p2', description: 'GovChain P2 direct client (Caliper)', workers: { number: 1 },
      rounds: [{
        label: round.label, txDuration: round.durationS,
        rateControl: { type: 'fixed-load', opts: { transactionLoad: round.concurrency, startingTps: round.concurrency } },
        workload: { module: 'workload/business-register.js', arguments: round.arguments },
      }],
    },
  };
  writeFileSync(resolve(dir, 'bench.json'), JSON.stringify(bench, null, 2));
}

/** Parses Caliper's summary row of one round: succ, fail, send rate, latencies (s), throughput. */
export function parseSummary(text, label) {
  const row = text.split('\n').find((l) => l.trim().startsWith(`| ${label} `));
  if (!row) return undefined;
  const c = row.split('|').map((s) => s.trim()).filter(Boolean);
  const n = (i) => Number(c[i]);
  return { succ: n(1), fail: n(2), sendRateTps: n(3), maxLatencyS: n(4), minLatencyS: n(5), avgLatencyS: n(6), throughputTps: n(7) };
}

/** Runs one Caliper round: Business:Register at a fixed load (outstanding transactions = concurrency). */
export function runCaliper({ tmpDir, org, operator, profile, concurrency, durationS, legalRepresentative, seed, log }) {
  const label = 'business-register';
  const args = {
    fixtures: pathToFileURL(resolve(import.meta.dirname, 'fixtures.mjs')).href, tag: `${seed.tag}c`, base: seed.base + 3_000_000,
    legalRepresentative, chaincode: profile.chaincode, operator: operator.id, mspId: org.mspId,
  };
  writeConfigs(tmpDir, { org, operator, profile, round: { label, durationS, concurrency, arguments: args } });
  const r = spawnSync(process.execPath, [CLI, 'launch', 'manager', '--caliper-workspace', DIR,
    '--caliper-networkconfig', resolve(tmpDir, 'network.json'), '--caliper-benchconfig', resolve(tmpDir, 'bench.json'),
    '--caliper-flow-only-test', '--caliper-fabric-gateway-enabled', '--caliper-report-path', resolve(tmpDir, 'report.html')],
  { cwd: DIR, encoding: 'utf8', timeout: (durationS + 180) * 1000, maxBuffer: 64 * 2 ** 20 });
  writeFileSync(resolve(tmpDir, 'caliper.log'), `${r.stdout}\n${r.stderr}`);
  const summary = parseSummary(`${r.stdout}\n${r.stderr}`, label);
  if (!summary) log(`[bench] Caliper gave no summary (exit ${r.status}); log: ${resolve(tmpDir, 'caliper.log')}`);
  return { tool: 'Hyperledger Caliper 0.6.0, fabric-gateway binding (@hyperledger/fabric-gateway 1.5.0)', label, concurrency, durationS, rateControl: 'fixed-load', workers: 1, exit: r.status, summary, log: resolve(tmpDir, 'caliper.log') };
}
