import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collections } from './chaincode';
import { bootstrapInput } from './seed';
import { departments, loadTopology } from './topology';
import { NetworkError } from './errors';

describe('topology: sealing orgs and anchors collections', () => {
  it('seeds the orgs marked "seals" as the governance config\'s sealing orgs', () => {
    const t = loadTopology();
    assert.deepEqual(bootstrapInput(t).sealingOrgs, departments(t).filter((o) => o.seals).map((o) => o.mspId));
    assert.deepEqual(bootstrapInput(t).sealingOrgs, ['PublicSecurityMSP']);
  });

  it('refuses an investigator in an org the topology does not let seal', () => {
    const t = loadTopology();
    const mr = departments(t).find((o) => o.name === 'MarketRegulation');
    mr?.operators.push({ id: 'investigator9', role: 'investigator' });
    const file = join(mkdtempSync(join(tmpdir(), 'topo-')), 'topology.json');
    writeFileSync(file, JSON.stringify(t));
    assert.throws(() => loadTopology(file), (err: unknown) => err instanceof NetworkError && err.key === 'TOPOLOGY_INVALID' && /MarketRegulation has an investigator but may not seal/.test(err.message));
  });

  it('gives every department an anchors collection that only its own peer can endorse, written by any client, read by hash', () => {
    const t = loadTopology();
    const all = collections(t) as Array<{ name: string; endorsementPolicy: { signaturePolicy: string }; memberOnlyWrite: boolean; memberOnlyRead: boolean }>;
    for (const o of departments(t)) {
      const c = all.find((x) => x.name === `${o.mspId}Anchors`);
      assert.ok(c, `${o.name} has an anchors collection`);
      assert.equal(c.endorsementPolicy.signaturePolicy, `OR('${o.mspId}.peer')`);
      assert.deepEqual([c.memberOnlyWrite, c.memberOnlyRead], [false, true]);
    }
  });
});
