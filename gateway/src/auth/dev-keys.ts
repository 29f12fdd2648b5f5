import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Ensures a development ES256 key pair exists (private key mode 0600). Used only when no production
 * key source is configured; the files live under network/.data/secrets and are never committed.
 */
export function ensureDevKeyPair(paths: { publicKeyPath: string; privateKeyPath: string }): void {
  if (existsSync(paths.publicKeyPath) && existsSync(paths.privateKeyPath)) return;
  mkdirSync(dirname(paths.privateKeyPath), { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(paths.privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(paths.publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
}
