import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import {
  MSP, TestChannel, WHO, bootstrap, catalogueIdentity, citizen, grantApproved, ledgerSnapshot, registerCitizen, rejectsWithKey, useTestSecret,
} from '../../testing';
import { AuditContract } from './audit-contract';

const audit = new AuditContract();
const T0 = '2025-03-01T00:00:00.000Z';
type Page = { records: Array<{ accessId: string; sealingOrderId?: string }>; bookmark: string; withheld?: { count: number; releases: Array<string | null>; complete: boolean } };

describe('Audit: sealing orders', () => {
  let ch: TestChannel;
  let subjectKey: string;
  const order = (extra: Record<string, unknown> = {}) => JSON.stringify({
    subjectKey, caseId: 'CASE-7', accessorMsp: MSP.ps, legalAuthority: 'Criminal Procedure Law art. 152', reason: 'ongoing investigation',
    endsAt: '2025-09-01T00:00:00.000Z', ...extra,
  });
  const access = (extra: Record<string, unknown> = {}) => JSON.stringify({
    subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'investigation', legalBasis: 'Criminal Procedure Law art. 52', caseId: 'CASE-7', ...extra,
  });
  const issue = async (extra: Record<string, unknown> = {}, as = WHO.psInvestigator, id = 'o1') =>
    (await ch.submitJson<{ orderId: string }>(audit, 'IssueSealingOrder', [id, order(extra)], { as, time: T0 })).orderId;
  const log = (view: string, as = WHO.govAuditor, time = '2025-03-02T00:00:00.000Z', bookmark = '', size = '10') =>
    ch.evaluateJson<Page>(audit, 'ListBySubject', [subjectKey, view, size, bookmark], { as, time });
  const ids = (p: Page) => p.records.map((r) => r.accessId);

  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    await catalogueIdentity(ch);
    subjectKey = await registerCitizen(ch, citizen('808', 'Sealed Subject'));
    ch.setTime(T0);
  });

  it('has no self-sealing: sealedUntil is not an input any more', async () => {
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', access({ sealedUntil: '9999-12-31T00:00:00.000Z' })], { as: WHO.psClerk }), 'INVALID_ARGUMENT');
  });

  it('lets only investigators of a sealing org issue orders, for at most a year, for a registered subject', async () => {
    const before = ledgerSnapshot(ch.ledger);
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x1', order()], { as: WHO.psClerk }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x2', order()], { as: WHO.psAuditor }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x3', order()], { as: WHO.mrInvestigator }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x4', order({ endsAt: '2026-03-01T00:00:00.001Z' })], { as: WHO.psInvestigator, time: T0 }), 'RULE_VIOLATION');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x5', order({ endsAt: '2025-02-01T00:00:00.000Z' })], { as: WHO.psInvestigator, time: T0 }), 'RULE_VIOLATION');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x6', order({ subjectKey: 'e'.repeat(64) })], { as: WHO.psInvestigator, time: T0 }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x7', order({ accessorMsp: 'StrangerMSP' })], { as: WHO.psInvestigator, time: T0 }), 'RULE_VIOLATION');
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['x8', order({ caseId: 'bad case!' })], { as: WHO.psInvestigator }), 'INVALID_ARGUMENT');
    assert.equal(ledgerSnapshot(ch.ledger), before, 'refusals write nothing');
    const sim = await ch.simulate(audit, 'IssueSealingOrder', ['ok', order({ endsAt: '2026-03-01T00:00:00.000Z' })], { as: WHO.psInvestigator, time: T0 });
    assert.equal(sim.writeSet.event, undefined, 'a sealing order is not announced on the event stream');
    assert.deepEqual([...sim.writeSet.private.keys()], [`${MSP.ps}Anchors`]);
  });

  it('withholds a sealed access from the citizen, shows when it is released, and releases it when the order runs out', async () => {
    const orderId = await issue();
    await ch.submit(audit, 'RequestAccess', ['open1', access({ caseId: 'OTHER' })], { as: WHO.psClerk, txId: 'txOpen1', time: '2025-03-01T01:00:00.000Z' });
    const sim = await ch.simulate(audit, 'RequestAccess', ['s1', access({ sealingOrderId: orderId })], { as: WHO.psClerk, txId: 'txSealed', time: '2025-03-01T02:00:00.000Z' });
    assert.equal(sim.writeSet.event, undefined, 'a sealed access emits no event');
    await ch.submit(audit, 'RequestAccess', ['s1', access({ sealingOrderId: orderId })], { as: WHO.psClerk, txId: 'txSealed', time: '2025-03-01T02:00:00.000Z' });
    await ch.submit(audit, 'RequestAccess', ['open2', access({ caseId: 'OTHER' })], { as: WHO.psClerk, txId: 'txOpen2', time: '2025-03-01T03:00:00.000Z' });

    const citizenView = await log('citizen');
    assert.deepEqual(ids(citizenView), ['txOpen1', 'txOpen2']);
    assert.deepEqual(citizenView.withheld, { count: 1, releases: ['2025-09-01T00:00:00.000Z'], complete: true });
    assert.ok(!JSON.stringify(citizenView).includes('txSealed'), 'nothing of the sealed entry, not even in the bookmark');
    // Full pages: the page of 1 after txOpen1 skips the sealed entry and returns txOpen2, and its bookmark hides the sealed key.
    const p1 = await log('citizen', WHO.govAuditor, '2025-03-02T00:00:00.000Z', '', '1');
    assert.deepEqual(ids(p1), ['txOpen1']);
    const p2 = await log('citizen', WHO.govAuditor, '2025-03-02T00:00:00.000Z', p1.bookmark, '1');
    assert.deepEqual(ids(p2), ['txOpen2']);
    assert.equal(p2.bookmark, '');

    assert.deepEqual(ids(await log('citizen', WHO.govAuditor, '2025-09-01T00:00:00.000Z')), ['txOpen1', 'txSealed', 'txOpen2'], 'released when the order ends');
    assert.equal((await log('citizen', WHO.govAuditor, '2025-09-01T00:00:00.000Z')).withheld?.count, 0);
  });

  it('shows sealed entries to auditors of the dataset owner and of the governance org only', async () => {
    const orderId = await issue();
    await ch.submit(audit, 'RequestAccess', ['s1', access({ sealingOrderId: orderId })], { as: WHO.psClerk, txId: 'txSealed', time: '2025-03-01T02:00:00.000Z' });
    for (const who of [WHO.govAuditor, WHO.psAuditor]) {
      assert.deepEqual(ids(await log('auditor', who)), ['txSealed']);
      await ch.evaluate(audit, 'Get', ['txSealed'], { as: who, time: '2025-03-02T00:00:00.000Z' });
    }
    for (const who of [WHO.mrAuditor, WHO.nrAuditor]) {
      assert.deepEqual(ids(await log('auditor', who)), []);
      assert.deepEqual(ids(await ch.evaluateJson<Page>(audit, 'ListByOrg', [MSP.ps, '10', ''], { as: who, time: '2025-03-02T00:00:00.000Z' })), []);
      assert.deepEqual(ids(await ch.evaluateJson<Page>(audit, 'ListByTime', [T0, '2025-03-02T00:00:00.000Z', '10', ''], { as: who, time: '2025-03-02T00:00:00.000Z' })), []);
      await rejectsWithKey(ch.evaluate(audit, 'Get', ['txSealed'], { as: who, time: '2025-03-02T00:00:00.000Z' }), 'RECORD_NOT_FOUND');
    }
    await rejectsWithKey(ch.evaluate(audit, 'ListBySubject', [subjectKey, 'auditor', '10', ''], { as: WHO.psClerk }), 'FORBIDDEN_ROLE');
  });

  it('never seals an access by the order\'s issuer, of another org, subject or case, or after the order ended', async () => {
    const orderId = await issue();
    // One person with a clerk and an investigator certificate cannot seal their own access.
    const own = await issue({}, WHO.psClerkAsInvestigator, 'o-own');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s1', access({ sealingOrderId: own })], { as: WHO.psClerk }), 'ACCESS_DENIED');
    await grantApproved(ch, { requesterMsp: MSP.nr, dataset: 'resident-identity', purpose: 'investigation' }, '2026-01-01T00:00:00.000Z');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s2', access({ sealingOrderId: orderId })], { as: WHO.nrClerk }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s3', access({ sealingOrderId: orderId, caseId: 'OTHER' })], { as: WHO.psClerk }), 'RULE_VIOLATION');
    const other = await registerCitizen(ch, citizen('809', 'Other'), '9');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s4', access({ sealingOrderId: orderId, subjectKey: other })], { as: WHO.psClerk }), 'RULE_VIOLATION');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s5', access({ sealingOrderId: 'tx404' })], { as: WHO.psClerk }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s6', access({ sealingOrderId: orderId })], { as: WHO.psClerk, time: '2025-09-01T00:00:00.000Z' }), 'INVALID_STATE');
  });

  it('lets the issuer end an order early (the entries appear at once), and nobody else', async () => {
    const orderId = await issue();
    await ch.submit(audit, 'RequestAccess', ['s1', access({ sealingOrderId: orderId })], { as: WHO.psClerk, txId: 'txSealed', time: '2025-03-01T02:00:00.000Z' });
    const end = JSON.stringify({ orderId, reason: 'investigation closed' });
    await rejectsWithKey(ch.submit(audit, 'EndSealingOrder', ['e1', end], { as: WHO.psInvestigator2, time: '2025-04-01T00:00:00.000Z' }), 'ACCESS_DENIED');
    await rejectsWithKey(ch.submit(audit, 'EndSealingOrder', ['e2', end], { as: WHO.psClerk, time: '2025-04-01T00:00:00.000Z' }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(audit, 'EndSealingOrder', ['e3', end], { as: WHO.mrInvestigator, time: '2025-04-01T00:00:00.000Z' }), 'FORBIDDEN_ORG');
    const ended = await ch.submitJson<{ endedAt: string }>(audit, 'EndSealingOrder', ['e4', end], { as: WHO.psInvestigator, time: '2025-04-01T00:00:00.000Z' });
    assert.equal(ended.endedAt, '2025-04-01T00:00:00.000Z');
    assert.deepEqual(ids(await log('citizen', WHO.govAuditor, '2025-04-01T00:00:01.000Z')), ['txSealed']);
    await rejectsWithKey(ch.submit(audit, 'EndSealingOrder', ['e5', end], { as: WHO.psInvestigator, time: '2025-04-02T00:00:00.000Z' }), 'INVALID_STATE');
    const state = await ch.evaluateJson<{ status: string; releasesAt: string }>(audit, 'GetSealingOrder', [orderId], { as: WHO.psInvestigator, time: '2025-04-02T00:00:00.000Z' });
    assert.deepEqual([state.status, state.releasesAt], ['released', '2025-04-01T00:00:00.000Z']);
    await rejectsWithKey(ch.evaluate(audit, 'GetSealingOrder', [orderId], { as: WHO.mrAuditor }), 'RECORD_NOT_FOUND');
  });

  it('is extended only by a new order of the issuing org, issued while it runs, each at most once and at most a year ahead', async () => {
    const orderId = await issue();
    await ch.submit(audit, 'RequestAccess', ['s1', access({ sealingOrderId: orderId })], { as: WHO.psClerk, txId: 'txSealed', time: '2025-03-01T02:00:00.000Z' });
    const ext = (extra: Record<string, unknown>, id: string, time = '2025-08-01T00:00:00.000Z') =>
      ch.submitJson<{ orderId: string }>(audit, 'IssueSealingOrder', [id, order({ extendsOrderId: orderId, ...extra })], { as: WHO.psInvestigator2, time });
    await rejectsWithKey(ext({ endsAt: '2026-08-01T00:00:00.001Z' }, 'x1'), 'RULE_VIOLATION');
    await rejectsWithKey(ext({ endsAt: '2025-08-15T00:00:00.000Z' }, 'x2'), 'RULE_VIOLATION');
    await rejectsWithKey(ext({ endsAt: '2026-01-01T00:00:00.000Z', caseId: 'OTHER' }, 'x3'), 'RULE_VIOLATION');
    await rejectsWithKey(ext({ endsAt: '2026-01-01T00:00:00.000Z' }, 'x4', '2025-09-02T00:00:00.000Z'), 'INVALID_STATE');
    const second = await ext({ endsAt: '2026-06-01T00:00:00.000Z' }, 'x5');
    await rejectsWithKey(ext({ endsAt: '2026-07-01T00:00:00.000Z' }, 'x6'), 'DUPLICATE');
    const stillSealed = await log('citizen', WHO.govAuditor, '2025-10-01T00:00:00.000Z');
    assert.deepEqual(ids(stillSealed), []);
    assert.deepEqual(stillSealed.withheld?.releases, ['2026-06-01T00:00:00.000Z']);
    // The extended order is ended through the extension, by its issuer.
    await rejectsWithKey(ch.submit(audit, 'EndSealingOrder', ['e1', JSON.stringify({ orderId, reason: 'r' })], { as: WHO.psInvestigator, time: '2025-10-01T00:00:00.000Z' }), 'INVALID_STATE');
    await ch.submit(audit, 'EndSealingOrder', ['e2', JSON.stringify({ orderId: second.orderId, reason: 'r' })], { as: WHO.psInvestigator2, time: '2025-10-01T00:00:00.000Z' });
    assert.deepEqual(ids(await log('citizen', WHO.govAuditor, '2025-10-02T00:00:00.000Z')), ['txSealed']);
  });

  it('replays an issue or an end with the same request id (same result, nothing written) and refuses the id with other input', async () => {
    const first = await ch.submit(audit, 'IssueSealingOrder', ['same', order()], { as: WHO.psInvestigator, time: T0 });
    const before = ledgerSnapshot(ch.ledger);
    assert.equal(await ch.submit(audit, 'IssueSealingOrder', ['same', order()], { as: WHO.psInvestigator, time: T0 }), first);
    assert.equal(ledgerSnapshot(ch.ledger), before);
    await rejectsWithKey(ch.submit(audit, 'IssueSealingOrder', ['same', order({ caseId: 'OTHER' })], { as: WHO.psInvestigator, time: T0 }), 'IDEMPOTENCY_CONFLICT');
    const { orderId } = JSON.parse(first) as { orderId: string };
    const end = JSON.stringify({ orderId, reason: 'closed' });
    const ended = await ch.submit(audit, 'EndSealingOrder', ['end', end], { as: WHO.psInvestigator, time: '2025-04-01T00:00:00.000Z' });
    assert.equal(await ch.submit(audit, 'EndSealingOrder', ['end', end], { as: WHO.psInvestigator, time: '2025-04-02T00:00:00.000Z' }), ended);
    await rejectsWithKey(ch.submit(audit, 'EndSealingOrder', ['end2', JSON.stringify({ orderId: '../x', reason: 'r' })], { as: WHO.psInvestigator }), 'INVALID_ARGUMENT');
  });

  it('is refused for a forged order (not anchored by a sealing org), so a pair of departments cannot seal with one', async () => {
    const orderId = await issue();
    const key = [...ch.ledger.state.keys()].find((k) => k.includes('audit.seal.order')) as string;
    const forged = JSON.parse(Buffer.from(ch.ledger.state.get(key) as Uint8Array).toString()) as Record<string, unknown>;
    ch.ledger.state.set(key.replace(orderId, 'txForged'), Buffer.from(JSON.stringify({ ...forged, orderId: 'txForged' })));
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['s1', access({ sealingOrderId: 'txForged' })], { as: WHO.psClerk }), 'RECORD_NOT_FOUND');
  });
});
