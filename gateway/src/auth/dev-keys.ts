import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How long a gateway waits for another one that is writing the same key pair (they start together). */
const CONCURRENT_WRITER_WAIT_MS = 5000;

/**
 * Ensures a development ES256 key pair exists (private key mode 0600). Used only when no production
 * key source is configured; the files live under network/.data/secrets and are never committed.
 * Gateways started together race to create it: the private key is created exclusively, and a gateway that
 * loses the race waits (bounded) for the winner's public key instead of failing with EEXIST.
 */
export function ensureDevKeyPair(paths: { publicKeyPath: string; privateKeyPath: string }): void {
  if (existsSync(paths.publicKeyPath) && existsSync(paths.privateKeyPath)) return;
  mkdirSync(dirname(paths.privateKeyPath), { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  try {
    writeFileSync(paths.privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
    const deadline = Date.now() + CONCURRENT_WRITER_WAIT_MS;
    while (!existsSync(paths.publicKeyPath)) {
      if (Date.now() > deadline) throw new Error(`${paths.privateKeyPath} exists without ${paths.publicKeyPath}; remove both to regenerate the development keys`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
    return;
  }
  writeFileSync(paths.publicKeyPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
}
