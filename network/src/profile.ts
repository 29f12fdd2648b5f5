import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Role } from '@govchain/chaincode';
import { NetworkError } from './errors';
import { networkDir } from './topology';

/** An operator identity enrolled by its org's Fabric CA (role and operator id are certificate attributes). */
export interface OperatorIdentity {
  id: string;
  role: Role;
  certPath: string;
  keyPath: string;
}

/** What a client of one department needs to reach the network: written by `network:up`. */
export interface OrgProfile {
  name: string;
  mspId: string;
  peerEndpoint: string;
  /** TLS server name of the peer (its certificate carries it, plus localhost and 127.0.0.1). */
  peerHostAlias: string;
  tlsRootCertPath: string;
  caUrl: string;
  /** `--ca.name` of the org's CA, the root its TLS is verified against, and its signing certificate (the issuer of every operator certificate). */
  caName: string;
  caTlsCertPath: string;
  caCertPath: string;
  gatewayPort: number;
  governs: boolean;
  registers: string[];
  /** Directory holding one `<operatorId>/msp/{signcerts,keystore}` per enrolled operator. */
  usersDir: string;
  operators: OperatorIdentity[];
}

/** The generated connection profile at network/.data/connection-profile.json. */
export interface ConnectionProfile {
  channel: string;
  chaincode: string;
  createdAt: string;
  orgs: OrgProfile[];
}

/** Root of all generated network data (crypto, ledgers, logs; the compose project); removed by `network:down`. */
export function dataDir(): string {
  // The compose deployment keeps its own directory (its compose project), so it never mixes with a native network.
  const own = process.env.GOVCHAIN_DRIVER === 'compose' ? '.data-compose' : '.data';
  return resolve(process.env.GOVCHAIN_NETWORK_DATA ?? resolve(networkDir, own));
}

/** Path of the generated connection profile. */
export function profilePath(): string {
  return resolve(dataDir(), 'connection-profile.json');
}

/** Loads the connection profile; throws with key NETWORK_NOT_UP when the network has not been brought up. */
export function loadConnectionProfile(path = profilePath()): ConnectionProfile {
  if (!existsSync(path)) {
    throw new NetworkError('NETWORK_NOT_UP', `no connection profile at ${path}`, 'run "npm run network:up" first');
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ConnectionProfile;
}
