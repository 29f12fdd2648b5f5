import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exec } from './exec';
import { paths } from './paths';
import { ManagedProcess, startDetached } from './processes';
import { collectionName, departments, Topology } from './topology';
import { tcpOpen, waitFor } from './wait';
import { randomBytes } from 'node:crypto';

/** Chaincode-level endorsement policy: any `outOf` department peers, so no department endorses alone. */
export function endorsementPolicy(t: Topology): string {
  const peers = departments(t).map((o) => `'${o.mspId}.peer'`);
  return `OutOf(${t.chaincode.endorsement.outOf},${peers.join(',')})`;
}

/**
 * One private data collection per registrar org, stored and written only by that org (docs/conventions.md).
 * memberOnlyRead is off on purpose: another org's operator must be able to evaluate ReadPersonalData on the
 * owner's peer after a committed, granted access; the chaincode is the read gate and fails closed.
 */
export function collections(t: Topology): object[] {
  return departments(t)
    .filter((o) => o.registers.length > 0)
    .map((o) => ({
      name: collectionName(o.mspId),
      policy: `OR('${o.mspId}.member')`,
      requiredPeerCount: 0,
      maxPeerCount: 0,
      blockToLive: 0,
      memberOnlyRead: false,
      memberOnlyWrite: true,
      endorsementPolicy: { signaturePolicy: `OR('${o.mspId}.peer')` },
    }));
}

/** Builds the CCaaS package (metadata type "ccaas" + connection.json naming the chaincode server) and returns its path. */
export async function packageChaincode(t: Topology): Promise<string> {
  const dir = paths.chaincodeDir();
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  const connection = { address: `${t.host}:${t.chaincode.serverPort}`, dial_timeout: '10s', tls_required: false };
  writeFileSync(join(src, 'connection.json'), JSON.stringify(connection));
  writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ type: 'ccaas', label: t.chaincode.label }));
  await exec('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '-czf', join(dir, 'code.tar.gz'), '-C', src, 'connection.json']);
  const pkg = join(dir, `${t.chaincode.label}.tgz`);
  await exec('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '-czf', pkg, '-C', dir, 'metadata.json', 'code.tar.gz']);
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

/** Starts the Node chaincode server that every peer dials (one server can serve all peers). */
export function startChaincodeServer(t: Topology, packageId: string): ManagedProcess {
  const cli = resolve(require.resolve('fabric-shim/package.json', { paths: [paths.chaincodeWorkspace()] }), '..', 'cli.js');
  const args = [cli, 'server', `--chaincode-address=${t.host}:${t.chaincode.serverPort}`, `--chaincode-id=${packageId}`, `--module-path=${paths.chaincodeWorkspace()}`];
  return startDetached(
    { name: 'chaincode', kind: 'chaincode', org: '-', port: t.chaincode.serverPort },
    process.execPath, args,
    { cwd: paths.chaincodeWorkspace(), env: { ...process.env, GOVCHAIN_SUBJECT_KEY_SECRET: subjectKeySecret(), CORE_CHAINCODE_LOGGING_LEVEL: t.logging.chaincode } },
  );
}

/** Waits until the chaincode server accepts connections. */
export function waitChaincodeServer(t: Topology): Promise<void> {
  return waitFor({ node: 'chaincode', condition: `accept connections on port ${t.chaincode.serverPort}`, key: 'CHAINCODE_SERVER_DOWN' },
    () => tcpOpen(t.host, t.chaincode.serverPort), 30_000, `see ${paths.log('chaincode')}`);
}
