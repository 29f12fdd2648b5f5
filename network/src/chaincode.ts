import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeCcaasPackage } from './ccaas-package';
import { paths } from './paths';
import { ManagedProcess, startDetached } from './processes';
import { anchorCollectionOf, privateCollectionOf } from '@govchain/chaincode';
import { CHAINCODE_NODE, chaincodeHostOrg, endpoint, serviceHost } from './placement';
import { departments, Topology } from './topology';
import { tcpOpen, waitFor } from './wait';
import { randomBytes } from 'node:crypto';
import { chaincodeServerTlsArgs, connectionJson } from './chaincode-tls';

/** Chaincode-level endorsement policy: any `outOf` department peers, so no department endorses alone. */
export function endorsementPolicy(t: Topology): string {
  const peers = departments(t).map((o) => `'${o.mspId}.peer'`);
  return `OutOf(${t.chaincode.endorsement.outOf},${peers.join(',')})`;
}

/**
 * One private data collection per registrar org, stored and written only by that org (docs/conventions.md).
 * memberOnlyRead is off on purpose: another org's operator must be able to evaluate ReadPersonalData on the
 * owner's peer after a committed, granted access; the chaincode is the read gate and fails closed.
 * Plus one anchors collection per department (chaincode/src/core/anchors.ts): its collection-level
 * endorsement policy is the department's own peer, so a write there (an audit entry's or a record's anchor,
 * an owner's approval) commits only with that department endorsing, also for keys written for the first
 * time. Any client may write it (memberOnlyWrite off: the guard is the policy at commit); only hashes are
 * read, which every peer holds.
 */
export function collections(t: Topology): object[] {
  const privateData = departments(t)
    .filter((o) => o.registers.length > 0)
    .map((o) => ({
      name: privateCollectionOf(o.mspId),
      policy: `OR('${o.mspId}.member')`,
      requiredPeerCount: 0,
      maxPeerCount: 0,
      blockToLive: 0,
      memberOnlyRead: false,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: `OR('${o.mspId}.peer')` },
    }));
  const anchors = departments(t).map((o) => ({
    name: anchorCollectionOf(o.mspId),
    policy: `OR('${o.mspId}.member')`,
    requiredPeerCount: 0,
    maxPeerCount: 0,
    blockToLive: 0,
    memberOnlyRead: true,
    memberOnlyWrite: false,
    endorsementPolicy: { signaturePolicy: `OR('${o.mspId}.peer')` },
  }));
  return [...privateData, ...anchors];
}

/**
 * Builds the CCaaS package (metadata type "ccaas" + connection.json naming the chaincode server, requiring mutual
 * TLS and pinning the server's CA) and returns its path.
 */
export async function packageChaincode(t: Topology): Promise<string> {
  const dir = paths.chaincodeDir();
  // The server's CA is the governance org's TLS root: every host has it (from the org's public bundle elsewhere), so
  // every department builds the same package, with the same package id.
  const connection = connectionJson(endpoint(t, CHAINCODE_NODE, t.chaincode.serverPort), readFileSync(paths.tlsRoot(chaincodeHostOrg(t).name), 'utf8'));
  const pkg = await writeCcaasPackage(dir, t.chaincode.label, connection);
  writeFileSync(join(dir, 'collections.json'), JSON.stringify(collections(t), null, 2));
  return pkg;
}

/** The subject-key HMAC secret shared by the departments' chaincode servers; generated once per network. */
export function subjectKeySecret(): string {
  const file = join(paths.secrets(), 'subject-key.hex');
  if (!existsSync(file)) {
    mkdirSync(paths.secrets(), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * Starts the Node chaincode server that every peer dials (one server can serve all peers), with TLS and
 * required client certificates. The subject-key secret goes through the environment, never the command line.
 */
export function startChaincodeServer(t: Topology, packageId: string): ManagedProcess {
  const cli = resolve(require.resolve('fabric-shim/package.json', { paths: [paths.chaincodeWorkspace()] }), '..', 'cli.js');
  const preload = ['--require', resolve(__dirname, 'ccaas-peer-guard.js')];
  const server = [
    cli, 'server', `--chaincode-address=${endpoint(t, CHAINCODE_NODE, t.chaincode.serverPort)}`, `--chaincode-id=${packageId}`, `--module-path=${paths.chaincodeWorkspace()}`,
    ...chaincodeServerTlsArgs(t),
  ];
  // More than one worker: chaincode-cluster.js forks them (same preloads, same port); see that file for why.
  const workers = t.native.chaincodeWorkers;
  const args = workers > 1 ? [resolve(__dirname, 'chaincode-cluster.js'), String(workers), ...preload, '--', ...server] : [...preload, ...server];
  return startDetached(
    { name: CHAINCODE_NODE, kind: 'chaincode', org: '-', port: t.chaincode.serverPort },
    process.execPath, args,
    {
      cwd: paths.chaincodeWorkspace(),
      env: { ...process.env, GOVCHAIN_SUBJECT_KEY_SECRET: subjectKeySecret(), CORE_CHAINCODE_LOGGING_LEVEL: t.logging.chaincode, GOVCHAIN_CCAAS_PEER_GUARD: '1' },
    },
  );
}

/** Waits until the chaincode server accepts connections. */
export function waitChaincodeServer(t: Topology): Promise<void> {
  return waitFor({ node: 'chaincode', condition: `accept connections on port ${t.chaincode.serverPort}`, key: 'CHAINCODE_SERVER_DOWN' },
    () => tcpOpen(serviceHost(t, CHAINCODE_NODE), t.chaincode.serverPort), 30_000, `see ${paths.log('chaincode')}`);
}

/** The arguments naming the chaincode definition (as approveformyorg, checkcommitreadiness and commit take them). */
export function definitionArgs(t: Topology): string[] {
  return ['--channelID', t.channel, '--name', t.chaincode.name, '--version', t.chaincode.version, '--sequence', String(t.chaincode.sequence),
    '--signature-policy', endorsementPolicy(t), '--collections-config', join(paths.chaincodeDir(), 'collections.json')];
}
