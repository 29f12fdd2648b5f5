import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NetworkError } from './errors';
import { applyOverlay, parseOverlay, readOverlay } from './overlay';
import { certificateHosts, nodeRefs, orgAddress, serviceHost } from './placement';
import { configtx } from './configtx';
import { departments, loadTopology, networkDir, topologyPath } from './topology';

const saved = process.env.GOVCHAIN_TOPOLOGY_OVERLAY;
const testOverlay = resolve(networkDir, 'hosts', 'netns-test.json');
const raw = () => JSON.parse(readFileSync(topologyPath(), 'utf8')) as { orgs: Array<{ name: string; address?: string }> };
const keyed = (key: string, pattern?: RegExp) => (err: unknown) => err instanceof NetworkError && err.key === key && (!pattern || pattern.test(err.message));

describe('hosts overlay: the topology spread over hosts, as data', () => {
  afterEach(() => {
    if (saved === undefined) delete process.env.GOVCHAIN_TOPOLOGY_OVERLAY;
    else process.env.GOVCHAIN_TOPOLOGY_OVERLAY = saved;
  });

  it('gives each org the address of its host and keeps only the orgs it names, in topology order', () => {
    const out = applyOverlay(raw(), parseOverlay({ only: ['PublicSecurity', 'Orderer', 'GovServiceCenter'], orgs: { Orderer: { address: '10.1.0.2' }, PublicSecurity: { address: 'ps.example' } } })) as ReturnType<typeof raw>;
    assert.deepEqual(out.orgs.map((o) => o.name), ['Orderer', 'GovServiceCenter', 'PublicSecurity']);
    assert.deepEqual(out.orgs.map((o) => o.address), ['10.1.0.2', undefined, 'ps.example']);
  });

  it('leaves the topology it is given unchanged', () => {
    const before = raw();
    const copy = JSON.stringify(before);
    applyOverlay(before, parseOverlay({ orgs: { Orderer: { address: '10.1.0.2' } } }));
    assert.equal(JSON.stringify(before), copy);
  });

  it('refuses an org the topology does not have (TOPOLOGY_INVALID), in `only` and in `orgs` alike', () => {
    assert.throws(() => applyOverlay(raw(), parseOverlay({ orgs: { Nowhere: { address: '10.1.0.9' } } })), keyed('TOPOLOGY_INVALID', /Nowhere/));
    assert.throws(() => applyOverlay(raw(), parseOverlay({ only: ['Orderer', 'Typo'], orgs: {} })), keyed('TOPOLOGY_INVALID', /Typo/));
  });

  it('refuses a malformed overlay with one line per problem', () => {
    assert.throws(() => parseOverlay({ orgs: { Orderer: { address: '10.1.0.2', port: 1 } }, subnet: '10.1.0.0/16' }), (err: unknown) =>
      err instanceof NetworkError && err.key === 'TOPOLOGY_INVALID' && (err.details as string[]).length === 2);
    assert.throws(() => readOverlay('/nonexistent/overlay.json'), keyed('TOPOLOGY_INVALID', /cannot read/));
  });

  it('loadTopology applies GOVCHAIN_TOPOLOGY_OVERLAY: addresses reach endpoints, TLS certificate names and the genesis config', () => {
    process.env.GOVCHAIN_TOPOLOGY_OVERLAY = testOverlay;
    const overlay = readOverlay(testOverlay);
    const t = loadTopology();
    assert.deepEqual(t.orgs.map((o) => o.name), overlay.only);
    for (const n of nodeRefs(t)) {
      const address = overlay.orgs[n.org]!.address;
      assert.equal(orgAddress(t, n.org), address);
      assert.equal(serviceHost(t, n.name), address, `${n.name} listens on its host's address`);
      assert.ok(certificateHosts(t, n.name, n.name).includes(address), `${n.name}'s certificate carries ${address}`);
    }
    const profile = (configtx(t).Profiles as { GovChannel: { Application: { Organizations: Array<{ AnchorPeers: Array<{ Host: string }> }> } } }).GovChannel;
    assert.deepEqual(profile.Application.Organizations.map((o) => o.AnchorPeers[0]!.Host), departments(t).map((o) => overlay.orgs[o.name]!.address));
    // The reduced network is still a valid one: endorsement by 2 of its 3 departments.
    assert.equal(departments(t).length, 3);
  });

  it('the test overlay gives every org its own address on its subnet', () => {
    const overlay = readOverlay(testOverlay);
    const addresses = Object.values(overlay.orgs).map((o) => o.address);
    assert.equal(new Set(addresses).size, addresses.length);
    const prefix = overlay.subnet!.replace(/0\/24$/, '');
    for (const a of addresses) assert.ok(a.startsWith(prefix) && !a.endsWith('.1') && !a.endsWith('.0'), `${a} is a host address on ${overlay.subnet}`);
  });

  it('a topology of the wrong shape under an overlay is TOPOLOGY_INVALID from its own validation, never a TypeError', () => {
    const overlay = parseOverlay({ orgs: { PublicSecurity: { address: '10.1.0.3' } } });
    for (const bad of [null, 7, [], { orgs: 'x' }, { orgs: [null, 5] }]) {
      assert.deepEqual(applyOverlay(bad, overlay), bad, 'left as it is');
    }
    const dir = mkdtempSync(join(tmpdir(), 'overlay-'));
    writeFileSync(join(dir, 'topology.json'), JSON.stringify({ orgs: [null] }));
    writeFileSync(join(dir, 'overlay.json'), JSON.stringify({ orgs: {} }));
    process.env.GOVCHAIN_TOPOLOGY_OVERLAY = join(dir, 'overlay.json');
    assert.throws(() => loadTopology(join(dir, 'topology.json')), keyed('TOPOLOGY_INVALID', /invalid/));
  });
});
