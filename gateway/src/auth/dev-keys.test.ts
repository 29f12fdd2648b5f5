import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('gateways starting at once agree on one dev key pair (no EEXIST, no half-written key)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'devkeys-'));
  try {
    const paths = { publicKeyPath: join(dir, 's', 'pub.pem'), privateKeyPath: join(dir, 's', 'priv.pem') };
    const script = `require(${JSON.stringify(join(__dirname, 'dev-keys.js'))}).ensureDevKeyPair(${JSON.stringify(paths)})`;
    const codes = await Promise.all(Array.from({ length: 6 }, () => new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['-e', script], { stdio: 'ignore' }).once('exit', resolve);
    })));
    assert.deepEqual(codes, [0, 0, 0, 0, 0, 0]);
    const data = Buffer.from('x');
    const signature = sign('sha256', data, createPrivateKey(readFileSync(paths.privateKeyPath)));
    assert.equal(verify('sha256', data, createPublicKey(readFileSync(paths.publicKeyPath)), signature), true, 'the public key matches the private key');
    assert.deepEqual(readdirSync(join(dir, 's')).sort(), ['priv.pem', 'pub.pem'], 'no temporary files left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
