import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bootstrapSecretFile, CaClient, caInvocation } from './ca';
import { installPeerGuard, isPeerCertificate } from './ccaas-peer-guard';
import { networkDir, loadTopology } from './topology';
import type { Toolchain } from './toolchain';

/** A fake fabric-ca-client that records its argv and the secret-carrying variables, one JSON line per run. */
function fakeToolchain(dir: string): { tc: Toolchain; runs: () => Array<{ argv: string[]; url?: string; idSecret?: string }> } {
  const log = join(dir, 'runs.jsonl');
  const script = join(dir, 'fabric-ca-client');
  writeFileSync(
    script,
    `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv: process.argv.slice(2), url: process.env.FABRIC_CA_CLIENT_URL, idSecret: process.env.FABRIC_CA_CLIENT_ID_SECRET }) + '\\n');\n`,
  );
  chmodSync(script, 0o755);
  const tc: Toolchain = { binDir: dir, configDir: dir, bin: () => script };
  return { tc, runs: () => readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { argv: string[]; url?: string; idSecret?: string }) };
}

describe('secrets never reach a command line', () => {
  it('caInvocation puts the CA URL credentials and a new identity secret into the environment only', () => {
    const inv = caInvocation(['register', '--id.name', 'x'], { url: 'https://admin:s3cret@127.0.0.1:7054', idSecret: 'idsecret' });
    assert.deepEqual(inv.args, ['register', '--id.name', 'x']);
    assert.deepEqual(inv.env, { FABRIC_CA_CLIENT_URL: 'https://admin:s3cret@127.0.0.1:7054', FABRIC_CA_CLIENT_ID_SECRET: 'idsecret' });
  });

  it('the CA client enrols the bootstrap admin and registers identities with no secret in argv (fake fabric-ca-client)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-secrets-'));
    const prev = process.env.GOVCHAIN_NETWORK_DATA;
    process.env.GOVCHAIN_NETWORK_DATA = join(dir, 'data');
    try {
      const t = loadTopology(resolve(networkDir, 'topology.json'));
      const org = t.orgs[1]!;
      const { tc, runs } = fakeToolchain(dir);
      const ca = new CaClient(t, tc, org);
      await ca.enrollRegistrar();
      const enrolmentSecret = await ca.register('clerk9.x', 'client', { 'govchain.role': 'clerk' });
      const bootstrap = readFileSync(bootstrapSecretFile(org), 'utf8');
      assert.equal(statSync(bootstrapSecretFile(org)).mode & 0o777, 0o600, 'bootstrap secret file is 0600');
      const [enrol, register] = runs();
      assert.ok(enrol && register);
      for (const run of [enrol, register]) {
        const argv = run.argv.join(' ');
        assert.ok(!argv.includes(bootstrap), `bootstrap secret on the command line: ${argv}`);
        assert.ok(!argv.includes(enrolmentSecret), `enrolment secret on the command line: ${argv}`);
        assert.doesNotMatch(argv, /-u |--id\.secret|-b /);
      }
      assert.equal(enrol.url, `https://admin:${bootstrap}@${t.host}:${org.ca.port}`);
      assert.equal(register.idSecret, enrolmentSecret);
      assert.equal(register.url, `https://${t.host}:${org.ca.port}`);
    } finally {
      if (prev === undefined) delete process.env.GOVCHAIN_NETWORK_DATA;
      else process.env.GOVCHAIN_NETWORK_DATA = prev;
    }
  });
});

describe('ccaas builder release: mutual TLS without a key in the package', () => {
  const release = resolve(networkDir, 'builders', 'ccaas', 'bin', 'release');
  const pemPair = (dir: string) => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-subj', '/CN=peer', '-days', '1'], { stdio: 'ignore' });
    return { cert: join(dir, 'c.pem'), key: join(dir, 'k.pem') };
  };

  it("adds the peer's own client certificate and key (mode 0600) and keeps the pinned root", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccaas-'));
    const { cert, key } = pemPair(dir);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'connection.json'), JSON.stringify({ address: '127.0.0.1:7999', dial_timeout: '10s', tls_required: true, client_auth_required: true, root_cert: 'PINNED' }));
    execFileSync('bash', [release, join(dir, 'out'), join(dir, 'rel')], { env: { ...process.env, GOVCHAIN_CCAAS_CLIENT_CERT: cert, GOVCHAIN_CCAAS_CLIENT_KEY: key } });
    const file = join(dir, 'rel', 'chaincode', 'server', 'connection.json');
    const c = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    assert.equal(c.root_cert, 'PINNED');
    assert.equal(c.client_cert, readFileSync(cert, 'utf8'));
    assert.equal(c.client_key, readFileSync(key, 'utf8'));
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('fails with a clear message when TLS is required but no client identity is configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccaas-'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'connection.json'), JSON.stringify({ address: 'x:1', tls_required: true, client_auth_required: true, root_cert: 'R' }));
    const env = { ...process.env };
    delete env.GOVCHAIN_CCAAS_CLIENT_CERT;
    assert.throws(() => execFileSync('bash', [release, join(dir, 'out'), join(dir, 'rel')], { env, stdio: 'pipe' }), /GOVCHAIN_CCAAS_CLIENT_CERT/);
  });
});

describe('chaincode server peer guard', () => {
  it('recognises a peer certificate by its OU', async () => {

    assert.equal(isPeerCertificate({ subject: { OU: 'peer', CN: 'peer0' } as never }), true);
    assert.equal(isPeerCertificate({ subject: { OU: ['peer', 'org1'], CN: 'peer0' } as never }), true);
    assert.equal(isPeerCertificate({ subject: { OU: 'client', CN: 'clerk1' } as never }), false);
    assert.equal(isPeerCertificate({ subject: { CN: 'x' } as never }), false);
    assert.equal(isPeerCertificate(undefined), false);
  });

  it("admits peers to fabric-shim's connect and ends anyone else's stream with PERMISSION_DENIED", async () => {

    const dir = mkdtempSync(join(tmpdir(), 'guard-'));
    const file = join(dir, 'server.js');
    writeFileSync(file, 'class S { connect(stream) { stream.connected = true; } }\nmodule.exports = S;\n');
    installPeerGuard(file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const S = require(file) as new () => { connect(s: unknown): void };
    const stream = (ou: string) => {
      const s = { connected: false, errors: [] as Array<{ code: number }>, getAuthContext: () => ({ sslPeerCertificate: { subject: { OU: ou } } }), emit: (_e: string, err: { code: number }) => s.errors.push(err) };
      return s;
    };
    const peer = stream('peer');
    const clerk = stream('client');
    new S().connect(peer);
    new S().connect(clerk);
    assert.equal(peer.connected, true);
    assert.equal(clerk.connected, false);
    assert.deepEqual(clerk.errors.map((e) => e.code), [7]);
  });
});
