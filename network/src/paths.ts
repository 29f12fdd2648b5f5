import { resolve } from 'node:path';
import { dataDir } from './profile';
import { networkDir } from './topology';

/** Where every generated file of the native network lives; all of it is under dataDir() and removed by down. */
export const paths = {
  root: () => dataDir(),
  state: () => resolve(dataDir(), 'state.json'),
  logs: () => resolve(dataDir(), 'logs'),
  log: (node: string) => resolve(dataDir(), 'logs', `${node}.log`),
  secrets: () => resolve(dataDir(), 'secrets'),
  channelDir: () => resolve(dataDir(), 'channel'),
  genesisBlock: () => resolve(dataDir(), 'channel', 'genesis.block'),
  chaincodeDir: () => resolve(dataDir(), 'chaincode'),
  org: (org: string) => resolve(dataDir(), 'orgs', org),
  caHome: (org: string) => resolve(dataDir(), 'orgs', org, 'ca'),
  caTlsCert: (org: string) => resolve(dataDir(), 'orgs', org, 'ca', 'tls-cert.pem'),
  clientHome: (org: string) => resolve(dataDir(), 'orgs', org, 'ca-client'),
  orgMsp: (org: string) => resolve(dataDir(), 'orgs', org, 'msp'),
  tlsRoot: (org: string) => resolve(dataDir(), 'orgs', org, 'msp', 'tlscacerts', 'ca.pem'),
  node: (org: string, node: string) => resolve(dataDir(), 'orgs', org, 'nodes', node),
  user: (org: string, user: string) => resolve(dataDir(), 'orgs', org, 'users', user),
  builders: () => resolve(networkDir, 'builders'),
  chaincodeWorkspace: () => resolve(networkDir, '..', 'chaincode'),
};

/** Name of a node as it appears in logs, status and TLS certificates. */
export function nodeHost(node: string, org: string, domain: string): string {
  return `${node}.${org.toLowerCase()}.${domain}`;
}

/**
 * Where native operations (health, metrics) and admin endpoints listen: loopback, whatever `host` the topology
 * gives the service endpoints, so they are never reachable from another machine.
 */
export const OPS_HOST = '127.0.0.1';
