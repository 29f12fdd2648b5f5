import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { caFingerprint, genesisDigest, importBundles } from './bundles';
import { NetworkError } from './errors';
import { paths } from './paths';
import { loadTopology, type Org } from './topology';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const VARS = ['GOVCHAIN_NETWORK_DATA', 'GOVCHAIN_EXCHANGE', 'GOVCHAIN_ORG', 'GOVCHAIN_CROSS_HOST_WAIT_MS'] as const;

describe('importing other hosts\' bundles from the exchange', () => {
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  const root = mkdtempSync(join(tmpdir(), 'bundles-'));
  const exchange = join(root, 'exchange');
  const t = loadTopology();
  const others = t.orgs.filter((o) => o.name !== 'PublicSecurity');
  const file = (org: Org, f: string, body: string) => {
    const p = join(exchange, 'orgs', org.name, f);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, body);
  };
  /** A complete bundle for every other org, as exportBundles writes it. */
  const publish = () => {
    rmSync(exchange, { recursive: true, force: true });
    for (const org of others) {
      for (const f of ['msp/cacerts/ca.pem', 'msp/tlscacerts/ca.pem', 'msp/config.yaml']) file(org, f, f.endsWith('.pem') ? CERT : 'NodeOUs:\n  Enable: true\n');
      if (org.kind === 'orderer') for (const o of org.orderers) file(org, `nodes/${o.name}/tls/server.crt`, CERT);
      file(org, 'bundle.json', JSON.stringify({ org: org.name, mspId: org.mspId }));
    }
  };
  before(() => {
    process.env.GOVCHAIN_NETWORK_DATA = join(root, 'data');
    process.env.GOVCHAIN_EXCHANGE = exchange;
    process.env.GOVCHAIN_ORG = 'PublicSecurity';
    process.env.GOVCHAIN_CROSS_HOST_WAIT_MS = '200';
  });
  after(() => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('copies only the files a bundle has: a stray key, config or keystore in the exchange never reaches the data directory', async () => {
    publish();
    const victim = others.find((o) => o.kind === 'department')!;
    file(victim, 'msp/keystore/key.pem', 'not a key, but nothing outside the bundle list is copied');
    file(victim, 'users/Admin/msp/signcerts/cert.pem', CERT);
    await importBundles(t);
    assert.equal(readFileSync(join(paths.org(victim.name), 'msp', 'cacerts', 'ca.pem'), 'utf8'), CERT);
    assert.ok(existsSync(join(paths.org(victim.name), 'bundle.json')));
    assert.equal(existsSync(join(paths.org(victim.name), 'msp', 'keystore')), false, 'no keystore copied');
    assert.equal(existsSync(join(paths.org(victim.name), 'users')), false, 'no users copied');
  });

  it('refuses a bundle holding a private key, a symlink, or a manifest of another MSP, each keyed', async () => {
    const victim = others.find((o) => o.kind === 'department')!;
    publish();
    file(victim, 'msp/cacerts/ca.pem', `${CERT}-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n`);
    await assert.rejects(importBundles(t), (e: unknown) => e instanceof NetworkError && e.key === 'NETWORK_SECRET_EXPOSED');
    publish();
    const target = join(root, 'elsewhere.pem');
    writeFileSync(target, CERT);
    rmSync(join(exchange, 'orgs', victim.name, 'msp', 'config.yaml'));
    symlinkSync(target, join(exchange, 'orgs', victim.name, 'msp', 'config.yaml'));
    await assert.rejects(importBundles(t), (e: unknown) => e instanceof NetworkError && e.key === 'CRYPTO_INVALID' && /not a regular file/.test(e.message));
    publish();
    file(victim, 'bundle.json', JSON.stringify({ org: victim.name, mspId: 'EvilMSP' }));
    await assert.rejects(importBundles(t), (e: unknown) => e instanceof NetworkError && e.key === 'CRYPTO_INVALID' && /names MSP EvilMSP/.test(e.message));
  });
});

describe('fingerprints to compare out of band', () => {
  it('are the CA certificate\'s SHA-256, or "unreadable"', () => {
    const saved = process.env.GOVCHAIN_NETWORK_DATA;
    const root = mkdtempSync(join(tmpdir(), 'fp-'));
    process.env.GOVCHAIN_NETWORK_DATA = root;
    try {
      assert.equal(caFingerprint('Nobody'), 'unreadable');
      mkdirSync(join(paths.orgMsp('A'), 'cacerts'), { recursive: true });
      writeFileSync(join(paths.orgMsp('A'), 'cacerts', 'ca.pem'), CERT);
      assert.equal(caFingerprint('A'), 'unreadable', 'a file that is no certificate');
      mkdirSync(dirname(paths.genesisBlock()), { recursive: true });
      writeFileSync(paths.genesisBlock(), 'block');
      assert.equal(genesisDigest(), createHash('sha256').update('block').digest('hex'));
    } finally {
      if (saved === undefined) delete process.env.GOVCHAIN_NETWORK_DATA;
      else process.env.GOVCHAIN_NETWORK_DATA = saved;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
