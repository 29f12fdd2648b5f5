import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { collections, endorsementPolicy } from './chaincode';
import { configtx } from './configtx';
import { nodeHost } from './paths';
import { departments, networkDir, ordererOrg, Org, Topology } from './topology';

/** Directory of the generated docker-compose deployment. */
export const dockerDir = () => resolve(networkDir, 'docker');

// Inside containers every org's crypto lives under /organizations/<org>, mounted from ./organizations.
const c = (org: string, ...rest: string[]) => ['/organizations', org, ...rest].join('/');

function caService(t: Topology, org: Org) {
  const host = nodeHost('ca', org.name, t.domain);
  return {
    image: `hyperledger/fabric-ca:${t.caVersion}`,
    container_name: host,
    hostname: host,
    command: `sh -c 'fabric-ca-server start -b admin:$${'{'}CA_ADMIN_SECRET:?set CA_ADMIN_SECRET${'}'} --port ${org.ca.port} --ca.name ca-${org.name.toLowerCase()} --tls.enabled --csr.hosts ${host},localhost --operations.listenaddress 0.0.0.0:${org.ca.opsPort}'`,
    environment: { FABRIC_CA_HOME: '/etc/hyperledger/fabric-ca-server' },
    ports: [`${org.ca.port}:${org.ca.port}`],
    volumes: [`./organizations/${org.name}/ca:/etc/hyperledger/fabric-ca-server`],
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
    ports: [`${o.port}:${o.port}`, `${o.adminPort}:${o.adminPort}`, `${o.opsPort}:${o.opsPort}`],
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
    },
    ports: [`${p.port}:${p.port}`, `${p.opsPort}:${p.opsPort}`],
    volumes: [`./organizations/${org.name}:/organizations/${org.name}:ro`, `${org.name.toLowerCase()}-${p.name}-data:/var/hyperledger/production`],
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
  services[`chaincode.${t.domain}`] = {
    image: 'node:20-bookworm-slim',
    container_name: `chaincode.${t.domain}`,
    working_dir: '/chaincode',
    command: `node node_modules/fabric-shim/cli.js server --chaincode-address=0.0.0.0:${t.chaincode.serverPort} --chaincode-id=$${'{'}CHAINCODE_PACKAGE_ID:?set CHAINCODE_PACKAGE_ID${'}'}`,
    environment: { GOVCHAIN_SUBJECT_KEY_SECRET: `$${'{'}GOVCHAIN_SUBJECT_KEY_SECRET:?set GOVCHAIN_SUBJECT_KEY_SECRET${'}'}` },
    ports: [`${t.chaincode.serverPort}:${t.chaincode.serverPort}`],
    volumes: ['./chaincode:/chaincode:ro'],
    networks: ['govchain'],
  };
  return {
    version: '3.7',
    'x-govchain': { channel: t.channel, chaincode: t.chaincode.name, endorsementPolicy: endorsementPolicy(t), generatedFrom: 'network/topology.json' },
    services,
    volumes,
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
  mkdirSync(join(dir, 'config'), { recursive: true });
  const header = '# Generated from network/topology.json by `npm run network:compose`. Do not edit by hand.\n';
  const files: Array<[string, string]> = [
    ['docker-compose.yaml', header + stringify(composeFile(t))],
    ['docker-compose.couchdb.yaml', header + stringify(couchdbOverride(t))],
    ['config/configtx.yaml', header + stringify(configtxForDocker(t))],
    ['config/collections.json', JSON.stringify(collections(t), null, 2) + '\n'],
  ];
  for (const [name, body] of files) writeFileSync(join(dir, name), body);
  return files.map(([name]) => join(dir, name));
}

/** configtx.yaml with container paths and host names instead of the native network's. */
function configtxForDocker(t: Topology): Record<string, unknown> {
  return configtx(t, { orgDir: (org) => c(org), host: (node, org) => nodeHost(node, org, t.domain) });
}
