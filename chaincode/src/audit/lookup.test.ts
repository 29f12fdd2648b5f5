import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { MSP, TestChannel, WHO, bootstrap, citizen, identity, ledgerSnapshot, registerCitizen, rejectsWithKey, residentId, useTestSecret } from '../../testing';
import { AuditContract } from './audit-contract';

const audit = new AuditContract();
const pd = citizen('515', 'Lookup Subject');
const why = { purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 15', caseId: 'WIN-2025/7' };

describe('Audit: lookups are disclosures', () => {
  let ch: TestChannel;
  let subjectKey: string;
  let n = 0;
  const claimOf = (kind: 'verify' | 'subject-key', idNumber = pd.idNumber, name = pd.name) =>
    ({ personalData: JSON.stringify(kind === 'verify' ? { idNumber, name } : { idNumber }) });
  const record = (kind: 'verify' | 'subject-key', as = WHO.nrClerk, transient = claimOf(kind), extra: Record<string, unknown> = {}) =>
    ch.submitJson<{ accessId: string; expiresAt: string }>(audit, 'RecordLookup', [`l${++n}`, JSON.stringify({ lookup: kind, ...why, ...extra })], { as, transient });

  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    subjectKey = await registerCitizen(ch, pd);
  });

  it('needs a committed lookup entry before it answers (fail closed), by the same operator, for the same claim', async () => {
    const transient = claimOf('verify');
    await rejectsWithKey(ch.evaluate(identity, 'Verify', ['txNone'], { as: WHO.nrClerk, transient }), 'ACCESS_DENIED');
    // Endorsed but never committed: no answer.
    const endorsedOnly = await ch.simulate(audit, 'RecordLookup', ['x1', JSON.stringify({ lookup: 'verify', ...why })], { as: WHO.nrClerk, transient });
    await rejectsWithKey(ch.evaluate(identity, 'Verify', [endorsedOnly.txId], { as: WHO.nrClerk, transient }), 'ACCESS_DENIED');
    const { accessId } = await record('verify');
    assert.deepEqual(await ch.evaluateJson(identity, 'Verify', [accessId], { as: WHO.nrClerk, transient }), { match: true });
    await rejectsWithKey(ch.evaluate(identity, 'Verify', [accessId], { as: WHO.nrClerk2, transient }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.evaluate(identity, 'Verify', [accessId], { as: WHO.nrClerk, transient: claimOf('verify', pd.idNumber, 'Guessed Name') }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.evaluate(identity, 'Verify', [accessId], { as: WHO.nrClerk, transient: claimOf('verify', residentId('19900307', '998')) }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.evaluate(identity, 'SubjectKey', [accessId], { as: WHO.nrClerk, transient: claimOf('subject-key') }), 'ACCESS_DENIED');
  });

  it('never puts the subject key or the claim in its write set, result or event (an endorse-only client learns nothing)', async () => {
    const sim = await ch.simulate(audit, 'RecordLookup', ['x1', JSON.stringify({ lookup: 'subject-key', ...why })], { as: WHO.nrClerk, transient: claimOf('subject-key') });
    const text = [...sim.writeSet.public].map(([k, v]) => `${k}${v ? Buffer.from(v).toString() : ''}`).join('\n') + sim.result + Buffer.from(sim.writeSet.event?.payload ?? []).toString();
    for (const secret of [subjectKey, pd.idNumber, pd.name]) assert.ok(!text.includes(secret), `write set leaks ${secret.slice(0, 8)}…`);
    assert.deepEqual(Object.keys(JSON.parse(sim.result) as object).sort(), ['accessId', 'expiresAt']);
  });

  it('shows in the subject\'s log (citizen and auditor views) with who, why and which fields', async () => {
    const { accessId } = await record('verify');
    const page = await ch.evaluateJson<{ records: Array<Record<string, unknown>> }>(audit, 'ListBySubject', [subjectKey, 'citizen', '10', ''], { as: WHO.govAuditor });
    const entry = page.records.find((r) => r.accessId === accessId);
    assert.ok(entry, 'the lookup is in the citizen\'s log');
    assert.deepEqual([entry.kind, entry.lookup, entry.accessorMsp, entry.accessorOperatorId, entry.purpose, entry.caseId], ['lookup', 'verify', MSP.nr, 'nr-clerk1', why.purpose, why.caseId]);
    assert.deepEqual(entry.fields, ['idNumber', 'name']);
    assert.equal(entry.subjectKey, undefined, 'the entry holds a pseudonym, not the subject key');
    const other = await registerCitizen(ch, citizen('516', 'Someone Else'), '2');
    assert.equal((await ch.evaluateJson<{ records: unknown[] }>(audit, 'ListBySubject', [other, 'citizen', '10', ''], { as: WHO.govAuditor })).records.length, 0);
    const byOrg = await ch.evaluateJson<{ records: Array<{ accessId: string }> }>(audit, 'ListByOrg', [MSP.nr, '10', ''], { as: WHO.govAuditor });
    assert.deepEqual(byOrg.records.map((r) => r.accessId), [accessId]);
  });

  it('merges accesses and lookups by time in the subject\'s log, with full pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await record('subject-key', WHO.psClerk)).accessId);
    const p1 = await ch.evaluateJson<{ records: Array<{ accessId: string }>; bookmark: string }>(audit, 'ListBySubject', [subjectKey, 'citizen', '2', ''], { as: WHO.govAuditor });
    const p2 = await ch.evaluateJson<{ records: Array<{ accessId: string }>; bookmark: string }>(audit, 'ListBySubject', [subjectKey, 'citizen', '2', p1.bookmark], { as: WHO.govAuditor });
    assert.deepEqual([...p1.records, ...p2.records].map((r) => r.accessId), ids);
    assert.equal(p2.bookmark, '');
  });

  it('expires after 5 minutes and refuses a read claiming a time before the lookup', async () => {
    ch.setTime('2025-05-01T00:00:00.000Z');
    const transient = claimOf('subject-key');
    const { accessId, expiresAt } = await record('subject-key', WHO.nrClerk, transient);
    assert.equal(expiresAt, '2025-05-01T00:05:01.000Z');
    await rejectsWithKey(ch.evaluate(identity, 'SubjectKey', [accessId], { as: WHO.nrClerk, transient, time: expiresAt }), 'ACCESS_EXPIRED');
    await rejectsWithKey(ch.evaluate(identity, 'SubjectKey', [accessId], { as: WHO.nrClerk, transient, time: '2025-04-30T23:00:00.000Z' }), 'ACCESS_DENIED');
  });

  it('refuses wrong roles, foreign orgs, a missing claim and bad input, writing nothing', async () => {
    const before = ledgerSnapshot(ch.ledger);
    await rejectsWithKey(record('verify', WHO.psAuditor), 'FORBIDDEN_ROLE');
    await rejectsWithKey(record('verify', WHO.psInvestigator), 'FORBIDDEN_ROLE');
    await rejectsWithKey(record('subject-key', { mspId: 'StrangerMSP', role: 'clerk', operatorId: 'x' }), 'FORBIDDEN_ORG');
    await rejectsWithKey(record('verify', WHO.nrClerk, { personalData: '' }), 'INVALID_ARGUMENT');
    await rejectsWithKey(record('verify', WHO.nrClerk, claimOf('verify', '110105199003071230')), 'INVALID_ARGUMENT');
    await rejectsWithKey(record('verify', WHO.nrClerk, claimOf('verify'), { purpose: 'Not A Code' }), 'INVALID_ARGUMENT');
    await rejectsWithKey(record('verify', WHO.nrClerk, claimOf('verify'), { legalBasis: undefined }), 'INVALID_ARGUMENT');
    assert.equal(ledgerSnapshot(ch.ledger), before);
  });

  it('replays the same request id and refuses it with another claim (the idempotency record holds only keyed digests)', async () => {
    const first = await ch.submit(audit, 'RecordLookup', ['same', JSON.stringify({ lookup: 'verify', ...why })], { as: WHO.nrClerk, transient: claimOf('verify') });
    assert.equal(await ch.submit(audit, 'RecordLookup', ['same', JSON.stringify({ lookup: 'verify', ...why })], { as: WHO.nrClerk, transient: claimOf('verify') }), first);
    await rejectsWithKey(ch.submit(audit, 'RecordLookup', ['same', JSON.stringify({ lookup: 'verify', ...why })], { as: WHO.nrClerk, transient: claimOf('verify', pd.idNumber, 'Other Name') }), 'IDEMPOTENCY_CONFLICT');
  });
});
