import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundlesHoldNoKey } from './bundles';
import { NetworkError } from './errors';
import { certificateHosts, containerAddress, driverName, localOrgs, nodeRefs, opsHost, runsEverything, serviceHost } from './placement';
import { loadTopology } from './topology';

const saved = { driver: process.env.GOVCHAIN_DRIVER, org: process.env.GOVCHAIN_ORG };
const restore = (name: 'GOVCHAIN_DRIVER' | 'GOVCHAIN_ORG', value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

describe('placement: where each node runs and is reached', () => {
  const t = loadTopology();
  afterEach(() => {
    restore('GOVCHAIN_DRIVER', saved.driver);
    restore('GOVCHAIN_ORG', saved.org);
  });

  it('native: service endpoints on the topology host, operations and admin on loopback', () => {
    delete process.env.GOVCHAIN_DRIVER;
    for (const n of nodeRefs(t)) {
      assert.equal(serviceHost(t, n.name), t.host);
      assert.equal(opsHost(t, n.name), '127.0.0.1');
    }
  });

  it('compose: one distinct address per node on the topology subnet, used for service and operations alike, and in its TLS certificate', () => {
    process.env.GOVCHAIN_DRIVER = 'compose';
    const seen = new Set<string>();
    nodeRefs(t).forEach((n, i) => {
      const addr = serviceHost(t, n.name);
      assert.equal(addr, containerAddress(t, i));
      assert.equal(opsHost(t, n.name), addr);
      assert.ok(certificateHosts(t, n.name, `${n.name}.dns`).includes(addr), `${n.name}'s certificate carries ${addr}`);
      seen.add(addr);
    });
    assert.equal(seen.size, nodeRefs(t).length);
  });

  it('refuses an unknown driver and an unknown org with INVALID_ARGUMENT', () => {
    process.env.GOVCHAIN_DRIVER = 'kubernetes';
    assert.throws(() => driverName(), (e: unknown) => e instanceof NetworkError && e.key === 'INVALID_ARGUMENT');
    delete process.env.GOVCHAIN_DRIVER;
    process.env.GOVCHAIN_ORG = 'PublicSecurity,Nowhere';
    assert.throws(() => localOrgs(t), (e: unknown) => e instanceof NetworkError && e.key === 'INVALID_ARGUMENT' && /Nowhere/.test(e.message));
  });

  it('GOVCHAIN_ORG narrows the local orgs (by name or MSP id); unset, this machine runs every org', () => {
    delete process.env.GOVCHAIN_ORG;
    assert.ok(runsEverything(t));
    process.env.GOVCHAIN_ORG = 'PublicSecurity, NaturalResourcesMSP';
    assert.deepEqual(localOrgs(t).map((o) => o.name).sort(), ['NaturalResources', 'PublicSecurity']);
    assert.equal(runsEverything(t), false);
  });
});

describe('public bundles', () => {
  it('pass with certificates only and fail with NETWORK_SECRET_EXPOSED when a private key is among them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exchange-'));
    mkdirSync(join(dir, 'orgs', 'A', 'msp', 'cacerts'), { recursive: true });
    writeFileSync(join(dir, 'orgs', 'A', 'msp', 'cacerts', 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    assert.equal(bundlesHoldNoKey(dir), 1);
    writeFileSync(join(dir, 'orgs', 'A', 'msp', 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    assert.throws(() => bundlesHoldNoKey(dir), (e: unknown) => e instanceof NetworkError && e.key === 'NETWORK_SECRET_EXPOSED' && /key\.pem/.test(e.message));
  });
});
