import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

test('gateways started together create one matching development key pair (no EEXIST)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'devkeys-'));
  const paths = { publicKeyPath: join(dir, 'secrets', 'pub.pem'), privateKeyPath: join(dir, 'secrets', 'priv.pem') };
  // Every process loads the module, then waits for one common instant, so that they really race.
  const start = Date.now() + 1500;
  const script = `const k = require(${JSON.stringify(resolve(__dirname, 'dev-keys.js'))}); while (Date.now() < ${start}); k.ensureDevKeyPair(${JSON.stringify(paths)})`;
  const codes = await Promise.all(Array.from({ length: 8 }, () => new Promise<number>((done) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    child.on('exit', (code) => done(code ?? 1));
  })));
  assert.deepEqual(codes, Array(8).fill(0));
  const derived = createPublicKey(createPrivateKey(readFileSync(paths.privateKeyPath))).export({ type: 'spki', format: 'pem' });
  assert.equal(readFileSync(paths.publicKeyPath, 'utf8'), derived, 'the public key belongs to the private key');
});
