import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommitError } from '@hyperledger/fabric-gateway';
import { operators } from '../support/operators';
import { eventually, peersInStep } from '../support/network';
import { evaluateJson, rejectsWithKey, rid, submitJson } from '../support/tx';
import { lookup, registerCitizen, Staged, transient } from '../support/identity';
import { randomCitizen } from '@govchain/testing';

const PSB = 'PublicSecurityMSP';
const MR = 'MarketRegulationMSP';
const ENDORSEMENT_POLICY_FAILURE = 10;
const amendment = { reason: 'e2e test', legalAuthority: 'Resident Identity Card Law art. 1' };

describe('identity, personal-data access and audit on the real network', () => {
  const op = operators({
    psbRegistrar: ['PublicSecurity', 'registrar1'], psbAdmin: ['PublicSecurity', 'admin1'], govAdmin: ['GovServiceCenter', 'admin1'],
    mrClerk: ['MarketRegulation', 'clerk1'], mrRegistrar: ['MarketRegulation', 'registrar1'], mrAdmin: ['MarketRegulation', 'admin1'],
    auditor: ['GovServiceCenter', 'auditor1'],
  });
  const citizen = randomCitizen();
  let subject: Staged;
  const dataset = `identity-core-${Date.now().toString(36)}`;
  const purpose = 'business-registration';

  before(async () => {
    subject = await registerCitizen(op.psbRegistrar, citizen);
    await submitJson(op.govAdmin.contract('Governance'), 'PutDataset', {
      ...amendment, dataset, ownerMsp: PSB, fields: ['name', 'birthDate', 'address', 'idNumber'], shareClass: 'conditional', legalBasis: 'Data Sharing Regulation art. 12',
    });
  });

  it('keeps only the subject key, status and fingerprints in public state', async () => {
    // Another org's peer commits the registration a moment after the registrar's own peer.
    const record = await eventually('the identity on another org\'s peer', () => evaluateJson<{ status?: string; fingerprints?: unknown }>(op.mrClerk.contract('Identity'), 'Get', [subject.subjectKey]));
    const text = JSON.stringify(record);
    assert.equal(record.status, 'active');
    for (const value of Object.values(citizen)) assert.ok(!text.includes(value), 'no personal data in the public record');
    assert.deepEqual(record.fingerprints, subject.fingerprints);
  });

  it('verifies an ID number and name with a yes/no answer only, after a recorded lookup', async () => {
    assert.deepEqual((await lookup(op.psbRegistrar, 'verify', { idNumber: citizen.idNumber, name: citizen.name })).answer, { match: true });
    assert.deepEqual((await lookup(op.psbRegistrar, 'verify', { idNumber: citizen.idNumber, name: 'Someone Else' })).answer, { match: false });
  });

  it('refuses another department registering an identity, as caller', async () => {
    const other = randomCitizen();
    await rejectsWithKey(op.mrRegistrar.contract('Identity').submit('StagePersonalData', { arguments: [rid()], transientData: transient(other), endorsingOrganizations: [MR] }), 'FORBIDDEN_ORG');
  });

  it('refuses the registrar changing its record as sole endorser (key-level policy)', async () => {
    const tx = await op.psbRegistrar.contract('Identity').newProposal('Suspend', { arguments: [rid(), JSON.stringify({ ...amendment, subjectKey: subject.subjectKey })], endorsingOrganizations: [PSB] }).endorse();
    const status = await (await tx.submit()).getStatus();
    assert.equal(status.code, ENDORSEMENT_POLICY_FAILURE);
    const record = await evaluateJson(op.psbRegistrar.contract('Identity'), 'Get', [subject.subjectKey]);
    assert.equal((record as { status?: string }).status, 'active', 'nothing written');
  });

  it('refuses two other departments forging a change to the registrar\'s record (key-level policy)', async () => {
    // Endorsed by MarketRegulation and GovServiceCenter only: the chaincode-level 2-of-N would pass, the record's key-level policy must not.
    await assert.rejects(
      op.psbRegistrar.contract('Identity').submit('Suspend', { arguments: [rid(), JSON.stringify({ ...amendment, subjectKey: subject.subjectKey })], endorsingOrganizations: [MR, 'GovServiceCenterMSP'] }),
      (err: unknown) => err instanceof CommitError && err.code === ENDORSEMENT_POLICY_FAILURE,
    );
  });

  it('refuses personal data without a committed access record', async () => {
    await rejectsWithKey(op.mrClerk.contract('Identity').evaluate('ReadPersonalData', { arguments: ['0'.repeat(64)], endorsingOrganizations: [PSB] }), 'ACCESS_DENIED');
    // An access request that is endorsed but never submitted leaves no entry behind.
    const endorsedOnly = await op.psbRegistrar.contract('Audit').newProposal('RequestAccess', { arguments: [rid(), JSON.stringify({ subjectKey: subject.subjectKey, dataset, fields: ['name'], purpose, legalBasis: 'x', caseId: 'CASE-1' })] }).endorse();
    await rejectsWithKey(op.psbRegistrar.contract('Identity').evaluate('ReadPersonalData', { arguments: [endorsedOnly.getTransactionId()], endorsingOrganizations: [PSB] }), 'ACCESS_DENIED');
  });

  it('refuses another org without an approved grant, and writes no audit entry', async () => {
    await rejectsWithKey(submitJson(op.mrClerk.contract('Audit'), 'RequestAccess', { subjectKey: subject.subjectKey, dataset, fields: ['name'], purpose, legalBasis: 'x', caseId: 'CASE-2' }), 'GRANT_REQUIRED');
  });

  it('discloses only the requested fields after a granted, committed, audited access', async () => {
    const expiresAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    await submitJson(op.govAdmin.contract('Governance'), 'ProposeGrant', { ...amendment, requesterMsp: MR, dataset, purpose, expiresAt, legalBasis: 'Company Registration Regulation art. 7' });
    await submitJson(op.psbAdmin.contract('Governance'), 'ApproveGrant', { ...amendment, requesterMsp: MR, dataset, purpose });
    // RequestAccess is endorsed on the accessor's own peer, which must have committed the owner's approval first.
    await peersInStep();
    const access = await submitJson<{ accessId: string }>(op.mrClerk.contract('Audit'), 'RequestAccess', { subjectKey: subject.subjectKey, dataset, fields: ['name', 'birthDate'], purpose, legalBasis: 'Company Registration Regulation art. 7', caseId: 'CASE-3' });
    const data = await eventually('the owner\'s peer to have committed the access entry', () =>
      evaluateJson<{ fields: Record<string, string> }>(op.mrClerk.contract('Identity'), 'ReadPersonalData', [access.accessId], { endorsingOrganizations: [PSB] }));
    assert.deepEqual(data.fields, { name: citizen.name, birthDate: citizen.birthDate });
    // Another operator cannot reuse the access id.
    await rejectsWithKey(op.mrRegistrar.contract('Identity').evaluate('ReadPersonalData', { arguments: [access.accessId], endorsingOrganizations: [PSB] }), 'ACCESS_DENIED');
    const page = await evaluateJson<{ records: Array<{ accessId: string; accessorOperatorId: string; purpose: string; caseId: string }> }>(op.auditor.contract('Audit'), 'ListBySubject', [subject.subjectKey, 'auditor', '50', '']);
    const entry = page.records.find((e) => e.accessId === access.accessId);
    assert.ok(entry, 'the access is in the subject\'s audit trail');
    assert.equal(entry.accessorOperatorId, 'clerk1');
    assert.equal(entry.caseId, 'CASE-3');
  });

  it('purges personal data on erasure; later reads get ERASED, the fingerprint stays', async () => {
    const other = randomCitizen();
    const s = await registerCitizen(op.psbRegistrar, other);
    const access = await submitJson<{ accessId: string }>(op.psbRegistrar.contract('Audit'), 'RequestAccess', { subjectKey: s.subjectKey, dataset, fields: ['name'], purpose: 'erasure-check', legalBasis: 'x', caseId: 'CASE-4' });
    await submitJson(op.psbRegistrar.contract('Identity'), 'Erase', { ...amendment, subjectKey: s.subjectKey });
    await rejectsWithKey(op.psbRegistrar.contract('Identity').evaluate('ReadPersonalData', { arguments: [access.accessId], endorsingOrganizations: [PSB] }), 'ERASED');
    const record = await evaluateJson<{ status: string; fingerprints: unknown }>(op.psbRegistrar.contract('Identity'), 'Get', [s.subjectKey]);
    assert.equal(record.status, 'erased');
    assert.deepEqual(record.fingerprints, s.fingerprints);
  });
});
