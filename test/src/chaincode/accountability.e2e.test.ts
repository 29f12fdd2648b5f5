import { addOperator } from '@govchain/network';
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomInt } from 'node:crypto';
import { LOOKUP_REASON, lookup, lookupEndorsers, registerCitizen, transient } from '../support/identity';
import { connectAs, type OperatorClient } from '../support/fabric';
import { operators } from '../support/operators';
import { eventually } from '../support/network';
import { compositeKey } from '../support/rogue';
import { evaluateJson, rejectsWithKey, rid, submitJson } from '../support/tx';
import { type PersonalData, randomCitizen, randomParcel } from '@govchain/testing';

const PS = 'PublicSecurityMSP';
const MR = 'MarketRegulationMSP';
const because = { reason: 'accountability e2e', legalAuthority: 'Test Regulation art. 1' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
type Log = { records: Array<{ accessId: string; kind?: string; lookup?: string }>; bookmark: string; withheld?: { count: number; releases: Array<string | null> } };

/** The accountability core through a direct fabric-gateway client (no REST gateway in between). */
describe('accountability core on the real network (direct client)', () => {
  const op = operators({
    psRegistrar: ['PublicSecurity', 'registrar1'], psClerk: ['PublicSecurity', 'clerk1'], psAuditor: ['PublicSecurity', 'auditor1'],
    psAdmin: ['PublicSecurity', 'admin1'], psInvestigator: ['PublicSecurity', 'investigator1'], govAdmin: ['GovServiceCenter', 'admin1'],
    govAuditor: ['GovServiceCenter', 'auditor1'], mrAuditor: ['MarketRegulation', 'auditor1'], mrClerk: ['MarketRegulation', 'clerk1'],
    nrRegistrar: ['NaturalResources', 'registrar1'],
  });
  const alice: PersonalData = randomCitizen();
  const bob: PersonalData = randomCitizen();
  let a = '';
  let b = '';
  const dataset = `acct-${Date.now().toString(36)}`;
  const access = (subjectKey: string, extra: Record<string, unknown> = {}) => ({ subjectKey, dataset, fields: ['name'], purpose: 'case-work', legalBasis: 'Law art. 1', caseId: 'ACCT-1', ...extra });
  const citizenLog = (subject: string, bookmark = '', size = '50') => evaluateJson<Log>(op.psAuditor.contract('Audit'), 'ListBySubject', [subject, 'citizen', size, bookmark], { endorsingOrganizations: [PS] });

  before(async () => {
    a = (await registerCitizen(op.psRegistrar, alice)).subjectKey;
    b = (await registerCitizen(op.psRegistrar, bob)).subjectKey;
    await submitJson(op.govAdmin.contract('Governance'), 'PutDataset', { ...because, dataset, ownerMsp: PS, fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'x' });
    await eventually('the dataset on the PublicSecurity peer', async () => {
      for (let i = 0; i < 3; i++) await submitJson(op.psClerk.contract('Audit'), 'RequestAccess', access(a, { caseId: `ACCT-A${i}` }));
      return true;
    });
    await submitJson(op.psClerk.contract('Audit'), 'RequestAccess', access(b));
  });

  it('refuses forged bookmarks with INVALID_ARGUMENT: another citizen\'s index key, another query\'s bookmark, a raw key of my own range', async () => {
    const bobsRow = compositeKey('audit.subject', [b, '2000-01-01T00:00:00.000Z', 'x']);
    const belowAlice = compositeKey('audit.subject', ['0'.repeat(64)]);
    const bobsPage = await citizenLog(b, '', '1');
    for (const forged of [bobsRow, belowAlice, compositeKey('audit.subject', [a]), 'b1.forged', bobsPage.bookmark || 'b1.x']) {
      await rejectsWithKey(op.psAuditor.contract('Audit').evaluate('ListBySubject', { arguments: [a, 'citizen', '50', forged], endorsingOrganizations: [PS] }), 'INVALID_ARGUMENT');
      await rejectsWithKey(op.govAuditor.contract('Audit').evaluate('ListByOrg', { arguments: [PS, '50', forged] }), 'INVALID_ARGUMENT');
    }
    // Legitimate paging still works and returns full pages.
    const p1 = await citizenLog(a, '', '2');
    assert.equal(p1.records.length, 2);
    const p2 = await citizenLog(a, p1.bookmark, '2');
    assert.ok(p2.records.length >= 1);
    assert.ok(![...p1.records, ...p2.records].some((r) => r.accessId === bobsPage.records[0]?.accessId), 'never another citizen\'s entry');
  });

  it('refuses another owner\'s index key as the bookmark of a citizen\'s titles (INVALID_ARGUMENT, not a 5xx)', async () => {
    const parcel = randomParcel('ACCT');
    await eventually('the identity on the property registrar\'s peer', async () => {
      await submitJson(op.nrRegistrar.contract('Property'), 'RegisterTitle', { ...because, parcelNumber: parcel, owners: [b], areaSqm: 20, use: 'residential', documentHash: sha(parcel) });
      return true;
    });
    const bobsTitle = compositeKey('property~owner~title', [b, parcel]);
    await rejectsWithKey(op.psAuditor.contract('Property').evaluate('ListTitlesByOwner', { arguments: [a, '10', bobsTitle] }), 'INVALID_ARGUMENT');
  });

  it('seals only by an investigator\'s order: withheld from the citizen (counted, with its release), shown to owner and governance auditors, released when the issuer ends it', async () => {
    const endsAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
    const order = await submitJson<{ orderId: string }>(op.psInvestigator.contract('Audit'), 'IssueSealingOrder', { subjectKey: a, caseId: 'SEAL-1', accessorMsp: PS, legalAuthority: 'Criminal Procedure Law art. 152', reason: 'investigation', endsAt });
    const sealed = await eventually('the order on the accessor\'s peer', () =>
      submitJson<{ accessId: string }>(op.psClerk.contract('Audit'), 'RequestAccess', access(a, { caseId: 'SEAL-1', sealingOrderId: order.orderId })));
    const log = await citizenLog(a);
    assert.ok(!log.records.some((r) => r.accessId === sealed.accessId), 'withheld from the citizen');
    assert.deepEqual(log.withheld, { count: 1, releases: [endsAt], complete: true });
    const sees = async (c: OperatorClient, msp?: string) => (await evaluateJson<Log>(c.contract('Audit'), 'ListBySubject', [a, 'auditor', '100', ''], msp ? { endorsingOrganizations: [msp] } : {})).records.some((r) => r.accessId === sealed.accessId);
    assert.equal(await eventually('the sealed entry for the owner\'s auditor', async () => ((await sees(op.psAuditor, PS)) ? true : undefined)), true);
    assert.equal(await eventually('the sealed entry for the governance auditor', async () => ((await sees(op.govAuditor)) ? true : undefined)), true);
    assert.equal(await sees(op.mrAuditor, MR), false, 'another org\'s auditor does not see it');
    await rejectsWithKey(op.mrAuditor.contract('Audit').evaluate('Get', { arguments: [sealed.accessId], endorsingOrganizations: [MR] }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(op.psClerk.contract('Audit').evaluate('ListBySubject', { arguments: [a, 'auditor', '10', ''] }), 'FORBIDDEN_ROLE');
    // Nobody else ends it; the issuer does, and the entry appears.
    await rejectsWithKey(submitJson(op.psClerk.contract('Audit'), 'EndSealingOrder', { orderId: order.orderId, reason: 'x' }), 'FORBIDDEN_ROLE');
    await submitJson(op.psInvestigator.contract('Audit'), 'EndSealingOrder', { orderId: order.orderId, reason: 'investigation closed' });
    const released = await eventually('the released entry', async () => {
      const l = await citizenLog(a);
      return l.records.some((r) => r.accessId === sealed.accessId) ? l : undefined;
    });
    assert.equal(released.withheld?.count, 0);
  });

  it('refuses sealing by a clerk, by an investigator of an org that may not seal, for more than a year, and an order citing its own issuer', async () => {
    const order = { subjectKey: a, caseId: 'SEAL-2', accessorMsp: PS, legalAuthority: 'L', reason: 'R', endsAt: new Date(Date.now() + 86_400_000).toISOString() };
    await rejectsWithKey(submitJson(op.psClerk.contract('Audit'), 'IssueSealingOrder', order), 'FORBIDDEN_ROLE');
    await rejectsWithKey(submitJson(op.psClerk.contract('Audit'), 'RequestAccess', access(a, { sealedUntil: '9999-12-31T00:00:00.000Z' })), 'INVALID_ARGUMENT');
    await rejectsWithKey(submitJson(op.psInvestigator.contract('Audit'), 'IssueSealingOrder', { ...order, endsAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }), 'RULE_VIOLATION');
    // MarketRegulation's own CA can put any role on a certificate: the chaincode still refuses its investigator.
    const id = `inv${randomInt(1e6)}`;
    await addOperator(['--org', 'MarketRegulation', '--operator', id, '--role', 'investigator', '--gateway-held-key'], { log: () => undefined });
    const mrInvestigator = connectAs('MarketRegulation', id);
    try {
      await rejectsWithKey(submitJson(mrInvestigator.contract('Audit'), 'IssueSealingOrder', { ...order, accessorMsp: MR }), 'FORBIDDEN_ORG');
    } finally {
      mrInvestigator.close();
    }
    await rejectsWithKey(submitJson(op.mrClerk.contract('Audit'), 'RequestAccess', access(a, { sealingOrderId: 'tx404' })), 'GRANT_REQUIRED');
  });

  it('audits lookups before answering: an endorsed-only lookup gets no answer; a committed one shows in the subject\'s log', async () => {
    const claim = { idNumber: alice.idNumber, name: alice.name };
    const endorsedOnly = await op.psClerk.contract('Audit').newProposal('RecordLookup', { arguments: [rid(), JSON.stringify({ lookup: 'verify', ...LOOKUP_REASON })], transientData: transient(claim), endorsingOrganizations: lookupEndorsers(op.psClerk) }).endorse();
    // The endorsed transaction (what a client holds without submitting it, write set included) names no subject key.
    const envelope = Buffer.from(endorsedOnly.getBytes()).toString('latin1');
    assert.ok(envelope.length > 500 && !envelope.includes(a), 'the endorsement response does not reveal the subject key');
    await rejectsWithKey(op.psClerk.contract('Identity').evaluate('Verify', { arguments: [endorsedOnly.getTransactionId()], transientData: transient(claim), endorsingOrganizations: [PS] }), 'ACCESS_DENIED');
    const done = await lookup<{ match: boolean }>(op.psClerk, 'verify', claim);
    assert.equal(done.answer.match, true);
    const sk = await lookup<{ subjectKey: string }>(op.psClerk, 'subject-key', { idNumber: alice.idNumber });
    assert.equal(sk.answer.subjectKey, a);
    const log = await citizenLog(a, '', '100');
    for (const id of [done.accessId, sk.accessId]) assert.ok(log.records.some((r) => r.accessId === id && r.kind === 'lookup'), 'the lookup is in the subject\'s log');
    await rejectsWithKey(submitJson(op.psClerk.contract('Audit'), 'RecordLookup', { lookup: 'verify' }, { transientData: transient(claim), endorsingOrganizations: lookupEndorsers(op.psClerk) }), 'INVALID_ARGUMENT');
  });

  it('changes a dataset\'s share class only with the owner\'s approval, and counts a grant only while the owner\'s approval stands (re-checked at read time)', async () => {
    const pending = await submitJson<{ status: string }>(op.govAdmin.contract('Governance'), 'PutDataset', { ...because, dataset, ownerMsp: PS, fields: ['name', 'address'], shareClass: 'not_shared', legalBasis: 'x' });
    assert.equal(pending.status, 'pending');
    assert.equal((await evaluateJson<{ shareClass: string }>(op.govAdmin.contract('Governance'), 'GetDataset', [dataset])).shareClass, 'conditional');
    await rejectsWithKey(submitJson(op.govAdmin.contract('Governance'), 'ApproveDatasetChange', { ...because, dataset }), 'FORBIDDEN_ORG');
    const purpose = 'acct-grant';
    await submitJson(op.govAdmin.contract('Governance'), 'ProposeGrant', { ...because, requesterMsp: MR, dataset, purpose, expiresAt: new Date(Date.now() + 86_400_000).toISOString(), legalBasis: 'x' });
    await rejectsWithKey(submitJson(op.mrClerk.contract('Audit'), 'RequestAccess', access(a, { purpose })), 'GRANT_REQUIRED');
    await eventually('the grant on the owner\'s peer', async () => {
      await submitJson(op.psAdmin.contract('Governance'), 'ApproveGrant', { ...because, requesterMsp: MR, dataset, purpose });
      return true;
    });
    const granted = await eventually('the approval on the accessor\'s peer', () => submitJson<{ accessId: string }>(op.mrClerk.contract('Audit'), 'RequestAccess', access(a, { purpose })));
    await submitJson(op.psAdmin.contract('Governance'), 'RevokeGrant', { ...because, requesterMsp: MR, dataset, purpose });
    const denied = await eventually('the revocation on the owner\'s peer', async () => {
      try {
        await op.mrClerk.contract('Identity').evaluate('ReadPersonalData', { arguments: [granted.accessId], endorsingOrganizations: [PS] });
        return undefined;
      } catch (err) {
        return err;
      }
    });
    assert.match(JSON.stringify((denied as { details?: unknown }).details ?? String(denied)), /GRANT_REQUIRED/);
  });
});
