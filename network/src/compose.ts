import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { collections, endorsementPolicy } from './chaincode';
import { CCAAS_ENV, chaincodeTlsOrg, connectionJson } from './chaincode-tls';
import { configtx } from './configtx';
import { nodeHost } from './paths';
import { departments, networkDir, ordererOrg, Org, Topology } from './topology';
import { peerTuningEnv } from './peer-tuning';

/** Directory of the generated docker-compose deployment. */
export const dockerDir = () => resolve(networkDir, 'docker');

// Inside containers every org's crypto lives under /organizations/<org>, mounted from ./organizations.
const c = (org: string, ...rest: string[]) => ['/organizations', org, ...rest].join('/');
/** Where peers find GovChain's ccaas builder (network/builders, mounted read-only) and the chaincode server's CA. */
const BUILDER_DIR = '/opt/govchain/builders/ccaas';
const CHAINCODE_CA_DIR = '/opt/govchain/chaincode-ca';

/** Compose secret holding one CA's bootstrap secret: one per CA, read from a 0600 file, never an env value. */
export const caSecretName = (org: Org) => `ca-admin-${org.name.toLowerCase()}`;
/** Host file of a compose secret, relative to network/docker (the operator creates it, mode 0600). */
const secretFile = (name: string) => `./secrets/${name}`;
const SUBJECT_KEY_SECRET = 'subject-key';
const CA_HOME = '/etc/hyperledger/fabric-ca-server';

// Secrets reach a process as FABRIC_CA_SERVER_BOOT / GOVCHAIN_SUBJECT_KEY_SECRET set by the container's shell
// from /run/secrets: not on the process's command line, not in the compose file, not in `docker inspect`.
const fromSecret = (variable: string, secret: string, prefix = '') => `${variable}="${prefix}$$(cat /run/secrets/${secret})"`;

function caService(t: Topology, org: Org) {
  const host = nodeHost('ca', org.name, t.domain);
  const secret = caSecretName(org);
  const flags = `--port ${org.ca.port} --ca.name ca-${org.name.toLowerCase()} --tls.enabled --csr.hosts ${host},localhost --operations.listenaddress 0.0.0.0:${org.ca.opsPort}`;
  return {
    image: `hyperledger/fabric-ca:${t.caVersion}`,
    container_name: host,
    hostname: host,
    // First start: `init` with the bootstrap secret, its output (which prints `boot`) discarded; then `start`
    // without it, so neither the command line nor the container log ever holds the secret.
    command: `sh -c '[ -f ${CA_HOME}/fabric-ca-server-config.yaml ] || ${fromSecret('FABRIC_CA_SERVER_BOOT', secret, 'admin:')} fabric-ca-server init ${flags} >/dev/null 2>&1 || exit 1; chmod 600 ${CA_HOME}/fabric-ca-server-config.yaml; exec fabric-ca-server start ${flags}'`,
    environment: { FABRIC_CA_HOME: CA_HOME },
    secrets: [secret],
    ports: [`${org.ca.port}:${org.ca.port}`],
    volumes: [`./organizations/${org.name}/ca:${CA_HOME}`],
    networks: ['govchain'],
  };
}

function ordererService(t: Topology, o: ReturnType<typeof ordererOrg>['orderers'][number]) {
  const oo = ordererOrg(t);
  const host = nodeHost(o.name, oo.name, t.domain);
  const tls = c(oo.name, 'nodes', o.name, 'tls');
  return {
    image: `hyperledger/fabric-orderer:${t.fabricVersion}`,
    container_name: host,
    hostname: host,
    environment: {
      ORDERER_GENERAL_LISTENADDRESS: '0.0.0.0',
      ORDERER_GENERAL_LISTENPORT: String(o.port),
      ORDERER_GENERAL_LOCALMSPID: oo.mspId,
      ORDERER_GENERAL_LOCALMSPDIR: c(oo.name, 'nodes', o.name, 'msp'),
      ORDERER_GENERAL_TLS_ENABLED: 'true',
      ORDERER_GENERAL_TLS_PRIVATEKEY: `${tls}/server.key`,
      ORDERER_GENERAL_TLS_CERTIFICATE: `${tls}/server.crt`,
      ORDERER_GENERAL_TLS_ROOTCAS: `[${tls}/ca.crt]`,
      ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: `${tls}/server.crt`,
      ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: `${tls}/server.key`,
      ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
      ORDERER_ADMIN_LISTENADDRESS: `0.0.0.0:${o.adminPort}`,
      ORDERER_ADMIN_TLS_ENABLED: 'true',
      ORDERER_ADMIN_TLS_CERTIFICATE: `${tls}/server.crt`,
      ORDERER_ADMIN_TLS_PRIVATEKEY: `${tls}/server.key`,
      ORDERER_ADMIN_TLS_ROOTCAS: `[${tls}/ca.crt]`,
      ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tls}/ca.crt]`,
      ORDERER_OPERATIONS_LISTENADDRESS: `0.0.0.0:${o.opsPort}`,
      ORDERER_METRICS_PROVIDER: 'prometheus',
    },
    // Admin and operations endpoints are published on the host's loopback only.
    ports: [`${o.port}:${o.port}`, `127.0.0.1:${o.adminPort}:${o.adminPort}`, `127.0.0.1:${o.opsPort}:${o.opsPort}`],
    volumes: [`./organizations/${oo.name}:/organizations/${oo.name}:ro`, `${o.name}-data:/var/hyperledger/production/orderer`],
    networks: ['govchain'],
  };
}

function peerService(t: Topology, org: ReturnType<typeof departments>[number], p: ReturnType<typeof departments>[number]['peers'][number]) {
  const host = nodeHost(p.name, org.name, t.domain);
  const tls = c(org.name, 'nodes', p.name, 'tls');
  return {
    image: `hyperledger/fabric-peer:${t.fabricVersion}`,
    container_name: host,
    hostname: host,
    environment: {
      CORE_PEER_ID: host,
      CORE_PEER_NETWORKID: t.name,
      CORE_PEER_LISTENADDRESS: `0.0.0.0:${p.port}`,
      CORE_PEER_ADDRESS: `${host}:${p.port}`,
      CORE_PEER_CHAINCODELISTENADDRESS: `0.0.0.0:${p.chaincodePort}`,
      CORE_PEER_CHAINCODEADDRESS: `${host}:${p.chaincodePort}`,
      CORE_PEER_GOSSIP_BOOTSTRAP: `${host}:${p.port}`,
      CORE_PEER_GOSSIP_EXTERNALENDPOINT: `${host}:${p.port}`,
      // See nodeconfig.ts: invalid writes into an anchors collection must not stall commits.
      CORE_PEER_GOSSIP_PVTDATA_SKIPPULLINGINVALIDTRANSACTIONSDURINGCOMMIT: 'true',
      CORE_PEER_LOCALMSPID: org.mspId,
      CORE_PEER_MSPCONFIGPATH: c(org.name, 'nodes', p.name, 'msp'),
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_CERT_FILE: `${tls}/server.crt`,
      CORE_PEER_TLS_KEY_FILE: `${tls}/server.key`,
      CORE_PEER_TLS_ROOTCERT_FILE: `${tls}/ca.crt`,
      CORE_OPERATIONS_LISTENADDRESS: `0.0.0.0:${p.opsPort}`,
      CORE_METRICS_PROVIDER: 'prometheus',
      CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
      ...peerTuningEnv(t),
      // GovChain's ccaas builder (the native network's) adds this peer's TLS certificate and key to connection.json,
      // so the peer authenticates to the chaincode service, and pins the chaincode server's CA.
      CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([{ name: 'ccaas', path: BUILDER_DIR, propagateEnvironment: ['HOME', ...CCAAS_ENV] }]),
      GOVCHAIN_CCAAS_CLIENT_CERT: `${tls}/server.crt`,
      GOVCHAIN_CCAAS_CLIENT_KEY: `${tls}/server.key`,
      GOVCHAIN_CCAAS_ROOT_CERT: `${CHAINCODE_CA_DIR}/ca.pem`,
    },
    ports: [`${p.port}:${p.port}`, `127.0.0.1:${p.opsPort}:${p.opsPort}`],
    volumes: [
      `./organizations/${org.name}:/organizations/${org.name}:ro`,
      `./organizations/${chaincodeTlsOrg(t).name}/msp/tlscacerts:${CHAINCODE_CA_DIR}:ro`,
      `../builders:${BUILDER_DIR.replace(/\/ccaas$/, '')}:ro`,
      `${org.name.toLowerCase()}-${p.name}-data:/var/hyperledger/production`,
    ],
    networks: ['govchain'],
  };
}

/** The docker-compose document for the topology (Fabric 3.1.5 images; LevelDB by default). */
export function composeFile(t: Topology): Record<string, unknown> {
  const oo = ordererOrg(t);
  const services: Record<string, unknown> = {};
  const volumes: Record<string, object> = {};
  for (const org of t.orgs) services[nodeHost('ca', org.name, t.domain)] = caService(t, org);
  for (const o of oo.orderers) {
    services[nodeHost(o.name, oo.name, t.domain)] = ordererService(t, o);
    volumes[`${o.name}-data`] = {};
  }
  for (const org of departments(t)) {
    for (const p of org.peers) {
      services[nodeHost(p.name, org.name, t.domain)] = peerService(t, org, p);
      volumes[`${org.name.toLowerCase()}-${p.name}-data`] = {};
    }
  }
  const ccTls = '/chaincode-tls';
  services[`chaincode.${t.domain}`] = {
    image: 'node:20-bookworm-slim',
    container_name: `chaincode.${t.domain}`,
    hostname: `chaincode.${t.domain}`,
    working_dir: '/chaincode',
    // Mutual TLS: the server's certificate (from the governance CA, SAN chaincode.<domain>) and the department
    // TLS roots it accepts client certificates from, as files in ./chaincode-tls (see docs/operations.md).
    command: `sh -c '${fromSecret('GOVCHAIN_SUBJECT_KEY_SECRET', SUBJECT_KEY_SECRET)} exec node --require /opt/govchain/ccaas-peer-guard.js node_modules/fabric-shim/cli.js server --chaincode-address=0.0.0.0:${t.chaincode.serverPort} --chaincode-id=$${'{'}CHAINCODE_PACKAGE_ID:?set CHAINCODE_PACKAGE_ID${'}'} --chaincode-tls-cert-file=${ccTls}/server.crt --chaincode-tls-key-file=${ccTls}/server.key --chaincode-tls-client-cacert-file=${ccTls}/client-cas.pem'`,
    // Only clients whose certificate is a peer's (OU peer) may connect (network/src/ccaas-peer-guard.ts).
    environment: { GOVCHAIN_CCAAS_PEER_GUARD: '1' },
    secrets: [SUBJECT_KEY_SECRET],
    volumes: ['./chaincode:/chaincode:ro', `./chaincode-tls:${ccTls}:ro`, '../dist/ccaas-peer-guard.js:/opt/govchain/ccaas-peer-guard.js:ro'],
    networks: ['govchain'],
  };
  const secrets: Record<string, { file: string }> = {};
  for (const org of t.orgs) secrets[caSecretName(org)] = { file: secretFile(caSecretName(org)) };
  secrets[SUBJECT_KEY_SECRET] = { file: secretFile(SUBJECT_KEY_SECRET) };
  return {
    version: '3.7',
    'x-govchain': { channel: t.channel, chaincode: t.chaincode.name, endorsementPolicy: endorsementPolicy(t), generatedFrom: 'network/topology.json' },
    services,
    volumes,
    secrets,
    networks: { govchain: { name: `${t.name}_net` } },
  };
}

/** Optional override that runs one CouchDB per peer and points the peer's state database at it. */
export function couchdbOverride(t: Topology): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  for (const org of departments(t)) {
    for (const p of org.peers) {
      const couch = `couchdb.${nodeHost(p.name, org.name, t.domain)}`;
      services[couch] = {
        image: 'couchdb:3.3',
        environment: { COUCHDB_USER: 'admin', COUCHDB_PASSWORD: `$${'{'}COUCHDB_PASSWORD:?set COUCHDB_PASSWORD${'}'}` },
        networks: ['govchain'],
      };
      services[nodeHost(p.name, org.name, t.domain)] = {
        environment: {
          CORE_LEDGER_STATE_STATEDATABASE: 'CouchDB',
          CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS: `${couch}:5984`,
          CORE_LEDGER_STATE_COUCHDBCONFIG_USERNAME: 'admin',
          CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD: `$${'{'}COUCHDB_PASSWORD:?set COUCHDB_PASSWORD${'}'}`,
        },
        depends_on: [couch],
      };
    }
  }
  return { version: '3.7', services };
}

/** Writes docker-compose.yaml, docker-compose.couchdb.yaml and the channel/chaincode config they use. */
export function writeCompose(t: Topology, dir = dockerDir()): string[] {
  for (const sub of ['config', 'chaincode-package']) mkdirSync(join(dir, sub), { recursive: true });
  const header = '# Generated from network/topology.json by `npm run network:compose`. Do not edit by hand.\n';
  const files: Array<[string, string]> = [
    ['docker-compose.yaml', header + stringify(composeFile(t))],
    ['docker-compose.couchdb.yaml', header + stringify(couchdbOverride(t))],
    ['config/configtx.yaml', header + stringify(configtxForDocker(t))],
    ['config/collections.json', JSON.stringify(collections(t), null, 2) + '\n'],
    // Source of the compose CCaaS package: mutual TLS required; the peers' builder adds root_cert and client identity.
    ['chaincode-package/connection.json', JSON.stringify(connectionJson(`chaincode.${t.domain}:${t.chaincode.serverPort}`)) + '\n'],
    ['chaincode-package/metadata.json', JSON.stringify({ type: 'ccaas', label: t.chaincode.label }) + '\n'],
  ];
  for (const [name, body] of files) writeFileSync(join(dir, name), body);
  return files.map(([name]) => join(dir, name));
}

/** configtx.yaml with container paths and host names instead of the native network's. */
function configtxForDocker(t: Topology): Record<string, unknown> {
  return configtx(t, { orgDir: (org) => c(org), host: (node, org) => nodeHost(node, org, t.domain) });
}
