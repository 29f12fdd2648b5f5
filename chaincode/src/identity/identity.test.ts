import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { describePolicy } from '../core/endorsement-policy';
import {
  MSP, TestChannel, WHO, bootstrap, citizen, identity, ledgerSnapshot, registerCitizen, rejectsWithKey, residentId, useTestSecret,
} from '../../testing';
import { AuditContract } from '../audit/audit-contract';
import { SECRET_ENV } from './subject-key';

const audit = new AuditContract();

const pd = citizen('456', '测试 公民');
const change = (subjectKey: string) => JSON.stringify({ subjectKey, reason: 'court order 12', legalAuthority: 'Code art. 9' });

/** Every byte committed outside the registrar's private collection, as text. */
function publicText(ch: TestChannel): string {
  const parts: string[] = [];
  for (const [k, v] of ch.ledger.state) parts.push(k, Buffer.from(v).toString('utf8'));
  for (const e of ch.ledger.events) parts.push(Buffer.from(e.payload).toString('utf8'));
  return parts.join('\n');
}

describe('Identity: staging and registration', () => {
  let ch: TestChannel;
  beforeEach(async () => { useTestSecret(); ch = new TestChannel(); await bootstrap(ch); });

  it('stages personal data only in the registrar collection and registers a public record without it', async () => {
    const stagedSim = await ch.simulate(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(pd) } });
    assert.equal(stagedSim.writeSet.public.size, 0, 'staging writes no public state');
    assert.deepEqual([...stagedSim.writeSet.private.keys()], [`${MSP.ps}PrivateData`]);
    const staged = JSON.parse(stagedSim.result) as { subjectKey: string; fingerprints: Record<string, string>; stagedTxId: string };
    assert.deepEqual(Object.keys(staged).sort(), ['fingerprints', 'stagedTxId', 'subjectKey']);
    assert.ok(!stagedSim.result.includes(pd.name) && !stagedSim.result.includes(pd.idNumber));

    const subjectKey = await registerCitizen(ch, pd);
    assert.equal(subjectKey, staged.subjectKey);
    const rec = await ch.evaluateJson<{ status: string; issuerMsp: string; fingerprints: Record<string, string>; meta: { version: number } }>(identity, 'Get', [subjectKey], { as: WHO.nrClerk });
    assert.deepEqual([rec.status, rec.issuerMsp, rec.meta.version], ['active', MSP.ps, 1]);
    // Salts derive from the staging tx id, so re-staging (registerCitizen) gives other fingerprints.
    assert.notDeepEqual(rec.fingerprints, staged.fingerprints);
    const text = publicText(ch);
    for (const secret of [pd.name, pd.idNumber, pd.address, pd.birthDate]) assert.ok(!text.includes(secret), `public ledger leaks ${secret}`);
    const policyKey = [...ch.ledger.validationParameters.keys()].find((k) => k.includes(subjectKey));
    assert.ok(policyKey);
    assert.equal(describePolicy(ch.ledger.validationParameters.get(policyKey) as Uint8Array),
      `OutOf(2, '${MSP.ps}.peer', OutOf(1, '${MSP.co}.peer', '${MSP.gov}.peer', '${MSP.mr}.peer', '${MSP.nr}.peer'))`);
  });

  it('rejects a bad check digit, wrong role, wrong org, missing transient, writing nothing', async () => {
    const before = ledgerSnapshot(ch.ledger);
    const bad = { ...pd, idNumber: pd.idNumber.slice(0, 17) + (pd.idNumber.endsWith('0') ? '1' : '0') };
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(bad) } }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psClerk, transient: { personalData: JSON.stringify(pd) } }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.nrRegistrar, transient: { personalData: JSON.stringify(pd) } }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar }), 'INVALID_ARGUMENT');
    const err = await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(bad) } }), 'INVALID_ARGUMENT');
    assert.ok(!JSON.stringify(err).includes(bad.idNumber), 'errors never echo personal data');
    assert.equal(ledgerSnapshot(ch.ledger), before);
  });

  it('answers CONFIG_MISSING without the subject-key secret', async () => {
    delete process.env[SECRET_ENV];
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(pd) } }), 'CONFIG_MISSING');
  });

  it('replays a staged request, refuses reuse with other data, refuses a second registration', async () => {
    const transient = { personalData: JSON.stringify(pd) };
    const first = await ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient });
    const replay = await ch.simulate(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient });
    assert.equal(replay.result, first);
    // Only the idempotency record, rewritten unchanged in the registrar's collection: a replay writing nothing would
    // be validated against the chaincode-level policy (two orgs), which the staging's single endorser never meets.
    assert.equal(replay.writeSet.public.size, 0, 'no public write');
    assert.deepEqual([...replay.writeSet.private.keys()], [`${MSP.ps}PrivateData`]);
    assert.equal(replay.writeSet.private.get(`${MSP.ps}PrivateData`)?.size, 1);
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(citizen('789')) } }), 'IDEMPOTENCY_CONFLICT');
    await ch.submit(identity, 'Register', ['r1', first], { as: WHO.psRegistrar });
    await rejectsWithKey(ch.submit(identity, 'StagePersonalData', ['s2'], { as: WHO.psRegistrar, transient }), 'DUPLICATE');
  });

  it('refuses registration without staged data or with other fingerprints; other peers check the hash only', async () => {
    const staged = JSON.parse(await ch.submit(identity, 'StagePersonalData', ['s1'], { as: WHO.psRegistrar, transient: { personalData: JSON.stringify(pd) } })) as { subjectKey: string; fingerprints: Record<string, string>; stagedTxId: string };
    const unknown = { ...staged, subjectKey: 'f'.repeat(64) };
    await rejectsWithKey(ch.submit(identity, 'Register', ['r1', JSON.stringify(unknown)], { as: WHO.psRegistrar }), 'INVALID_STATE');
    const forged = { ...staged, fingerprints: { ...staged.fingerprints, name: 'a'.repeat(64) } };
    await rejectsWithKey(ch.submit(identity, 'Register', ['r2', JSON.stringify(forged)], { as: WHO.psRegistrar }), 'RULE_VIOLATION');
    // The non-registrar endorser cannot read the collection but computes the same write set.
    const onOwn = await ch.simulate(identity, 'Register', ['r3', JSON.stringify(staged)], { as: WHO.psRegistrar, txId: 'txR' });
    const onOther = await ch.simulate(identity, 'Register', ['r3', JSON.stringify(staged)], { as: WHO.psRegistrar, txId: 'txR', time: '2025-01-01T00:00:59.000Z', peerMsp: MSP.nr });
    const onOwnAgain = await ch.simulate(identity, 'Register', ['r3', JSON.stringify(staged)], { as: WHO.psRegistrar, txId: 'txR', time: '2025-01-01T00:00:59.000Z' });
    assert.notEqual(onOwn.result, '');
    assert.equal(onOther.result, onOwnAgain.result);
  });
});

describe('Identity: status, verify, erase', () => {
  let ch: TestChannel;
  let subjectKey: string;
  beforeEach(async () => { useTestSecret(); ch = new TestChannel(); await bootstrap(ch); subjectKey = await registerCitizen(ch, pd); });

  let n = 0;
  /** A verify as the gateway does it: the lookup is recorded (submitted) first, then answered citing it. */
  const verify = async (as = WHO.nrClerk, claim: Record<string, string> = { idNumber: pd.idNumber, name: pd.name }) => {
    const transient = { personalData: JSON.stringify(claim) };
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RecordLookup', [`v${++n}`, JSON.stringify({ lookup: 'verify', purpose: 'counter-service', legalBasis: 'Law art. 1', caseId: 'C-1' })], { as, transient });
    return ch.evaluateJson<{ match: boolean }>(identity, 'Verify', [accessId], { as, transient });
  };

  it('verifies ID number plus name of an active identity only, answering {match} alone', async () => {
    assert.deepEqual(await verify(), { match: true });
    assert.deepEqual(await verify(WHO.nrClerk, { idNumber: pd.idNumber, name: 'Someone Else' }), { match: false });
    assert.deepEqual(await verify(WHO.nrClerk, { idNumber: residentId('19900307', '999'), name: pd.name }), { match: false });
    await rejectsWithKey(verify(WHO.nrClerk, { idNumber: '110105199003071230', name: pd.name }), 'INVALID_ARGUMENT');
    await ch.submit(identity, 'Suspend', ['sus', change(subjectKey)], { as: WHO.psRegistrar });
    assert.deepEqual(await verify(), { match: false });
  });

  it('derives the subject key from a transient ID number for any member operator, after a recorded lookup', async () => {
    const transient = { personalData: JSON.stringify({ idNumber: pd.idNumber }) };
    const { accessId } = await ch.submitJson<{ accessId: string }>(audit, 'RecordLookup', ['k1', JSON.stringify({ lookup: 'subject-key', purpose: 'counter-service', legalBasis: 'Law art. 1', caseId: 'C-1' })], { as: WHO.nrClerk, transient });
    const got = await ch.evaluateJson<{ subjectKey: string }>(identity, 'SubjectKey', [accessId], { as: WHO.nrClerk, transient });
    assert.deepEqual(got, { subjectKey });
    await rejectsWithKey(ch.evaluate(identity, 'SubjectKey', [accessId], { as: { mspId: 'StrangerMSP', role: 'clerk', operatorId: 'x' }, transient }), 'FORBIDDEN_ORG');
  });

  it('suspends, revokes and reinstates as amendments; refuses invalid transitions and other orgs', async () => {
    await rejectsWithKey(ch.submit(identity, 'Reinstate', ['x1', change(subjectKey)], { as: WHO.psRegistrar }), 'INVALID_STATE');
    await rejectsWithKey(ch.submit(identity, 'Suspend', ['x2', change(subjectKey)], { as: WHO.nrRegistrar }), 'FORBIDDEN_ORG');
    const s = await ch.submitJson<{ status: string; meta: { version: number; reason: string; legalAuthority: string; approvedBy: string } }>(identity, 'Suspend', ['x3', change(subjectKey)], { as: WHO.psRegistrar });
    assert.deepEqual([s.status, s.meta.version, s.meta.reason, s.meta.legalAuthority, s.meta.approvedBy], ['suspended', 2, 'court order 12', 'Code art. 9', 'ps-registrar1@PublicSecurityMSP']);
    assert.equal((await ch.submitJson<{ status: string }>(identity, 'Revoke', ['x4', change(subjectKey)], { as: WHO.psRegistrar })).status, 'revoked');
    assert.equal((await ch.submitJson<{ status: string }>(identity, 'Reinstate', ['x5', change(subjectKey)], { as: WHO.psRegistrar })).status, 'active');
    const hist = await ch.evaluateJson<{ records: Array<{ value: { status: string } }> }>(identity, 'History', [subjectKey, '10', ''], { as: WHO.nrClerk });
    assert.deepEqual(hist.records.map((r) => r.value.status), ['active', 'revoked', 'suspended', 'active']);
    await rejectsWithKey(ch.submit(identity, 'Suspend', ['x6', change('0'.repeat(64))], { as: WHO.psRegistrar }), 'RECORD_NOT_FOUND');
  });

  it('erases: purges the private data, keeps fingerprints, later changes get ERASED', async () => {
    const before = await ch.evaluateJson<{ fingerprints: unknown }>(identity, 'Get', [subjectKey], { as: WHO.nrClerk });
    await rejectsWithKey(ch.submit(identity, 'Erase', ['e0', change(subjectKey)], { as: WHO.psClerk }), 'FORBIDDEN_ROLE');
    const erased = await ch.submitJson<{ status: string; fingerprints: unknown }>(identity, 'Erase', ['e1', change(subjectKey)], { as: WHO.psRegistrar });
    assert.equal(erased.status, 'erased');
    assert.deepEqual(erased.fingerprints, before.fingerprints);
    const store = ch.ledger.collections.get(`${MSP.ps}PrivateData`);
    assert.ok(![...(store?.values() ?? [])].some((v) => Buffer.from(v).toString().includes(pd.name)), 'personal data purged');
    await rejectsWithKey(ch.submit(identity, 'Reinstate', ['e2', change(subjectKey)], { as: WHO.psRegistrar }), 'ERASED');
    assert.deepEqual(await verify(), { match: false });
  });
});
