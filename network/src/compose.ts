import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { caServerArgs } from './ca';
import { endorsementPolicy } from './chaincode';
import { CCAAS_ENV } from './chaincode-tls';
import { NetworkError } from './errors';
import { NodeView } from './nodeconfig';
import { nodeHost, paths } from './paths';
import { CHAINCODE_NODE, containerAddress, containerGateway, endpoint, NodeRef, nodeRefs } from './placement';
import { Org, Topology } from './topology';

/**
 * The compose deployment: one container per node of the catalogue, each with a fixed address on the project's own
 * bridge network (topology `containers.subnet`) and no port published on the host. Every node reads the config the
 * bring-up steps wrote for it (core.yaml / orderer.yaml with container paths) from its org's directory, mounted
 * read-only, and keeps its ledger in its own node directory (`orgs/<Org>/nodes/<node>/data`, where a native node keeps
 * it too), bind-mounted read-write. The file lives in the data directory, which is the compose
 * project: `docker-compose -f <dataDir>/docker-compose.yaml ps|logs|down` work by hand too.
 */

/** Image names: the Fabric images from GOVCHAIN_FABRIC_IMAGES (default Docker Hub's `hyperledger`), ours from GovChain's Dockerfile. */
export function images(t: Topology): { ca: string; orderer: string; peer: string; chaincode: string } {
  const prefix = '${GOVCHAIN_FABRIC_IMAGES:-hyperledger}';
  return {
    ca: `${prefix}/fabric-ca:${t.caVersion}`,
    orderer: `${prefix}/fabric-orderer:${t.fabricVersion}`,
    peer: `${prefix}/fabric-peer:${t.fabricVersion}`,
    chaincode: `\${GOVCHAIN_CHAINCODE_IMAGE:-govchain/chaincode:${t.chaincode.version}}`,
  };
}

/** Where containers see an org's directory, their ledger and GovChain's builders. */
const ORGS = '/organizations';
const LEDGER = '/var/hyperledger/production';
const BUILDERS = '/opt/govchain/builders';
const CA_HOME = '/etc/hyperledger/fabric-ca-server';
const CHAINCODE_TLS = '/chaincode-tls';

/** How a container sees this machine's files (see the mounts below). */
export const containerView: NodeView = {
  path: (p) => {
    const orgs = join(paths.root(), 'orgs');
    if (!p.startsWith(`${orgs}/`)) throw new NetworkError('CONTAINER_NOT_STARTED', `${p} is not mounted into the containers`, 'keep node files under the org directories (network/src/compose.ts)');
    return `${ORGS}/${p.slice(orgs.length + 1)}`;
  },
  ledger: () => LEDGER,
  builders: () => BUILDERS,
};

/** Compose secret holding one CA's bootstrap secret: one per CA, from its 0600 file under the secrets dir. */
export const caSecretName = (org: Org) => `ca-admin-${org.name.toLowerCase()}`;
const SUBJECT_KEY_SECRET = 'subject-key';

// A secret reaches a process as a variable set by the container's shell from /run/secrets: not on the process's
// command line, not in the compose file, not in `docker inspect`.
const fromSecret = (variable: string, secret: string, prefix = '') => `${variable}="${prefix}$$(cat /run/secrets/${secret})"`;

/** The compose project name: the topology's name. */
export const projectName = (t: Topology) => t.name;
/** The compose file of the deployment. */
export const composePath = () => join(paths.root(), 'docker-compose.yaml');

function base(t: Topology, n: NodeRef, index: number) {
  return {
    hostname: n.kind === 'ca' ? nodeHost('ca', n.org, t.domain) : n.name === CHAINCODE_NODE ? `chaincode.${t.domain}` : n.name,
    networks: { govchain: { ipv4_address: containerAddress(t, index) } },
    // A node that crashes stays down, as a native process does: restart is the tooling's decision (network:restart).
    restart: 'no',
  };
}

function caService(t: Topology, org: Org, n: NodeRef, index: number) {
  const secret = caSecretName(org);
  const flags = caServerArgs(t, org, CA_HOME).join(' ');
  return {
    ...base(t, n, index),
    image: images(t).ca,
    // First start: `init` with the bootstrap secret, its output (which prints `boot`) discarded; then `start`
    // without it, so neither the command line nor the container log ever holds the secret.
    command: `sh -c '[ -f ${CA_HOME}/fabric-ca-server-config.yaml ] || ${fromSecret('FABRIC_CA_SERVER_BOOT', secret, 'admin:')} fabric-ca-server init ${flags} >/dev/null 2>&1 || exit 1; chmod 600 ${CA_HOME}/fabric-ca-server-config.yaml; exec fabric-ca-server start ${flags}'`,
    environment: { FABRIC_CA_HOME: CA_HOME, FABRIC_CA_SERVER_LOGLEVEL: 'info' },
    secrets: [secret],
    volumes: [`./orgs/${org.name}/ca:${CA_HOME}`],
  };
}

function fabricNode(t: Topology, n: NodeRef, index: number, dir: string, extraEnv: Record<string, string>) {
  // The ledger stays in the data directory, like a native node's: stop/up keep it, down removes it with the rest.
  const ledger = `./${relative(paths.root(), join(dir, 'data'))}`;
  return {
    ...base(t, n, index),
    image: n.kind === 'peer' ? images(t).peer : images(t).orderer,
    command: n.kind === 'peer' ? 'peer node start' : 'orderer',
    environment: {
      FABRIC_CFG_PATH: containerView.path(join(dir, 'config')),
      FABRIC_LOGGING_SPEC: n.kind === 'peer' ? t.logging.peer : t.logging.orderer,
      ...extraEnv,
    },
    volumes: [
      `./orgs/${n.org}:${ORGS}/${n.org}:ro`,
      `${ledger}:${LEDGER}`,
      ...(n.kind === 'peer' ? [`${relative(paths.root(), paths.builders()) || '.'}:${BUILDERS}:ro`] : []),
    ],
  };
}

/** Where the chaincode image holds the chaincode (with its node_modules) and the peer guard (chaincode/Dockerfile). */
const CHAINCODE_HOME = '/opt/govchain/chaincode';
const PEER_GUARD = '/opt/govchain/ccaas-peer-guard.js';

function chaincodeService(t: Topology, n: NodeRef, index: number) {
  const server = [
    'exec node', `--require ${PEER_GUARD}`, `${CHAINCODE_HOME}/node_modules/fabric-shim/cli.js server`, `--module-path=${CHAINCODE_HOME}`,
    `--chaincode-address=${endpoint(t, CHAINCODE_NODE, t.chaincode.serverPort)}`,
    // The shell refuses to start without the id; docker-compose itself must not (it reads this file before the id exists).
    '"--chaincode-id=$${CHAINCODE_PACKAGE_ID:?set CHAINCODE_PACKAGE_ID (network:up writes it into .env)}"',
    // Mutual TLS: the server's certificate (from the governance CA) and the department TLS roots it accepts client
    // certificates from; only peers' certificates (OU peer) are admitted (ccaas-peer-guard).
    `--chaincode-tls-cert-file=${CHAINCODE_TLS}/server.crt`,
    `--chaincode-tls-key-file=${CHAINCODE_TLS}/server.key`,
    `--chaincode-tls-client-cacert-file=${CHAINCODE_TLS}/client-cas.pem`,
  ].join(' ');
  return {
    ...base(t, n, index),
    image: images(t).chaincode,
    command: ['sh', '-c', `export ${fromSecret('GOVCHAIN_SUBJECT_KEY_SECRET', SUBJECT_KEY_SECRET)}; ${server}`],
    environment: {
      CHAINCODE_PACKAGE_ID: '${CHAINCODE_PACKAGE_ID:-}',
      GOVCHAIN_CCAAS_PEER_GUARD: '1',
      CORE_CHAINCODE_LOGGING_LEVEL: t.logging.chaincode,
    },
    secrets: [SUBJECT_KEY_SECRET],
    volumes: [`./chaincode/tls:${CHAINCODE_TLS}:ro`],
  };
}

/**
 * podman reports its IPAM driver as an IPAM option (`driver: host-local`); docker-compose 1.29 compares the options
 * on every `up` and refuses the existing network ("needs to be recreated") unless the file says the same. Set when
 * podman serves the Docker API (GOVCHAIN_CONTAINER_ENGINE=podman, scripts/compose/podman.mjs); a Docker engine
 * reports no such option.
 */
const podmanIpam = () => (process.env.GOVCHAIN_CONTAINER_ENGINE === 'podman' ? { options: { driver: 'host-local' } } : {});

/** The docker-compose document for the topology. */
export function composeFile(t: Topology): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  nodeRefs(t).forEach((n, index) => {
    const org = t.orgs.find((o) => o.name === n.org)!;
    if (n.kind === 'ca') services[n.name] = caService(t, org, n, index);
    else if (n.kind === 'chaincode') services[n.name] = chaincodeService(t, n, index);
    else {
      const short = n.name.split('.')[0]!;
      const dir = paths.node(n.org, short);
      const ccaas: Record<string, string> = n.kind === 'peer'
        ? { GOVCHAIN_CCAAS_CLIENT_CERT: containerView.path(join(dir, 'tls', 'server.crt')), GOVCHAIN_CCAAS_CLIENT_KEY: containerView.path(join(dir, 'tls', 'server.key')) }
        : {};
      services[n.name] = fabricNode(t, n, index, dir, ccaas);
    }
  });
  const secrets: Record<string, { file: string }> = {};
  for (const org of t.orgs) secrets[caSecretName(org)] = { file: `./secrets/${org.name}-ca-admin.secret` };
  secrets[SUBJECT_KEY_SECRET] = { file: './secrets/subject-key.hex' };
  return {
    version: '3.7',
    'x-govchain': {
      channel: t.channel, chaincode: t.chaincode.name, endorsementPolicy: endorsementPolicy(t), generatedFrom: 'network/topology.json',
      ccaasBuilderEnv: CCAAS_ENV,
    },
    services,
    secrets,
    networks: {
      govchain: { name: `${t.name}_net`, driver: 'bridge', ipam: { config: [{ subnet: t.containers.subnet, gateway: containerGateway(t) }], ...podmanIpam() } },
    },
  };
}

/**
 * The compose file as YAML. YAML 1.1 output quotes strings such as `no` that docker-compose (a YAML 1.1 reader)
 * would otherwise take for booleans (`restart: no` is refused as "an invalid type").
 */
export function composeText(t: Topology): string {
  const header = '# Generated from network/topology.json by GovChain\'s compose driver (GOVCHAIN_DRIVER=compose). Do not edit by hand.\n';
  return header + stringify(composeFile(t), { version: '1.1' });
}

/** Writes the compose file into the data directory (the compose project) and returns its path. */
export function writeCompose(t: Topology): string {
  mkdirSync(paths.root(), { recursive: true });
  writeFileSync(composePath(), composeText(t));
  return composePath();
}

