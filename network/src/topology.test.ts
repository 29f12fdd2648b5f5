import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allPorts, departments, loadTopology, nodeEnv } from './topology';
import { NetworkError } from './errors';

const writeVariant = (mutate: (t: ReturnType<typeof loadTopology>) => void): string => {
  const t = loadTopology();
  mutate(t);
  const file = join(mkdtempSync(join(tmpdir(), 'topo-')), 'topology.json');
  writeFileSync(file, JSON.stringify(t));
  return file;
};

const rejectsWith = (file: string, pattern: RegExp) =>
  assert.throws(() => loadTopology(file), (err: unknown) => err instanceof NetworkError && err.key === 'TOPOLOGY_INVALID' && pattern.test(err.message));

describe('topology', () => {
  it('loads the default topology: 3 orderers, >= 4 departments with one peer each, one governance org', () => {
    const t = loadTopology();
    const deps = departments(t);
    assert.ok(deps.length >= 4);
    assert.equal(deps.filter((d) => d.governs).length, 1);
    for (const d of deps) assert.equal(d.peers.length, 1);
    const types = new Set(deps.flatMap((d) => d.registers));
    for (const r of ['identity', 'property', 'business', 'copyright']) assert.ok(types.has(r as never), `someone registers ${r}`);
    assert.equal(new Set(allPorts(t).map(([, p]) => p)).size, allPorts(t).length, 'no port used twice');
  });

  it('rejects a port used twice, naming both users', () => {
    const orderers = loadTopology().orgs.find((o) => o.kind === 'orderer');
    assert.ok(orderers?.kind === 'orderer');
    const taken = orderers.orderers[0]!.port;
    rejectsWith(writeVariant((t) => { const o = t.orgs[1]; if (o?.kind === 'department') o.peers[0]!.port = taken; }), new RegExp(`port ${taken} is used by both`));
  });

  it('rejects an endorsement policy one department could satisfy alone', () => {
    rejectsWith(writeVariant((t) => (t.chaincode.endorsement.outOf = 1)), /no department endorses alone/);
  });

  it('rejects two governance orgs and unknown fields', () => {
    rejectsWith(writeVariant((t) => t.orgs.forEach((o) => { if (o.kind === 'department') o.governs = true; })), /exactly one department org must have "governs"/);
    rejectsWith(writeVariant((t) => Object.assign(t, { surprise: 1 })), /surprise|unrecognized/i);
  });

  it('passes GOMAXPROCS to native nodes only when the topology sets it, and refuses 0', () => {
    const t = loadTopology();
    assert.equal(nodeEnv({ ...t, native: { ...t.native, goMaxProcs: 1 } }, { A: 'b' }).GOMAXPROCS, '1');
    assert.equal(nodeEnv({ ...t, native: { ...t.native, goMaxProcs: null } }, { A: 'b' }).GOMAXPROCS, process.env.GOMAXPROCS);
    assert.equal(nodeEnv(t, { A: 'b' }).A, 'b');
    rejectsWith(writeVariant((t) => (t.native.goMaxProcs = 0)), /goMaxProcs/);
  });

  it('reports a missing file with the stable key', () => {
    rejectsWith('/nonexistent/topology.json', /cannot read topology/);
  });
});
