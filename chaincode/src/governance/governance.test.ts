import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { describePolicy } from '../core/endorsement-policy';
import { GOVERNANCE_CONFIG_KEY } from '../core/governance-config';
import { MSP, TestChannel, WHO, bootstrap, catalogueIdentity, governance, ledgerSnapshot, rejectsWithKey } from '../../testing';

const amend = { reason: 'because', legalAuthority: 'Regulation art. 2' };
const grant = { requesterMsp: MSP.nr, dataset: 'resident-identity', purpose: 'title-registration' };
const future = '2026-01-01T00:00:00.000Z';

describe('Governance: bootstrap', () => {
  it('bootstraps once, by an admin of the named governance org, with a key-level policy', async () => {
    const ch = new TestChannel();
    await bootstrap(ch);
    const config = await ch.evaluateJson<{ governanceMsp: string; registrars: Record<string, string>; meta: { version: number } }>(governance, 'GetConfig', [], { as: WHO.psClerk });
    assert.equal(config.governanceMsp, MSP.gov);
    assert.equal(config.registrars.identity, MSP.ps);
    assert.equal(config.meta.version, 1);
    const policy = ch.ledger.validationParameters.get(GOVERNANCE_CONFIG_KEY);
    assert.ok(policy);
    assert.match(describePolicy(policy), /^OutOf\(2, 'GovServiceCenterMSP.peer', OutOf\(1, /);
    await rejectsWithKey(ch.submit(governance, 'Bootstrap', ['boot-2', bootInput()], { as: WHO.govAdmin }), 'INVALID_STATE');
  });
  it('refuses a non-admin, an admin of another org, and bad input, writing nothing', async () => {
    const ch = new TestChannel();
    await rejectsWithKey(ch.submit(governance, 'Bootstrap', ['b', bootInput()], { as: WHO.govClerk }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(governance, 'Bootstrap', ['b', bootInput()], { as: WHO.psAdmin }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(governance, 'Bootstrap', ['b', JSON.stringify({ governanceMsp: MSP.gov })], { as: WHO.govAdmin }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.submit(governance, 'Bootstrap', ['b', 'not json'], { as: WHO.govAdmin }), 'INVALID_ARGUMENT');
    assert.equal(ch.ledger.state.size, 0);
  });
  it('answers CONFIG_MISSING before bootstrap', async () => {
    await rejectsWithKey(new TestChannel().evaluate(governance, 'GetConfig', [], { as: WHO.psClerk }), 'CONFIG_MISSING');
  });
});

function bootInput(): string {
  return JSON.stringify({ governanceMsp: MSP.gov, members: [MSP.gov, MSP.ps], registrars: { identity: MSP.ps }, ...amend });
}

describe('Governance: registrar map, members, catalogue', () => {
  let ch: TestChannel;
  beforeEach(async () => { ch = new TestChannel(); await bootstrap(ch); });

  it('lets only the governance admin change the registrar map, as an amendment with history', async () => {
    const input = JSON.stringify({ recordType: 'copyright', mspId: MSP.mr, ...amend });
    await rejectsWithKey(ch.submit(governance, 'SetRegistrar', ['r1', input], { as: WHO.psAdmin }), 'FORBIDDEN_ORG');
    const v2 = await ch.submitJson<{ registrars: Record<string, string>; meta: { version: number; previousTxId: string; reason: string } }>(governance, 'SetRegistrar', ['r1', input], { as: WHO.govAdmin });
    assert.equal(v2.registrars.copyright, MSP.mr);
    assert.equal(v2.meta.version, 2);
    assert.equal(v2.meta.reason, 'because');
    const hist = await ch.evaluateJson<{ records: Array<{ value: { meta: { version: number } } }> }>(governance, 'History', ['config', '', '10', ''], { as: WHO.nrClerk });
    assert.deepEqual(hist.records.map((r) => r.value.meta.version), [2, 1]);
    await rejectsWithKey(ch.submit(governance, 'SetRegistrar', ['r2', JSON.stringify({ recordType: 'copyright', mspId: 'StrangerMSP', ...amend })], { as: WHO.govAdmin }), 'RULE_VIOLATION');
  });
  it('lets only the governance admin name the sealing orgs, members only', async () => {
    const input = (orgs: string[]) => JSON.stringify({ sealingOrgs: orgs, ...amend });
    await rejectsWithKey(ch.submit(governance, 'SetSealingOrgs', ['so1', input([MSP.ps])], { as: WHO.psAdmin }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(governance, 'SetSealingOrgs', ['so2', input(['StrangerMSP'])], { as: WHO.govAdmin }), 'RULE_VIOLATION');
    await rejectsWithKey(ch.submit(governance, 'SetSealingOrgs', ['so4', input([MSP.ps])], { as: WHO.govClerk }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(governance, 'SetSealingOrgs', ['so5', JSON.stringify({ sealingOrgs: [MSP.ps, MSP.ps], ...amend })], { as: WHO.govAdmin }), 'INVALID_ARGUMENT');
    const first = await ch.submit(governance, 'SetSealingOrgs', ['so3', input([MSP.ps, MSP.gov])], { as: WHO.govAdmin });
    assert.deepEqual((JSON.parse(first) as { sealingOrgs: string[] }).sealingOrgs, [MSP.gov, MSP.ps]);
    assert.equal(await ch.submit(governance, 'SetSealingOrgs', ['so3', input([MSP.ps, MSP.gov])], { as: WHO.govAdmin }), first, 'a replay returns the stored result');
  });

  it('keeps the governance org and registrars in the member list', async () => {
    const members = JSON.stringify({ members: [...Object.values(MSP), 'NewDeptMSP'], ...amend });
    await rejectsWithKey(ch.submit(governance, 'SetMembers', ['m0', members], { as: WHO.psAdmin }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(governance, 'SetMembers', ['m0', members], { as: WHO.govClerk }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(governance, 'SetMembers', ['m1', JSON.stringify({ members: [MSP.gov, MSP.nr], ...amend })], { as: WHO.govAdmin }), 'RULE_VIOLATION');
    const ok = await ch.submitJson<{ members: string[] }>(governance, 'SetMembers', ['m2', JSON.stringify({ members: [...Object.values(MSP), 'NewDeptMSP'], ...amend })], { as: WHO.govAdmin });
    assert.ok(ok.members.includes('NewDeptMSP'));
  });
  it('creates and amends catalogue entries, lists them paginated', async () => {
    await catalogueIdentity(ch);
    await rejectsWithKey(ch.submit(governance, 'PutDataset', ['d1', datasetInput('open')], { as: WHO.psAdmin }), 'FORBIDDEN_ORG');
    const policy = describePolicy(ch.ledger.validationParameters.get([...ch.ledger.state.keys()].find((k) => k.includes('gov.dataset')) as string) as Uint8Array);
    assert.equal(policy, `OutOf(2, '${MSP.gov}.peer', '${MSP.ps}.peer')`, 'the governance org and the owner');
    const v2 = await ch.submitJson<{ legalBasis: string; meta: { version: number } }>(governance, 'PutDataset', ['d2', JSON.stringify({ ...JSON.parse(datasetInput('conditional')), legalBasis: 'Law art. 20' })], { as: WHO.govAdmin });
    assert.deepEqual([v2.legalBasis, v2.meta.version], ['Law art. 20', 2], 'a change of legal basis needs no consent');
    await ch.submit(governance, 'PutDataset', ['d3', JSON.stringify({ ...JSON.parse(datasetInput('open')), dataset: 'titles', ownerMsp: MSP.nr })], { as: WHO.govAdmin });
    const p1 = await ch.evaluateJson<{ records: Array<{ dataset: string }>; bookmark: string }>(governance, 'ListDatasets', ['1', ''], { as: WHO.nrClerk });
    const p2 = await ch.evaluateJson<{ records: Array<{ dataset: string }>; bookmark: string }>(governance, 'ListDatasets', ['1', p1.bookmark], { as: WHO.nrClerk });
    assert.deepEqual([...p1.records, ...p2.records].map((r) => r.dataset), ['resident-identity', 'titles']);
    await rejectsWithKey(ch.submit(governance, 'PutDataset', ['d4', JSON.stringify({ ...JSON.parse(datasetInput('open')), shareClass: 'secret' })], { as: WHO.govAdmin }), 'INVALID_ARGUMENT');
  });

  it('changes an entry\'s owner, share class or fields only with the owner\'s (and a new owner\'s) approval', async () => {
    await catalogueIdentity(ch);
    const get = () => ch.evaluateJson<{ ownerMsp: string; shareClass: string; fields: string[] }>(governance, 'GetDataset', ['resident-identity'], { as: WHO.nrClerk });
    const pending = await ch.submitJson<{ status: string; change: { requiredApprovals: string[] } }>(governance, 'PutDataset', ['c1', JSON.stringify({ ...JSON.parse(datasetInput('open')), ownerMsp: MSP.gov })], { as: WHO.govAdmin });
    assert.deepEqual([pending.status, pending.change.requiredApprovals], ['pending', [MSP.gov, MSP.ps]]);
    assert.deepEqual([(await get()).ownerMsp, (await get()).shareClass], [MSP.ps, 'conditional'], 'nothing changes before consent');
    const decide = JSON.stringify({ dataset: 'resident-identity', ...amend });
    await rejectsWithKey(ch.submit(governance, 'ApproveDatasetChange', ['c2', decide], { as: WHO.nrAdmin }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(governance, 'ApproveDatasetChange', ['c3', decide], { as: WHO.psClerk }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(governance, 'ApproveDatasetChange', ['c3b', JSON.stringify({ dataset: 'no such/set', ...amend })], { as: WHO.psAdmin }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.submit(governance, 'ApproveDatasetChange', ['c3c', JSON.stringify({ dataset: 'unknown-set', ...amend })], { as: WHO.psAdmin }), 'RECORD_NOT_FOUND');
    const firstApproval = await ch.submit(governance, 'ApproveDatasetChange', ['c4', decide], { as: WHO.psAdmin });
    assert.equal((JSON.parse(firstApproval) as { status: string }).status, 'pending');
    assert.equal(await ch.submit(governance, 'ApproveDatasetChange', ['c4', decide], { as: WHO.psAdmin }), firstApproval, 'a replay returns the stored result');
    await rejectsWithKey(ch.submit(governance, 'ApproveDatasetChange', ['c5', decide], { as: WHO.psAdmin2 }), 'INVALID_STATE');
    const applied = await ch.submitJson<{ status: string; dataset: { ownerMsp: string; shareClass: string } }>(governance, 'ApproveDatasetChange', ['c6', decide], { as: WHO.govAdmin });
    assert.deepEqual([applied.status, applied.dataset.ownerMsp, applied.dataset.shareClass], ['applied', MSP.gov, 'open']);
    const key = [...ch.ledger.state.keys()].find((k) => k.startsWith('\u0000gov.dataset\u0000')) as string;
    assert.match(describePolicy(ch.ledger.validationParameters.get(key) as Uint8Array), new RegExp(`^OutOf\\(2, '${MSP.gov}.peer', OutOf\\(1, `), 'the policy follows the new owner');
    await rejectsWithKey(ch.submit(governance, 'ApproveDatasetChange', ['c7', decide], { as: WHO.psAdmin }), 'INVALID_STATE');
    // A field added without the owner's approval does not reach grantees.
    await ch.submit(governance, 'PutDataset', ['c8', JSON.stringify({ ...JSON.parse(datasetInput('open')), ownerMsp: MSP.gov, fields: ['name', 'birthDate', 'address', 'idNumber'] })], { as: WHO.govAdmin });
    assert.deepEqual((await get()).fields, ['name', 'birthDate', 'address']);
  });
});

function datasetInput(shareClass: string): string {
  return JSON.stringify({ dataset: 'resident-identity', ownerMsp: MSP.ps, fields: ['name', 'birthDate', 'address'], shareClass, legalBasis: 'Law art. 19', ...amend });
}

describe('Governance: sharing grants', () => {
  let ch: TestChannel;
  beforeEach(async () => { ch = new TestChannel(); await bootstrap(ch); await catalogueIdentity(ch); });

  const propose = (c: TestChannel, id = 'g1', extra: Record<string, unknown> = {}) =>
    c.submitJson<{ status: string }>(governance, 'ProposeGrant', [id, JSON.stringify({ ...grant, expiresAt: future, legalBasis: 'Property Law art. 3', ...amend, ...extra })], { as: WHO.govAdmin });

  it('is pending until the owner org admin approves it', async () => {
    assert.equal((await propose(ch)).status, 'pending');
    const decide = JSON.stringify({ ...grant, ...amend });
    await rejectsWithKey(ch.submit(governance, 'ApproveGrant', ['a1', decide], { as: WHO.govAdmin }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(governance, 'ApproveGrant', ['a1', decide], { as: WHO.psClerk }), 'FORBIDDEN_ROLE');
    const approved = await ch.submitJson<{ status: string; approvedByOwner: string; meta: { version: number } }>(governance, 'ApproveGrant', ['a1', decide], { as: WHO.psAdmin });
    assert.deepEqual([approved.status, approved.approvedByOwner, approved.meta.version], ['approved', 'ps-admin1@PublicSecurityMSP', 2]);
    await rejectsWithKey(ch.submit(governance, 'ApproveGrant', ['a2', decide], { as: WHO.psAdmin }), 'INVALID_STATE');
    const grantKey = [...ch.ledger.state.keys()].find((k) => k.startsWith('\u0000gov.grant\u0000')) as string;
    assert.equal(describePolicy(ch.ledger.validationParameters.get(grantKey) as Uint8Array), `OutOf(2, '${MSP.gov}.peer', '${MSP.ps}.peer')`);
    assert.ok(ch.ledger.privateHash(`${MSP.ps}Anchors`, grantKey).length > 0, 'the approval is anchored by the owner org');
    const revoked = await ch.submitJson<{ status: string }>(governance, 'RevokeGrant', ['v1', decide], { as: WHO.psAdmin });
    assert.equal(revoked.status, 'revoked');
    const listed = await ch.evaluateJson<{ records: Array<{ grantId: string }> }>(governance, 'ListGrants', [MSP.nr, '10', ''], { as: WHO.nrClerk });
    assert.deepEqual(listed.records.map((g) => g.grantId), [`${MSP.nr}/resident-identity/title-registration`]);
    const hist = await ch.evaluateJson<{ records: unknown[] }>(governance, 'History', ['grant', `${MSP.nr}/resident-identity/title-registration`, '10', ''], { as: WHO.nrClerk });
    assert.equal(hist.records.length, 3);
  });
  it('refuses grants to the owner, for not_shared datasets, expired, or unknown datasets', async () => {
    await rejectsWithKey(propose(ch, 'g2', { requesterMsp: MSP.ps }), 'RULE_VIOLATION');
    await rejectsWithKey(propose(ch, 'g3', { expiresAt: '2024-01-01T00:00:00.000Z' }), 'RULE_VIOLATION');
    await rejectsWithKey(propose(ch, 'g4', { dataset: 'nope' }), 'RECORD_NOT_FOUND');
    await catalogueIdentity(ch, 'not_shared');
    const before = ledgerSnapshot(ch.ledger);
    await rejectsWithKey(propose(ch, 'g5'), 'RULE_VIOLATION');
    assert.equal(ledgerSnapshot(ch.ledger), before);
  });
});
