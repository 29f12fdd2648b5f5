import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommitError } from '@hyperledger/fabric-gateway';
import { connectAs, OperatorClient } from '../support/fabric';
import { eventually, peersInStep } from '../support/network';
import { evaluateJson, rejectsWithKey, rid, submitJson } from '../support/tx';
import { lookup, registerCitizen, Staged, transient } from '../support/identity';
import { randomCitizen } from '@govchain/testing';

const PSB = 'PublicSecurityMSP';
const MR = 'MarketRegulationMSP';
const ENDORSEMENT_POLICY_FAILURE = 10;
const amendment = { reason: 'e2e test', legalAuthority: 'Resident Identity Card Law art. 1' };

describe('identity, personal-data access and audit on the real network', () => {
  let psbRegistrar: OperatorClient;
  let psbAdmin: OperatorClient;
  let govAdmin: OperatorClient;
  let mrClerk: OperatorClient;
  let mrRegistrar: OperatorClient;
  let mrAdmin: OperatorClient;
  let auditor: OperatorClient;
  const citizen = randomCitizen();
  let subject: Staged;
  const dataset = `identity-core-${Date.now().toString(36)}`;
  const purpose = 'business-registration';

  before(async () => {
    psbRegistrar = connectAs('PublicSecurity', 'registrar1');
    psbAdmin = connectAs('PublicSecurity', 'admin1');
    govAdmin = connectAs('GovServiceCenter', 'admin1');
    mrClerk = connectAs('MarketRegulation', 'clerk1');
    mrRegistrar = connectAs('MarketRegulation', 'registrar1');
    mrAdmin = connectAs('MarketRegulation', 'admin1');
    auditor = connectAs('GovServiceCenter', 'auditor1');
    subject = await registerCitizen(psbRegistrar, citizen);
    await submitJson(govAdmin.contract('Governance'), 'PutDataset', {
      ...amendment, dataset, ownerMsp: PSB, fields: ['name', 'birthDate', 'address', 'idNumber'], shareClass: 'conditional', legalBasis: 'Data Sharing Regulation art. 12',
    });
  });
  after(() => [psbRegistrar, psbAdmin, govAdmin, mrClerk, mrRegistrar, mrAdmin, auditor].forEach((c) => c?.close()));

  it('keeps only the subject key, status and fingerprints in public state', async () => {
    // Another org's peer commits the registration a moment after the registrar's own peer.
    const record = await eventually('the identity on another org\'s peer', () => evaluateJson<{ status?: string; fingerprints?: unknown }>(mrClerk.contract('Identity'), 'Get', [subject.subjectKey]));
    const text = JSON.stringify(record);
    assert.equal(record.status, 'active');
    for (const value of Object.values(citizen)) assert.ok(!text.includes(value), 'no personal data in the public record');
    assert.deepEqual(record.fingerprints, subject.fingerprints);
  });

  it('verifies an ID number and name with a yes/no answer only, after a recorded lookup', async () => {
    assert.deepEqual((await lookup(psbRegistrar, 'verify', { idNumber: citizen.idNumber, name: citizen.name })).answer, { match: true });
    assert.deepEqual((await lookup(psbRegistrar, 'verify', { idNumber: citizen.idNumber, name: 'Someone Else' })).answer, { match: false });
  });

  it('refuses another department registering an identity, as caller', async () => {
    const other = randomCitizen();
    await rejectsWithKey(mrRegistrar.contract('Identity').submit('StagePersonalData', { arguments: [rid()], transientData: transient(other), endorsingOrganizations: [MR] }), 'FORBIDDEN_ORG');
  });

  it('refuses the registrar changing its record as sole endorser (key-level policy)', async () => {
    const tx = await psbRegistrar.contract('Identity').newProposal('Suspend', { arguments: [rid(), JSON.stringify({ ...amendment, subjectKey: subject.subjectKey })], endorsingOrganizations: [PSB] }).endorse();
    const status = await (await tx.submit()).getStatus();
    assert.equal(status.code, ENDORSEMENT_POLICY_FAILURE);
    const record = await evaluateJson(psbRegistrar.contract('Identity'), 'Get', [subject.subjectKey]);
    assert.equal((record as { status?: string }).status, 'active', 'nothing written');
  });

  it('refuses two other departments forging a change to the registrar\'s record (key-level policy)', async () => {
    // Endorsed by MarketRegulation and GovServiceCenter only: the chaincode-level 2-of-N would pass, the record's key-level policy must not.
    await assert.rejects(
      psbRegistrar.contract('Identity').submit('Suspend', { arguments: [rid(), JSON.stringify({ ...amendment, subjectKey: subject.subjectKey })], endorsingOrganizations: [MR, 'GovServiceCenterMSP'] }),
      (err: unknown) => err instanceof CommitError && err.code === ENDORSEMENT_POLICY_FAILURE,
    );
  });

  it('refuses personal data without a committed access record', async () => {
    await rejectsWithKey(mrClerk.contract('Identity').evaluate('ReadPersonalData', { arguments: ['0'.repeat(64)], endorsingOrganizations: [PSB] }), 'ACCESS_DENIED');
    // An access request that is endorsed but never submitted leaves no entry behind.
    const endorsedOnly = await psbRegistrar.contract('Audit').newProposal('RequestAccess', { arguments: [rid(), JSON.stringify({ subjectKey: subject.subjectKey, dataset, fields: ['name'], purpose, legalBasis: 'x', caseId: 'CASE-1' })] }).endorse();
    await rejectsWithKey(psbRegistrar.contract('Identity').evaluate('ReadPersonalData', { arguments: [endorsedOnly.getTransactionId()], endorsingOrganizations: [PSB] }), 'ACCESS_DENIED');
  });

  it('refuses another org without an approved grant, and writes no audit entry', async () => {
    await rejectsWithKey(submitJson(mrClerk.contract('Audit'), 'RequestAccess', { subjectKey: subject.subjectKey, dataset, fields: ['name'], purpose, legalBasis: 'x', caseId: 'CASE-2' }), 'GRANT_REQUIRED');
  });

  it('discloses only the requested fields after a granted, committed, audited access', async () => {
    const expiresAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    await submitJson(govAdmin.contract('Governance'), 'ProposeGrant', { ...amendment, requesterMsp: MR, dataset, purpose, expiresAt, legalBasis: 'Company Registration Regulation art. 7' });
    await submitJson(psbAdmin.contract('Governance'), 'ApproveGrant', { ...amendment, requesterMsp: MR, dataset, purpose });
    // RequestAccess is endorsed on the accessor's own peer, which must have committed the owner's approval first.
    await peersInStep();
    const access = await submitJson<{ accessId: string }>(mrClerk.contract('Audit'), 'RequestAccess', { subjectKey: subject.subjectKey, dataset, fields: ['name', 'birthDate'], purpose, legalBasis: 'Company Registration Regulation art. 7', caseId: 'CASE-3' });
    const data = await eventually('the owner\'s peer to have committed the access entry', () =>
      evaluateJson<{ fields: Record<string, string> }>(mrClerk.contract('Identity'), 'ReadPersonalData', [access.accessId], { endorsingOrganizations: [PSB] }));
    assert.deepEqual(data.fields, { name: citizen.name, birthDate: citizen.birthDate });
    // Another operator cannot reuse the access id.
    await rejectsWithKey(mrRegistrar.contract('Identity').evaluate('ReadPersonalData', { arguments: [access.accessId], endorsingOrganizations: [PSB] }), 'ACCESS_DENIED');
    const page = await evaluateJson<{ records: Array<{ accessId: string; accessorOperatorId: string; purpose: string; caseId: string }> }>(auditor.contract('Audit'), 'ListBySubject', [subject.subjectKey, 'auditor', '50', '']);
    const entry = page.records.find((e) => e.accessId === access.accessId);
    assert.ok(entry, 'the access is in the subject\'s audit trail');
    assert.equal(entry.accessorOperatorId, 'clerk1');
    assert.equal(entry.caseId, 'CASE-3');
  });

  it('purges personal data on erasure; later reads get ERASED, the fingerprint stays', async () => {
    const other = randomCitizen();
    const s = await registerCitizen(psbRegistrar, other);
    const access = await submitJson<{ accessId: string }>(psbRegistrar.contract('Audit'), 'RequestAccess', { subjectKey: s.subjectKey, dataset, fields: ['name'], purpose: 'erasure-check', legalBasis: 'x', caseId: 'CASE-4' });
    await submitJson(psbRegistrar.contract('Identity'), 'Erase', { ...amendment, subjectKey: s.subjectKey });
    await rejectsWithKey(psbRegistrar.contract('Identity').evaluate('ReadPersonalData', { arguments: [access.accessId], endorsingOrganizations: [PSB] }), 'ERASED');
    const record = await evaluateJson<{ status: string; fingerprints: unknown }>(psbRegistrar.contract('Identity'), 'Get', [s.subjectKey]);
    assert.equal(record.status, 'erased');
    assert.deepEqual(record.fingerprints, s.fingerprints);
  });
});
