import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { MSP, TestChannel, WHO, bootstrap, catalogueIdentity, citizen, identity, ledgerSnapshot, registerCitizen, rejectsWithKey, useTestSecret } from '../../testing';
import { AuditContract } from './audit-contract';
import { IMPORT_MAX_ENTRIES } from './schema';

const audit = new AuditContract();
const NOW = '2025-06-01T00:00:00.000Z';

type Entry = { accessId: string; accessorMsp: string; accessorOperatorId: string; at: string; importBatchId?: string; expiresAt: string };

describe('Audit: importing a legacy access log', () => {
  let ch: TestChannel;
  let subjectKey: string;
  const entry = (i: number, extra: Record<string, unknown> = {}) => ({
    subjectKey, dataset: 'resident-identity', fields: ['name'], purpose: 'counter-service', legalBasis: 'Resident Identity Card Law art. 19',
    caseId: `LEGACY-${i}`, accessorOperatorId: `legacy.clerk${i % 3}`, role: 'clerk', at: `2024-0${1 + (i % 9)}-01T08:00:00.000Z`, ...extra,
  });
  const batch = (entries: unknown[], batchId = 'ps-2024-01') => JSON.stringify({ batchId, source: 'PS counter system v2 access log', legalAuthority: 'Data Administration Regulation art. 12', entries });

  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    await catalogueIdentity(ch);
    subjectKey = await registerCitizen(ch, citizen('777', 'Imported Subject'));
    ch.setTime(NOW);
  });

  it('stores each entry under the same indexes as a live access, marked with its batch, and records the batch', async () => {
    const sim = await ch.simulate(audit, 'ImportEntries', ['i1', batch([entry(0), entry(1), entry(2)])], { as: WHO.psAdmin });
    assert.equal(sim.writeSet.public.size, 3 * 5 + 2, '3 entries x (entry + 4 indexes) + batch record + idempotency record');
    const res = await ch.submitJson<{ batchId: string; count: number; firstAccessId: string }>(audit, 'ImportEntries', ['i1', batch([entry(0), entry(1), entry(2)])], { as: WHO.psAdmin });
    assert.equal(res.count, 3);
    const page = await ch.evaluateJson<{ records: Entry[] }>(audit, 'ListBySubject', [subjectKey, 'auditor', '10', ''], { as: WHO.govAuditor });
    assert.deepEqual(page.records.map((e) => e.at), ['2024-01-01T08:00:00.000Z', '2024-02-01T08:00:00.000Z', '2024-03-01T08:00:00.000Z']);
    for (const e of page.records) {
      assert.equal(e.importBatchId, 'ps-2024-01');
      assert.equal(e.accessorMsp, MSP.ps);
      assert.equal(e.expiresAt, e.at, 'an imported entry is expired from the start');
    }
    const byOperator = await ch.evaluateJson<{ records: Entry[] }>(audit, 'ListByAccessor', [MSP.ps, 'legacy.clerk1', '10', ''], { as: WHO.psAuditor });
    assert.deepEqual(byOperator.records.map((e) => e.accessId), [`${res.firstAccessId.slice(0, -2)}n1`]);
    const event = JSON.parse(Buffer.from(ch.ledger.events.at(-1)?.payload ?? []).toString()) as { changes: unknown[] };
    assert.deepEqual(event.changes, [{ action: 'entries-imported', family: 'audit', id: 'ps-2024-01', version: 1 }]);
  });

  it('never lets an imported entry be cited to read personal data', async () => {
    const { firstAccessId } = await ch.submitJson<{ firstAccessId: string }>(audit, 'ImportEntries', ['i1', batch([entry(0, { accessorOperatorId: 'ps-clerk1', at: '2025-05-31T23:59:00.000Z' })])], { as: WHO.psAdmin });
    await rejectsWithKey(ch.evaluate(identity, 'ReadPersonalData', [firstAccessId], { as: WHO.psClerk, time: '2025-05-31T23:59:30.000Z' }), 'ACCESS_DENIED');
  });

  it('refuses other orgs\' datasets, non-admins, future times, unknown subjects, unlisted fields and a batch id twice, writing nothing', async () => {
    await ch.submit(audit, 'ImportEntries', ['i1', batch([entry(0)])], { as: WHO.psAdmin });
    const before = ledgerSnapshot(ch.ledger);
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i2', batch([entry(0)], 'nr-1')], { as: WHO.nrAdmin }), 'FORBIDDEN_ORG');
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i3', batch([entry(0)], 'ps-2')], { as: WHO.psClerk }), 'FORBIDDEN_ROLE');
    const future = await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i4', batch([entry(0), entry(1, { at: '2030-01-01T00:00:00.000Z' })], 'ps-3')], { as: WHO.psAdmin }), 'INVALID_ARGUMENT');
    assert.equal(future.details.index, 1);
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i5', batch([entry(0, { subjectKey: 'e'.repeat(64) })], 'ps-4')], { as: WHO.psAdmin }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i6', batch([entry(0, { fields: ['income'] })], 'ps-5')], { as: WHO.psAdmin }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i7', batch([entry(0)])], { as: WHO.psAdmin }), 'DUPLICATE');
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i8', batch([entry(0, { role: 'admin' })], 'ps-6')], { as: WHO.psAdmin }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.submit(audit, 'ImportEntries', ['i9', batch(Array.from({ length: IMPORT_MAX_ENTRIES + 1 }, (_, i) => entry(i)), 'ps-7')], { as: WHO.psAdmin }), 'INVALID_ARGUMENT');
    assert.equal(ledgerSnapshot(ch.ledger), before);
  });
});
