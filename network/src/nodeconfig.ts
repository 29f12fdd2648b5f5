import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CCAAS_ENV } from './chaincode-tls';
import { OPS_HOST, nodeHost, paths } from './paths';
import { peerTuning } from './peer-tuning';
import { DepartmentOrg, OrdererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';

type Yaml = Record<string, unknown>;

/** Sets a dotted path in a parsed YAML document, creating maps on the way. */
function set(doc: Yaml, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Yaml = doc;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Yaml;
  }
  cur[keys[keys.length - 1]!] = value;
}

function fromSample(tc: Toolchain, file: string, overrides: Record<string, unknown>): string {
  const doc = parse(readFileSync(join(tc.configDir, file), 'utf8')) as Yaml;
  for (const [path, value] of Object.entries(overrides)) set(doc, path, value);
  return stringify(doc);
}

/** Writes a peer's core.yaml (sampleconfig plus this node's ports, paths, TLS and the ccaas builder) into its config dir. */
export function writePeerConfig(t: Topology, tc: Toolchain, org: DepartmentOrg, peer: DepartmentOrg['peers'][number]): string {
  const dir = paths.node(org.name, peer.name);
  const tls = join(dir, 'tls');
  const endpoint = `${t.host}:${peer.port}`;
  const cfgDir = join(dir, 'config');
  mkdirSync(cfgDir, { recursive: true });
  writeFileSync(join(cfgDir, 'core.yaml'), fromSample(tc, 'core.yaml', {
    'peer.id': nodeHost(peer.name, org.name, t.domain),
    'peer.networkId': t.name,
    'peer.listenAddress': endpoint,
    'peer.address': endpoint,
    'peer.chaincodeListenAddress': `${t.host}:${peer.chaincodePort}`,
    'peer.chaincodeAddress': `${t.host}:${peer.chaincodePort}`,
    'peer.localMspId': org.mspId,
    'peer.mspConfigPath': join(dir, 'msp'),
    'peer.fileSystemPath': join(dir, 'data'),
    'peer.gossip.bootstrap': endpoint,
    'peer.gossip.externalEndpoint': endpoint,
    // Peers start and join together, so the first dial to another org's anchor peer often fails; the default
    // 25 s retry then dominates start-up (cross-org endorsement needs that membership).
    'peer.gossip.reconnectInterval': '2s',
    // A transaction from other departments that writes into this department's anchors collection is invalid
    // (collection-level policy) and its private data exists nowhere; without this, the peer stalls its commit for
    // pullRetryThreshold (60 s) per such block trying to fetch it: a denial of service by any department.
    'peer.gossip.pvtData.skipPullingInvalidTransactionsDuringCommit': true,
    'peer.tls.enabled': true,
    'peer.tls.cert.file': join(tls, 'server.crt'),
    'peer.tls.key.file': join(tls, 'server.key'),
    'peer.tls.rootcert.file': join(tls, 'ca.crt'),
    'peer.gateway.enabled': true,
    'vm.endpoint': '',
    // The builder adds this peer's own TLS certificate and key to connection.json (mutual TLS to the chaincode server).
    'chaincode.externalBuilders': [{ name: 'ccaas', path: join(paths.builders(), 'ccaas'), propagateEnvironment: ['HOME', ...CCAAS_ENV] }],
    'ledger.snapshots.rootDir': join(dir, 'data', 'snapshots'),
    'operations.listenAddress': `${OPS_HOST}:${peer.opsPort}`,
    'metrics.provider': 'prometheus',
    ...peerTuning(t),
  }));
  return cfgDir;
}

/** Writes an orderer's orderer.yaml: channel participation only (no system channel), admin endpoint with mutual TLS. */
export function writeOrdererConfig(t: Topology, tc: Toolchain, org: OrdererOrg, o: OrdererOrg['orderers'][number]): string {
  const dir = paths.node(org.name, o.name);
  const tls = join(dir, 'tls');
  const cfgDir = join(dir, 'config');
  mkdirSync(cfgDir, { recursive: true });
  const tlsBlock = (prefix: string) => ({
    [`${prefix}.Enabled`]: true,
    [`${prefix}.PrivateKey`]: join(tls, 'server.key'),
    [`${prefix}.Certificate`]: join(tls, 'server.crt'),
    [`${prefix}.RootCAs`]: [join(tls, 'ca.crt')],
    [`${prefix}.ClientRootCAs`]: [join(tls, 'ca.crt')],
  });
  writeFileSync(join(cfgDir, 'orderer.yaml'), fromSample(tc, 'orderer.yaml', {
    'General.ListenAddress': t.host,
    'General.ListenPort': o.port,
    ...tlsBlock('General.TLS'),
    'General.Cluster.ClientCertificate': join(tls, 'server.crt'),
    'General.Cluster.ClientPrivateKey': join(tls, 'server.key'),
    'General.LocalMSPDir': join(dir, 'msp'),
    'General.LocalMSPID': org.mspId,
    'FileLedger.Location': join(dir, 'data', 'ledger'),
    'Consensus.WALDir': join(dir, 'data', 'etcdraft', 'wal'),
    'Consensus.SnapDir': join(dir, 'data', 'etcdraft', 'snapshot'),
    'Operations.ListenAddress': `${OPS_HOST}:${o.opsPort}`,
    'Metrics.Provider': 'prometheus',
    'Admin.ListenAddress': `${OPS_HOST}:${o.adminPort}`,
    ...tlsBlock('Admin.TLS'),
    'Admin.TLS.ClientAuthRequired': true,
    'ChannelParticipation.Enabled': true,
  }));
  return cfgDir;
}
