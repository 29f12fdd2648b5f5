import { existsSync, readFileSync } from 'node:fs';
import type { ConnectionProfile } from '@govchain/connection';
import { ConfigError } from './config-error';

/**
 * Reads the connection profile the gateway is configured with. A missing file, or one without the fields this
 * gateway needs (a profile written by an older launcher), is a configuration error naming the file.
 */
export function readConnectionProfile(path: string): ConnectionProfile {
  const bad = (why: string): ConfigError =>
    new ConfigError('invalid gateway configuration', [`GOVCHAIN_CONNECTION_PROFILE (--connection-profile): ${why}; bring the network up ("npm run network:up") or point it at the department's profile`]);
  if (!existsSync(path)) throw bad(`no connection profile at ${path}`);
  let profile: Partial<ConnectionProfile>;
  try {
    profile = JSON.parse(readFileSync(path, 'utf8')) as Partial<ConnectionProfile>;
  } catch {
    throw bad(`${path} is not JSON`);
  }
  const missing: string[] = (['channel', 'chaincode', 'endorsementPolicy'] as const).filter((k) => typeof profile[k] !== 'string');
  for (const list of ['orgs', 'trustAnchors'] as const) if (!Array.isArray(profile[list])) missing.push(list);
  if (missing.length > 0) throw bad(`${path} lacks ${missing.join(', ')}`);
  return profile as ConnectionProfile;
}
