import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findNode, nodeCatalogue } from './catalogue';
import { NetworkError } from './errors';
import { allPorts, departments, loadTopology } from './topology';

describe('node catalogue', () => {
  const t = loadTopology();

  it('has every CA, orderer, peer and the chaincode server once, with the ports allPorts gives them', () => {
    const nodes = nodeCatalogue(t);
    const oo = t.orgs.find((o) => o.kind === 'orderer');
    const orderers = oo?.kind === 'orderer' ? oo.orderers.length : 0;
    const peers = departments(t).reduce((n, o) => n + o.peers.length, 0);
    assert.equal(nodes.length, t.orgs.length + orderers + peers + 1);
    assert.equal(new Set(nodes.map((n) => n.name)).size, nodes.length, 'names are unique');
    const owned = nodes.flatMap((n) => n.ports);
    // Every port but the gateways' (not network nodes) belongs to exactly one node.
    assert.deepEqual(owned.map(([, p]) => p).sort(), allPorts(t).filter(([l]) => !l.endsWith(' gateway')).map(([, p]) => p).sort());
    for (const n of nodes) assert.ok(n.ports.length > 0, `${n.name} binds ports`);
  });

  it('finds a node by full name or a unique leading part, case-insensitively', () => {
    assert.equal(findNode(t, 'orderer1').name, 'orderer1.orderer.gov.local');
    assert.equal(findNode(t, 'PEER0.PublicSecurity').name, 'peer0.publicsecurity.gov.local');
    assert.equal(findNode(t, 'peer0.publicsecurity.gov.local').kind, 'peer');
    assert.equal(findNode(t, 'ca.PublicSecurity').kind, 'ca');
    assert.equal(findNode(t, 'chaincode').kind, 'chaincode');
  });

  it('refuses an unknown or ambiguous name with NODE_UNKNOWN listing the names', () => {
    for (const bad of ['peer0', 'orderer', 'peer0.public', 'nope']) {
      assert.throws(() => findNode(t, bad), (err: unknown) => err instanceof NetworkError && err.key === 'NODE_UNKNOWN' && /orderer1\.orderer\.gov\.local/.test(err.hint ?? ''), bad);
    }
  });
});
