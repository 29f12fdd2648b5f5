import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CCAAS_ENV } from './chaincode-tls';
import { nodeHost, paths } from './paths';
import { endpoint, opsHost, serviceHost } from './placement';
import { peerTuning } from './peer-tuning';
import { DepartmentOrg, OrdererOrg, Topology } from './topology';
import { Toolchain } from './toolchain';

/**
 * How a node sees the files on this machine: the same paths for a native process; for a container, the mounts the
 * compose file gives it (its org's crypto read-only, its ledger on a volume, GovChain's builders).
 */
export interface NodeView {
  /** A path of this machine as the node sees it. */
  path(hostPath: string): string;
  /** Where the node keeps its ledger (peer.fileSystemPath, the orderer's ledger and Raft directories). */
  ledger(nodeDir: string): string;
  /** Directory holding the ccaas external builder. */
  builders(): string;
}

/** A native process sees this machine's paths. */
export const nativeView: NodeView = { path: (p) => p, ledger: (dir) => join(dir, 'data'), builders: () => paths.builders() };

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

/**
 * Where one node's files are: its host name, its folder and ledger as the node sees them (the view), its TLS folder,
 * and the config folder on this host (created), shared by the peer and orderer writers.
 */
function nodeDirs(t: Topology, orgName: string, nodeName: string, view: NodeView): { name: string; dir: string; data: string; tls: string; cfgDir: string } {
  const hostDir = paths.node(orgName, nodeName);
  const dir = view.path(hostDir);
  const cfgDir = join(hostDir, 'config');
  mkdirSync(cfgDir, { recursive: true });
  return { name: nodeHost(nodeName, orgName, t.domain), dir, data: view.ledger(hostDir), tls: join(dir, 'tls'), cfgDir };
}

/** Writes a peer's core.yaml (sampleconfig plus this node's ports, paths, TLS and the ccaas builder) into its config dir. */
export function writePeerConfig(t: Topology, tc: Toolchain, org: DepartmentOrg, peer: DepartmentOrg['peers'][number], view: NodeView = nativeView): string {
  const { name, dir, data, tls, cfgDir } = nodeDirs(t, org.name, peer.name, view);
  const address = endpoint(t, name, peer.port);
  writeFileSync(join(cfgDir, 'core.yaml'), fromSample(tc, 'core.yaml', {
    'peer.id': name,
    'peer.networkId': t.name,
    'peer.listenAddress': address,
    'peer.address': address,
    'peer.chaincodeListenAddress': endpoint(t, name, peer.chaincodePort),
    'peer.chaincodeAddress': endpoint(t, name, peer.chaincodePort),
    'peer.localMspId': org.mspId,
    'peer.mspConfigPath': join(dir, 'msp'),
    'peer.fileSystemPath': data,
    'peer.gossip.bootstrap': address,
    'peer.gossip.externalEndpoint': address,
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
    'chaincode.externalBuilders': [{ name: 'ccaas', path: join(view.builders(), 'ccaas'), propagateEnvironment: ['HOME', ...CCAAS_ENV] }],
    'ledger.snapshots.rootDir': join(data, 'snapshots'),
    'operations.listenAddress': `${opsHost(t, name)}:${peer.opsPort}`,
    'metrics.provider': 'prometheus',
    ...peerTuning(t),
  }));
  return cfgDir;
}

/** Writes an orderer's orderer.yaml: channel participation only (no system channel), admin endpoint with mutual TLS. */
export function writeOrdererConfig(t: Topology, tc: Toolchain, org: OrdererOrg, o: OrdererOrg['orderers'][number], view: NodeView = nativeView): string {
  const { name, dir, data, tls, cfgDir } = nodeDirs(t, org.name, o.name, view);
  const tlsBlock = (prefix: string) => ({
    [`${prefix}.Enabled`]: true,
    [`${prefix}.PrivateKey`]: join(tls, 'server.key'),
    [`${prefix}.Certificate`]: join(tls, 'server.crt'),
    [`${prefix}.RootCAs`]: [join(tls, 'ca.crt')],
    [`${prefix}.ClientRootCAs`]: [join(tls, 'ca.crt')],
  });
  writeFileSync(join(cfgDir, 'orderer.yaml'), fromSample(tc, 'orderer.yaml', {
    'General.ListenAddress': serviceHost(t, name),
    'General.ListenPort': o.port,
    ...tlsBlock('General.TLS'),
    'General.Cluster.ClientCertificate': join(tls, 'server.crt'),
    'General.Cluster.ClientPrivateKey': join(tls, 'server.key'),
    'General.LocalMSPDir': join(dir, 'msp'),
    'General.LocalMSPID': org.mspId,
    'FileLedger.Location': join(data, 'ledger'),
    'Consensus.WALDir': join(data, 'etcdraft', 'wal'),
    'Consensus.SnapDir': join(data, 'etcdraft', 'snapshot'),
    'Operations.ListenAddress': `${opsHost(t, name)}:${o.opsPort}`,
    'Metrics.Provider': 'prometheus',
    'Admin.ListenAddress': `${opsHost(t, name)}:${o.adminPort}`,
    ...tlsBlock('Admin.TLS'),
    'Admin.TLS.ClientAuthRequired': true,
    'ChannelParticipation.Enabled': true,
  }));
  return cfgDir;
}
