import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCa } from '../../testing/test-ca';
import { fileIdentityStore } from './identity-store';

test('a gateway without the development flag never loads an operator key file, only its service identity\'s', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'users-'));
  const ca = await createTestCa();
  for (const [id, role] of [['clerk1', 'clerk'], ['auditor1', 'auditor']] as const) {
    const msp = join(dir, id, 'msp');
    mkdirSync(join(msp, 'signcerts'), { recursive: true });
    mkdirSync(join(msp, 'keystore'), { recursive: true });
    writeFileSync(join(msp, 'signcerts', 'cert.pem'), (await ca.issue({ operatorId: id, role })).certificatePem);
    writeFileSync(join(msp, 'keystore', 'key.pem'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  }
  const store = fileIdentityStore('PublicSecurityMSP', dir, { mayHoldKey: (id) => id === 'auditor1' });
  const clerk = store.find('clerk1');
  assert.equal(clerk?.role, 'clerk', 'the certificate is known');
  assert.equal(clerk?.privateKey, undefined, 'the key file is not read');
  assert.ok(store.find('auditor1')?.privateKey, 'the service identity keeps its key');
  const dev = fileIdentityStore('PublicSecurityMSP', dir);
  assert.ok(dev.find('clerk1')?.privateKey, 'the default (development) policy loads keys');
  // An operator enrolled with a client-held key has a certificate and no keystore at all.
  mkdirSync(join(dir, 'reg9', 'msp', 'signcerts'), { recursive: true });
  assert.equal(store.find('reg9'), undefined, 'no certificate yet: not enrolled');
  writeFileSync(join(dir, 'reg9', 'msp', 'signcerts', 'cert.pem'), (await ca.issue({ operatorId: 'reg9', role: 'registrar' })).certificatePem);
  assert.equal(store.find('reg9')?.role, 'registrar', 'found once the certificate is there');
});
