import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkError } from './errors';
import { checkJoin, enoughSigners, nextDefinition, parseAddFlags, parseSignFlags, topologyDepartment } from './org-join';
import { DepartmentOrg, departments, loadTopology, Topology } from './topology';

const keyed = (key: string, pattern?: RegExp) => (err: unknown) =>
  err instanceof NetworkError && err.key === key && (!pattern || pattern.test(`${err.message} ${err.hint ?? ''}`));

/** The repository topology plus one department, TaxBureau, that is not on the channel yet. */
function joined(): { t: Topology; org: DepartmentOrg; members: string[] } {
  const t = loadTopology();
  const base = departments(t);
  const org: DepartmentOrg = { ...base.at(-1)!, name: 'TaxBureau', mspId: 'TaxBureauMSP', registers: [], seals: false };
  return { t: { ...t, orgs: [...t.orgs, org] }, org, members: base.map((o) => o.mspId) };
}

describe('org:add rules', () => {
  it('parses the flags and names a bad or missing one', () => {
    assert.deepEqual(parseAddFlags(['--org', 'TaxBureau']), { org: 'TaxBureau' });
    assert.deepEqual(parseAddFlags(['--org', 'TaxBureau', '--prepare']), { org: 'TaxBureau', prepare: true });
    assert.deepEqual(parseSignFlags(['--org', 'TaxBureau', '--as', 'PublicSecurity']), { org: 'TaxBureau', as: 'PublicSecurity' });
    assert.throws(() => parseAddFlags([]), keyed('INVALID_ARGUMENT', /--org/));
    assert.throws(() => parseAddFlags(['--org', 'X', '--force']), keyed('INVALID_ARGUMENT', /force/));
    assert.throws(() => parseSignFlags(['--org', 'X']), keyed('INVALID_ARGUMENT', /--as/));
  });

  it('finds the joining department by name or MSP id; the orderer org or an unknown name is ORG_UNKNOWN', () => {
    const { t, org } = joined();
    assert.equal(topologyDepartment(t, 'TaxBureau'), org);
    assert.equal(topologyDepartment(t, 'TaxBureauMSP'), org);
    assert.throws(() => topologyDepartment(t, 'Nowhere'), keyed('ORG_UNKNOWN', /add the department to the topology/));
    assert.throws(() => topologyDepartment(t, 'Orderer'), keyed('ORG_UNKNOWN', /orderer org/));
  });

  it('lets a department join when it is the only one outside the channel and the topology has every member', () => {
    const { t, org, members } = joined();
    assert.deepEqual(checkJoin(t, org, members).map((o) => o.mspId), members);
  });

  it('refuses an org already in the channel, a channel member the topology lacks, and two joining at once', () => {
    const { t, org, members } = joined();
    assert.throws(() => checkJoin(t, org, [...members, org.mspId]), keyed('ORG_IN_CHANNEL'));
    assert.throws(() => checkJoin(t, org, [...members, 'GhostMSP']), keyed('TOPOLOGY_MISSING_ORG', /GhostMSP/));
    assert.throws(() => checkJoin(t, org, members.slice(1)), keyed('TOPOLOGY_MISSING_ORG', /one department at a time/));
  });

  it('needs the signatures of a majority of the existing orgs, each counted once, members only', () => {
    const { t, org, members } = joined();
    const orgs = checkJoin(t, org, members);
    assert.equal(orgs.length, 5);
    assert.deepEqual(enoughSigners(orgs, members.slice(0, 3)), members.slice(0, 3));
    assert.throws(() => enoughSigners(orgs, members.slice(0, 2)), keyed('SIGNATURES_MISSING', /2 of the 3/));
    assert.throws(() => enoughSigners(orgs, [members[0]!, members[0]!, members[1]!]), keyed('SIGNATURES_MISSING', /2 of the 3/));
    assert.throws(() => enoughSigners(orgs, [members[0]!, members[1]!, org.mspId, 'GhostMSP']), keyed('SIGNATURES_MISSING', /org:sign/));
  });

  it('moves the chaincode definition to the sequence after the committed one', () => {
    const { t } = joined();
    assert.equal(nextDefinition(t, 1).chaincode.sequence, 2);
    assert.equal(nextDefinition(t, 7).chaincode.sequence, 8);
    assert.equal(t.chaincode.sequence, 1, 'the input is not changed');
  });
});
