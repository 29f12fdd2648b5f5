import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  MSP, TestChannel, WHO, bootstrap, catalogueIdentity, citizen, governance, identity, ledgerSnapshot, registerCitizen, rejectsWithKey,
  transactionsOf, useTestSecret, grantApproved as approveGrantFor,
} from '../../testing';
import { describePolicy } from '../core/endorsement-policy';
import { AuditContract } from './audit-contract';

const audit = new AuditContract();
const pd = citizen('321', 'Audit Subject');
const amend = { reason: 'grant', legalAuthority: 'Regulation art. 7' };
const grantRef = { requesterMsp: MSP.nr, dataset: 'resident-identity', purpose: 'title-registration' };

/** A fresh channel: governance bootstrapped, the identity dataset catalogued and the audit subject registered. */
async function channelWithSubject(): Promise<{ ch: TestChannel; subjectKey: string }> {
  useTestSecret();
  const ch = new TestChannel();
  await bootstrap(ch);
  await catalogueIdentity(ch);
  return { ch, subjectKey: await registerCitizen(ch, pd) };
}

type AccessPage = { records: Array<{ accessId: string; accessorOperatorId: string }>; bookmark: string; fetched: number };

describe('Audit: personal-data access', () => {
  let ch: TestChannel;
  let subjectKey: string;
  const request = (extra: Record<string, unknown> = {}) => JSON.stringify({
    subjectKey, dataset: 'resident-identity', fields: ['name', 'address'], purpose: 'title-registration',
    legalBasis: 'Property Law art. 3', caseId: 'CASE-2025/001', ...extra,
  });
  const grantApproved = (expiresAt = '2026-01-01T00:00:00.000Z') => approveGrantFor(ch, grantRef, expiresAt);

  beforeEach(async () => {
    ({ ch, subjectKey } = await channelWithSubject());
  });

  it('lets the owner org record an access and then read exactly the recorded fields', async () => {
    const sim = await ch.simulate(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    const res = JSON.parse(sim.result) as { accessId: string; expiresAt: string };
    assert.deepEqual(Object.keys(res).sort(), ['accessId', 'expiresAt']);
    assert.equal(res.accessId, sim.txId);
    assert.equal(sim.writeSet.public.size, 6, 'entry + 4 indexes + idempotency record');
    // Written once: every audit key needs every department's peer to change; the entry is anchored by the accessor org.
    const auditKeys = [...sim.writeSet.public.keys()].filter((k) => !k.includes('idem'));
    const all = Object.values(MSP).sort().map((m) => `'${m}.peer'`).join(', ');
    for (const k of auditKeys) assert.equal(describePolicy(sim.writeSet.validationParameters.get(k) as Uint8Array), `OutOf(5, ${all})`, k);
    assert.deepEqual([...sim.writeSet.private.keys()], [`${MSP.ps}Anchors`]);
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

  it('expires with the grant (capped at 5 minutes) and refuses not_shared datasets', async () => {
    ch.setTime('2025-01-01T00:00:00.000Z');
    const { expiresAt: capped } = await ch.submitJson<{ expiresAt: string }>(audit, 'RequestAccess', ['a0', request()], { as: WHO.psClerk });
    assert.equal(capped, '2025-01-01T00:05:01.000Z', 'an access may be cited for 5 minutes');
    await grantApproved('2025-01-01T00:03:00.000Z');
    const { expiresAt } = await ch.submitJson<{ expiresAt: string }>(audit, 'RequestAccess', ['a1', request()], { as: WHO.nrClerk });
    assert.equal(expiresAt, '2025-01-01T00:03:00.000Z');
    ch.setTime('2025-01-01T00:20:00.000Z');
    const expired = await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a2', request()], { as: WHO.nrClerk }), 'GRANT_REQUIRED');
    assert.equal(expired.details.status, 'expired');
    await catalogueIdentity(ch, 'not_shared');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a3', request()], { as: WHO.mrClerk }), 'ACCESS_DENIED');
  });

  it('re-checks the grant when the data is read: revoked since the access, or expired at read time, means no data', async () => {
    ch.ledger.memberOnlyRead = false;
    await grantApproved('2025-01-01T01:00:00.000Z');
    const read = (accessId: string, time?: string) => ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.nrClerk, peerMsp: MSP.ps, ...(time ? { time } : {}) });
    const first = await ch.submitJson<{ accessId: string }>(audit, 'RequestAccess', ['r1', request()], { as: WHO.nrClerk });
    await read(first.accessId);
    await ch.submit(governance, 'RevokeGrant', ['rv', JSON.stringify({ ...grantRef, ...amend })], { as: WHO.psAdmin });
    const revoked = await rejectsWithKey(read(first.accessId), 'GRANT_REQUIRED');
    assert.equal(revoked.details.status, 'revoked');
    // Expiry: the grant ends 00:59; the access at 00:57 may be cited until then, judged at max(read time, access time).
    await ch.submit(governance, 'ProposeGrant', ['g3', JSON.stringify({ ...grantRef, expiresAt: '2025-01-01T00:59:00.000Z', legalBasis: 'x', ...amend })], { as: WHO.govAdmin });
    await ch.submit(governance, 'ApproveGrant', ['g4', JSON.stringify({ ...grantRef, ...amend })], { as: WHO.psAdmin });
    const late = await ch.submitJson<{ accessId: string; expiresAt: string }>(audit, 'RequestAccess', ['r2', request()], { as: WHO.nrClerk, time: '2025-01-01T00:57:00.000Z' });
    assert.equal(late.expiresAt, '2025-01-01T00:59:00.000Z');
    await read(late.accessId, '2025-01-01T00:58:00.000Z');
    await rejectsWithKey(read(late.accessId, '2025-01-01T00:59:00.000Z'), 'ACCESS_EXPIRED');
    // The client cannot move the read far before its committed access (skew bound: 30 s).
    await rejectsWithKey(read(late.accessId, '2025-01-01T00:50:00.000Z'), 'ACCESS_DENIED');
    await read(late.accessId, '2025-01-01T00:56:45.000Z');
  });

  it('re-checks the catalogue when the data is read: a dataset no longer shared, or a field dropped, means no data', async () => {
    ch.ledger.memberOnlyRead = false;
    await grantApproved('2025-01-01T01:00:00.000Z');
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RequestAccess', ['r1', request()], { as: WHO.nrClerk });
    await catalogueIdentity(ch, 'not_shared');
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [accessId], { as: WHO.nrClerk, peerMsp: MSP.ps }), 'ACCESS_DENIED');
  });

  it('counts a grant only when the owner approved it on the ledger (an approval not anchored by the owner is none)', async () => {
    await ch.submit(governance, 'ProposeGrant', ['g1', JSON.stringify({ ...grantRef, expiresAt: '2026-01-01T00:00:00.000Z', legalBasis: 'x', ...amend })], { as: WHO.govAdmin });
    // What modified chaincode run by two other departments could write: the grant record set to approved, without the owner's anchor.
    const key = [...ch.ledger.state.keys()].find((k) => k.includes('gov.grant')) as string;
    const forged = { ...JSON.parse(Buffer.from(ch.ledger.state.get(key) as Uint8Array).toString()), status: 'approved', approvedByOwner: 'ps-admin1@PublicSecurityMSP', approvedTxId: 'tx999' };
    ch.ledger.state.set(key, Buffer.from(JSON.stringify(forged)));
    const denied = await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', request()], { as: WHO.nrClerk }), 'GRANT_REQUIRED');
    assert.equal(denied.details.status, 'unapproved');
  });

  it('never counts an entry its accessor org did not anchor (forged by other departments), for reads and queries', async () => {
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RequestAccess', ['a1', request()], { as: WHO.psClerk });
    // Copy the genuine entry under a new access id, as two colluding departments could (no anchor of PublicSecurity).
    const forgedId = 'txFORGED';
    for (const [k, v] of [...ch.ledger.state]) {
      if (!k.includes(accessId) || k.includes('idem')) continue;
      const entry = JSON.parse(Buffer.from(v).toString()) as Record<string, unknown>;
      ch.ledger.state.set(k.replace(accessId, forgedId), Buffer.from(JSON.stringify({ ...entry, accessId: forgedId })));
    }
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [forgedId], { as: WHO.psClerk }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.evaluate(audit, 'Get', [forgedId], { as: WHO.govAuditor }), 'RECORD_NOT_FOUND');
    const page = await ch.evaluateJson<{ records: Array<{ accessId: string }> }>(audit, 'ListBySubject', [subjectKey, 'auditor', '10', ''], { as: WHO.govAuditor });
    assert.deepEqual(page.records.map((r) => r.accessId), [accessId]);
    // A genuine entry's bytes changed in place (an overwrite the write-once policy stops on the real network) no longer match its anchor.
    const entryKey = [...ch.ledger.state.keys()].find((k) => k.startsWith('\u0000audit.entry\u0000' + accessId)) as string;
    const tampered = { ...JSON.parse(Buffer.from(ch.ledger.state.get(entryKey) as Uint8Array).toString()), purpose: 'benign' };
    ch.ledger.state.set(entryKey, Buffer.from(JSON.stringify(tampered)));
    await rejectsWithKey(ch.evaluate(audit, 'Get', [accessId], { as: WHO.govAuditor }), 'RECORD_NOT_FOUND');
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
  let otherKey: string;
  beforeEach(async () => {
    ({ ch, subjectKey } = await channelWithSubject());
    otherKey = await registerCitizen(ch, citizen('654', 'Other Subject'), '2');
    const base = { subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'service', legalBasis: 'Law', caseId: 'C1' };
    await ch.submit(audit, 'RequestAccess', ['q1', JSON.stringify(base)], { as: WHO.psClerk, txId: 'txQ1', time: '2025-02-01T10:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['q2', JSON.stringify(base)], { as: WHO.psRegistrar, txId: 'txQ2', time: '2025-02-01T11:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['q3', JSON.stringify(base)], { as: WHO.psClerk, txId: 'txQ3', time: '2025-02-02T10:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['q4', JSON.stringify({ ...base, subjectKey: otherKey })], { as: WHO.psClerk, txId: 'txQ4', time: '2025-02-02T11:00:00.000Z' });
  });
  const q = (fn: string, args: string[], as = WHO.govAuditor, time?: string) => ch.evaluateJson<AccessPage>(audit, fn, args, { as, time });
  const ids = (p: AccessPage) => p.records.map((r) => r.accessId);
  it('lists by subject with bookmarks, for the citizen view and the auditor view', async () => {
    assert.deepEqual(ids(await q('ListBySubject', [subjectKey, 'auditor', '10', ''])), ['txQ1', 'txQ2', 'txQ3']);
    const p1 = await q('ListBySubject', [subjectKey, 'citizen', '2', '']);
    assert.deepEqual(ids(p1), ['txQ1', 'txQ2']);
    const p2 = await q('ListBySubject', [subjectKey, 'citizen', '2', p1.bookmark]);
    assert.deepEqual(ids(p2), ['txQ3']);
    assert.equal(p2.bookmark, '');
  });
  it('lists by accessor, org and time range with bookmarks', async () => {
    assert.deepEqual(ids(await q('ListByAccessor', [MSP.ps, 'ps-clerk1', '10', ''])), ['txQ1', 'txQ3', 'txQ4']);
    const p1 = await q('ListByOrg', [MSP.ps, '2', '']);
    assert.deepEqual(ids(p1), ['txQ1', 'txQ2']);
    assert.deepEqual(ids(await q('ListByOrg', [MSP.ps, '2', p1.bookmark])), ['txQ3', 'txQ4']);
    assert.deepEqual(ids(await q('ListByTime', ['2025-02-01T00:00:00.000Z', '2025-02-02T00:00:00.000Z', '10', ''])), ['txQ1', 'txQ2']);
    assert.equal((await q('ListByOrg', [MSP.nr, '10', ''])).records.length, 0);
    await rejectsWithKey(q('ListByTime', ['2025-02-02T00:00:00.000Z', '2025-02-01T00:00:00.000Z', '10', '']), 'INVALID_ARGUMENT');
    await rejectsWithKey(q('ListByOrg', [MSP.ps, '500', '']), 'INVALID_ARGUMENT');
  });
  it('refuses a forged bookmark on every list query with INVALID_ARGUMENT, reading nothing', async () => {
    // The attack of issue 10: the raw key of another citizen's index row as the bookmark.
    const foreign = ch.ledger.state.keys();
    const otherRow = [...foreign].find((k) => k.startsWith(`\u0000audit.subject\u0000${otherKey}`)) as string;
    assert.ok(otherRow, 'the other citizen has an index row');
    const below = `\u0000audit.subject\u0000${'0'.repeat(64)}\u0000`;
    const p1 = await q('ListBySubject', [otherKey, 'citizen', '1', '']);
    for (const forged of [otherRow, below, 'b1.AAAA', `${p1.bookmark}x`, 'not-a-bookmark', '\u0000audit.time|2025']) {
      await rejectsWithKey(q('ListBySubject', [subjectKey, 'citizen', '10', forged]), 'INVALID_ARGUMENT');
      await rejectsWithKey(q('ListBySubject', [subjectKey, 'auditor', '10', forged]), 'INVALID_ARGUMENT');
      await rejectsWithKey(q('ListByOrg', [MSP.ps, '10', forged]), 'INVALID_ARGUMENT');
      await rejectsWithKey(q('ListByAccessor', [MSP.ps, 'ps-clerk1', '10', forged]), 'INVALID_ARGUMENT');
      await rejectsWithKey(q('ListByTime', ['2025-02-01T00:00:00.000Z', '2025-02-03T00:00:00.000Z', '10', forged]), 'INVALID_ARGUMENT');
    }
    // A genuine bookmark of one subject's log does not open another subject's, nor another view, nor another org's auditor view.
    const mine = await q('ListBySubject', [subjectKey, 'citizen', '1', '']);
    await rejectsWithKey(q('ListBySubject', [otherKey, 'citizen', '10', mine.bookmark]), 'INVALID_ARGUMENT');
    await rejectsWithKey(q('ListBySubject', [subjectKey, 'auditor', '10', mine.bookmark]), 'INVALID_ARGUMENT');
    const govPage = await q('ListByOrg', [MSP.ps, '1', '']);
    await rejectsWithKey(q('ListByOrg', [MSP.ps, '1', govPage.bookmark], WHO.mrAuditor), 'INVALID_ARGUMENT');
    assert.deepEqual(ids(await q('ListByOrg', [MSP.ps, '1', govPage.bookmark])), ['txQ2']);
  });
  it('is for auditors only', async () => {
    await rejectsWithKey(q('ListBySubject', [subjectKey, 'auditor', '10', ''], WHO.psClerk), 'FORBIDDEN_ROLE');
    await rejectsWithKey(q('ListBySubject', [subjectKey, 'auditor', '10', ''], WHO.psInvestigator), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.evaluate(audit, 'Get', ['txQ1'], { as: WHO.psRegistrar }), 'FORBIDDEN_ROLE');
    const entry = await ch.evaluateJson<Record<string, unknown>>(audit, 'Get', ['txQ2'], { as: WHO.govAuditor });
    assert.deepEqual(Object.keys(entry).sort(), ['accessId', 'accessorMsp', 'accessorOperatorId', 'at', 'caseId', 'dataset', 'datasetOwnerMsp', 'expiresAt', 'fields', 'grantId', 'kind', 'legalBasis', 'purpose', 'role', 'subjectKey']);
  });
  it('has no transaction that edits or deletes entries or orders (only appends)', () => {
    const submits = transactionsOf(audit).filter((t) => t.tag.includes('SUBMIT')).map((t) => t.name);
    assert.deepEqual(submits.sort(), ['EndSealingOrder', 'ImportEntries', 'IssueSealingOrder', 'RecordLookup', 'RequestAccess']);
  });
});
