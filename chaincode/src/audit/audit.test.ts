import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  MSP, TestChannel, WHO, bootstrap, catalogueIdentity, citizen, governance, identity, ledgerSnapshot, registerCitizen, rejectsWithKey,
  transactionsOf, useTestSecret,
} from '../testing';
import { AuditContract } from './audit-contract';

const audit = new AuditContract();
const pd = citizen('321', 'Audit Subject');
const amend = { reason: 'grant', legalAuthority: 'Regulation art. 7' };
const grantRef = { requesterMsp: MSP.nr, dataset: 'resident-identity', purpose: 'title-registration' };

type AccessPage = { records: Array<{ accessId: string; accessorOperatorId: string; sealedUntil?: string }>; bookmark: string; fetched: number };

describe('Audit: personal-data access', () => {
  let ch: TestChannel;
  let subjectKey: string;
  const request = (extra: Record<string, unknown> = {}) => JSON.stringify({
    subjectKey, dataset: 'resident-identity', fields: ['name', 'address'], purpose: 'title-registration',
    legalBasis: 'Property Law art. 3', caseId: 'CASE-2025/001', ...extra,
  });
  const grantApproved = async (expiresAt = '2026-01-01T00:00:00.000Z') => {
    await ch.submit(governance, 'ProposeGrant', ['g1', JSON.stringify({ ...grantRef, expiresAt, legalBasis: 'Property Law art. 3', ...amend })], { as: WHO.govAdmin });
    await ch.submit(governance, 'ApproveGrant', ['g2', JSON.stringify({ ...grantRef, ...amend })], { as: WHO.psAdmin });
  };

  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    await catalogueIdentity(ch);
    subjectKey = await registerCitizen(ch, pd);
  });

  it('lets the owner org record an access and then read exactly the recorded fields', async () => {
    const sim = await ch.simulate(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    const res = JSON.parse(sim.result) as { accessId: string; expiresAt: string };
    assert.deepEqual(Object.keys(res).sort(), ['accessId', 'expiresAt']);
    assert.equal(res.accessId, sim.txId);
    assert.equal(sim.writeSet.public.size, 6, 'entry + 4 indexes + idempotency record');
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    const read = await ch.evaluateJson<{ fields: Record<string, string> }>(identity, 'ReadPersonalData', [accessId], { as: WHO.psClerk });
    assert.deepEqual(read.fields, { name: pd.name, address: pd.address });
  });

  it('refuses personal data without a committed access, to another operator, and after expiry', async () => {
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', ['tx999999'], { as: WHO.psClerk }), 'ACCESS_DENIED');
    const sim = await ch.simulate(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [sim.txId], { as: WHO.psClerk }), 'ACCESS_DENIED');
    const { accessId, expiresAt } = await ch.submitJson<{ accessId: string; expiresAt: string }>(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.psRegistrar }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.psClerk, time: expiresAt }), 'ACCESS_EXPIRED');
  });

  it('needs an approved, unexpired grant for other orgs, and only catalogue fields', async () => {
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', request()], { as: WHO.nrClerk }), 'GRANT_REQUIRED');
    await ch.submit(governance, 'ProposeGrant', ['g1', JSON.stringify({ ...grantRef, expiresAt: '2026-01-01T00:00:00.000Z', legalBasis: 'x', ...amend })], { as: WHO.govAdmin });
    const pending = await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', request()], { as: WHO.nrClerk }), 'GRANT_REQUIRED');
    assert.equal(pending.details.status, 'pending');
    await ch.submit(governance, 'ApproveGrant', ['g2', JSON.stringify({ ...grantRef, ...amend })], { as: WHO.psAdmin });
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a2', request({ fields: ['name', 'idNumber'] })], { as: WHO.nrClerk }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a3', request({ purpose: 'curiosity' })], { as: WHO.nrClerk }), 'GRANT_REQUIRED');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a4', request()], { as: WHO.mrClerk }), 'GRANT_REQUIRED');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a5', request()], { as: WHO.nrAdmin }), 'FORBIDDEN_ROLE');
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RequestAccess', ['a6', request()], { as: WHO.nrClerk });
    // With memberOnlyRead (conventions) the collection itself refuses another org's client: fail closed.
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.nrClerk, peerMsp: MSP.ps }), 'ACCESS_DENIED');
    ch.ledger.memberOnlyRead = false;
    const read = await ch.evaluateJson<{ fields: Record<string, string> }>(identity, 'ReadPersonalData', [accessId], { as: WHO.nrClerk, peerMsp: MSP.ps });
    assert.deepEqual(read.fields, { name: pd.name, address: pd.address });
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.nrClerk }), 'ACCESS_DENIED');
  });

  it('expires with the grant and refuses not_shared datasets', async () => {
    await grantApproved('2025-01-01T00:10:00.000Z');
    const { expiresAt } = await ch.submitJson<{ expiresAt: string }>(audit, 'RequestAccess', ['a1', request()], { as: WHO.nrClerk });
    assert.equal(expiresAt, '2025-01-01T00:10:00.000Z');
    ch.setTime('2025-01-01T00:20:00.000Z');
    const expired = await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a2', request()], { as: WHO.nrClerk }), 'GRANT_REQUIRED');
    assert.equal(expired.details.status, 'expired');
    await catalogueIdentity(ch, 'not_shared');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a3', request()], { as: WHO.mrClerk }), 'ACCESS_DENIED');
  });

  it('refuses access to erased identities and reads after erasure', async () => {
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    await ch.submit(identity, 'Erase', ['e1', JSON.stringify({ subjectKey, reason: 'lawful request', legalAuthority: 'PIPL art. 47' })], { as: WHO.psRegistrar });
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.psClerk }), 'ERASED');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a2', request()], { as: WHO.psClerk }), 'ERASED');
  });

  it('is idempotent per request id and writes nothing on refusal', async () => {
    const first = await ch.submit(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    const before = ledgerSnapshot(ch.ledger);
    assert.equal(await ch.submit(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk }), first);
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', request({ caseId: 'OTHER' })], { as: WHO.psClerk }), 'IDEMPOTENCY_CONFLICT');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a9', request({ subjectKey: 'e'.repeat(64) })], { as: WHO.psClerk }), 'RECORD_NOT_FOUND');
    assert.equal(ledgerSnapshot(ch.ledger), before);
  });
});

describe('Audit: queries', () => {
  let ch: TestChannel;
  let subjectKey: string;
  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    await catalogueIdentity(ch);
    subjectKey = await registerCitizen(ch, pd);
    const base = { subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'service', legalBasis: 'Law', caseId: 'C1' };
    await ch.submit(audit, 'RequestAccess', ['q1', JSON.stringify(base)], { as: WHO.psClerk, txId: 'txQ1', time: '2025-02-01T10:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['q2', JSON.stringify({ ...base, sealedUntil: '2030-01-01T00:00:00.000Z' })], { as: WHO.psRegistrar, txId: 'txQ2', time: '2025-02-01T11:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['q3', JSON.stringify(base)], { as: WHO.psClerk, txId: 'txQ3', time: '2025-02-02T10:00:00.000Z' });
  });
  const q = (fn: string, args: string[], as = WHO.govAuditor, time?: string) => ch.evaluateJson<AccessPage>(audit, fn, args, { as, time });
  const ids = (p: AccessPage) => p.records.map((r) => r.accessId);

  it('lists by subject: the citizen view hides sealed entries until their date, auditors see all', async () => {
    assert.deepEqual(ids(await q('ListBySubject', [subjectKey, 'auditor', '10', ''])), ['txQ1', 'txQ2', 'txQ3']);
    assert.deepEqual(ids(await q('ListBySubject', [subjectKey, 'citizen', '10', ''])), ['txQ1', 'txQ3']);
    assert.deepEqual(ids(await q('ListBySubject', [subjectKey, 'citizen', '10', ''], WHO.psAuditor, '2030-01-01T00:00:00.000Z')), ['txQ1', 'txQ2', 'txQ3']);
  });
  it('lists by accessor, org and time range with bookmarks', async () => {
    assert.deepEqual(ids(await q('ListByAccessor', [MSP.ps, 'ps-clerk1', '10', ''])), ['txQ1', 'txQ3']);
    const p1 = await q('ListByOrg', [MSP.ps, '2', '']);
    assert.deepEqual(ids(p1), ['txQ1', 'txQ2']);
    assert.deepEqual(ids(await q('ListByOrg', [MSP.ps, '2', p1.bookmark])), ['txQ3']);
    assert.deepEqual(ids(await q('ListByTime', ['2025-02-01T00:00:00.000Z', '2025-02-02T00:00:00.000Z', '10', ''])), ['txQ1', 'txQ2']);
    assert.equal((await q('ListByOrg', [MSP.nr, '10', ''])).records.length, 0);
    await rejectsWithKey(q('ListByTime', ['2025-02-02T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '10', '']), 'INVALID_ARGUMENT');
    await rejectsWithKey(q('ListByOrg', [MSP.ps, '500', '']), 'INVALID_ARGUMENT');
  });
  it('is for auditors only', async () => {
    await rejectsWithKey(q('ListBySubject', [subjectKey, 'auditor', '10', ''], WHO.psClerk), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.evaluate(audit, 'Get', ['txQ1'], { as: WHO.psRegistrar }), 'FORBIDDEN_ROLE');
    const entry = await ch.evaluateJson<Record<string, unknown>>(audit, 'Get', ['txQ2'], { as: WHO.govAuditor });
    assert.deepEqual(Object.keys(entry).sort(), ['accessId', 'accessorMsp', 'accessorOperatorId', 'at', 'caseId', 'dataset', 'expiresAt', 'fields', 'grantId', 'legalBasis', 'purpose', 'role', 'sealedUntil', 'subjectKey']);
  });
  it('has no transaction that edits or deletes entries (only appends: live access and legacy import)', () => {
    const submits = transactionsOf(audit).filter((t) => t.tag.includes('SUBMIT')).map((t) => t.name);
    assert.deepEqual(submits.sort(), ['ImportEntries', 'RequestAccess']);
  });
});
