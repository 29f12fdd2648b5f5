import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConnectionProfile } from '@govchain/connection';
import { NetworkError } from './errors';
import { networkDir } from './topology';

// The profile's format is @govchain/connection's: the gateway reads it from there, without this launcher.
export type { ConnectionProfile, OperatorIdentity, OrgProfile } from '@govchain/connection';

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
