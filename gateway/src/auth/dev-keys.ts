import { generateKeyPairSync } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Blocks the thread for `ms` (start-up only: the gateway is not serving yet). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Ensures a development ES256 key pair exists (private key mode 0600). Used only when no production
 * key source is configured; the files live under network/.data/secrets and are never committed.
 * Safe when several gateways start at once: the private key appears atomically (link), the public key last
 * (rename), and a gateway that lost the race waits (bounded) for the winner's public key.
 */
export function ensureDevKeyPair(paths: { publicKeyPath: string; privateKeyPath: string }): void {
  if (existsSync(paths.publicKeyPath) && existsSync(paths.privateKeyPath)) return;
  mkdirSync(dirname(paths.privateKeyPath), { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const tmp = `${paths.privateKeyPath}.${process.pid}.tmp`;
  writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    linkSync(tmp, paths.privateKeyPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    for (let waited = 0; !existsSync(paths.publicKeyPath); waited += 50) {
      if (waited >= 10_000) throw new Error(`${paths.privateKeyPath} exists but ${paths.publicKeyPath} did not appear; remove both to regenerate`);
      pause(50);
    }
    return;
  } finally {
    rmSync(tmp, { force: true });
  }
  const pubTmp = `${paths.publicKeyPath}.${process.pid}.tmp`;
  writeFileSync(pubTmp, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  renameSync(pubTmp, paths.publicKeyPath);
}
