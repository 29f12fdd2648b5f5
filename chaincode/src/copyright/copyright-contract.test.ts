import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { describePolicy } from '../core';
import { usccFromSeed } from '@govchain/testing';
import { MemoryStub, TestChannel, ledgerSnapshot, rejectsWithKey } from '../../testing';
import { MSP, assertCoversEverySubmit, because, bootstrappedChannel, hex, operator, twoRuns } from '../../testing/family-fixtures';
import { CopyrightContract } from './copyright-contract';
import { depositRef, hashIndexKey } from './records';

const copyright = new CopyrightContract();
const registrar = operator(MSP.co, 'registrar');
const clerk = operator(MSP.co, 'clerk', 'clerk-7');
const [AUTHOR1, AUTHOR2, BUYER] = [hex('a'), hex('b'), hex('c')];
const WORK = Buffer.from('The collected poems, draft 3\n');
const HASH = createHash('sha256').update(WORK).digest('hex');

let channel: TestChannel;
let seq = 0;
const rid = () => `req-${++seq}`;
const keyStub = () => new MemoryStub(channel.ledger, { txId: 'keys', millis: 0, clientMsp: MSP.co });

const depositInput = (overrides: Record<string, unknown> = {}) => JSON.stringify({
  contentHash: HASH, title: 'Collected Poems', authors: [AUTHOR2, AUTHOR1], workType: 'literary', firstPublicationDate: '2024-05-04', ...because, ...overrides,
});

interface Deposit { depositId: string; holders: unknown[]; authors: string[]; certificate: Record<string, string>; meta: { version: number } }
const doDeposit = (overrides: Record<string, unknown> = {}, as = clerk, requestId = rid()) =>
  channel.submitJson<Deposit>(copyright, 'Deposit', [requestId, depositInput(overrides)], { as });

describe('Copyright contract', () => {
  beforeEach(async () => {
    channel = await bootstrappedChannel();
  });

  describe('Deposit and Verify', () => {
    it('deposits by hash and returns the evidence certificate without a block number', async () => {
      const record = await doDeposit();
      assert.match(record.depositId, /^CR-/);
      assert.deepEqual(record.authors, [AUTHOR1, AUTHOR2]);
      assert.deepEqual(record.holders, [{ kind: 'person', subjectKey: AUTHOR1 }, { kind: 'person', subjectKey: AUTHOR2 }]);
      const txId = channel.ledger.events.at(-1)?.txId;
      assert.deepEqual(record.certificate, {
        contentHash: HASH, depositId: record.depositId, depositorMsp: MSP.co, operatorId: 'clerk-7', timestamp: record.certificate.timestamp, txId,
      });
      assert.match(record.certificate.timestamp ?? '', /^\d{4}-\d{2}-\d{2}T/);
      const verified = await channel.evaluateJson<{ matches: boolean; certificate: unknown }>(copyright, 'Verify', [HASH], { as: operator(MSP.ps, 'auditor') });
      assert.equal(verified.matches, true);
      assert.deepEqual(verified.certificate, record.certificate);
      for (const key of [depositRef(keyStub(), record.depositId).key, hashIndexKey(keyStub(), HASH)]) {
        const policy = channel.ledger.validationParameters.get(key);
        assert.ok(policy);
        assert.match(describePolicy(policy), /^OutOf\(2, 'CopyrightOfficeMSP.peer', OutOf\(1, /);
      }
    });

    it('never stores the work itself', async () => {
      await doDeposit();
      const everything = ledgerSnapshot(channel.ledger);
      assert.ok(!everything.includes(WORK.toString('base64')));
      assert.ok(![...channel.ledger.state.values()].some((v) => Buffer.from(v).includes(WORK)));
    });

    it('refuses a second deposit of the same hash with DUPLICATE carrying the existing deposit id', async () => {
      const first = await doDeposit();
      const before = ledgerSnapshot(channel.ledger);
      const error = await rejectsWithKey(doDeposit({ title: 'Plagiarised Poems' }, registrar), 'DUPLICATE');
      assert.equal(error.details.depositId, first.depositId);
      assert.equal(ledgerSnapshot(channel.ledger), before);
    });

    it('answers RECORD_NOT_FOUND for an unknown hash and INVALID_ARGUMENT for a malformed one', async () => {
      await rejectsWithKey(channel.evaluate(copyright, 'Verify', [hex('9')], { as: clerk }), 'RECORD_NOT_FOUND');
      await rejectsWithKey(channel.evaluate(copyright, 'Verify', [HASH.toUpperCase()], { as: clerk }), 'INVALID_ARGUMENT');
    });

    it('validates hashes, dates and authors and writes nothing on bad input', async () => {
      const before = ledgerSnapshot(channel.ledger);
      for (const bad of [
        { contentHash: HASH.slice(1) }, { contentHash: HASH.toUpperCase() }, { firstPublicationDate: '2024-02-30' },
        { firstPublicationDate: '04/05/2024' }, { authors: [] }, { authors: [AUTHOR1, AUTHOR1] }, { workType: 'meme' },
        { holders: [{ kind: 'organisation', code: '91350100M000100Y44' }] }, { title: 'x'.repeat(301) },
      ]) {
        await rejectsWithKey(doDeposit(bad), 'INVALID_ARGUMENT');
      }
      await rejectsWithKey(doDeposit({ firstPublicationDate: '2099-01-01' }), 'RULE_VIOLATION');
      assert.equal(ledgerSnapshot(channel.ledger), before);
    });

    it('accepts an unpublished work and organisation holders', async () => {
      const record = await doDeposit({ firstPublicationDate: null, holders: [{ kind: 'organisation', code: usccFromSeed(5) }] });
      assert.deepEqual(record.holders, [{ kind: 'organisation', code: usccFromSeed(5) }]);
    });

    it('refuses other departments and roles', async () => {
      await rejectsWithKey(doDeposit({}, operator(MSP.mr, 'registrar')), 'FORBIDDEN_ORG');
      await rejectsWithKey(doDeposit({}, operator(MSP.co, 'auditor')), 'FORBIDDEN_ROLE');
    });

    it('replays a repeated request id and refuses it with other input', async () => {
      const first = await doDeposit({}, clerk, 'dep-1');
      assert.deepEqual(await doDeposit({}, clerk, 'dep-1'), first);
      await rejectsWithKey(doDeposit({ title: 'Other' }, clerk, 'dep-1'), 'IDEMPOTENCY_CONFLICT');
    });
  });

  describe('transfers and licences', () => {
    let depositId: string;
    beforeEach(async () => {
      depositId = (await doDeposit()).depositId;
    });

    const transfer = (as = registrar) => channel.submitJson<{ deposit: Deposit; transfer: { fromHolders: unknown[]; toHolders: unknown[] } }>(copyright, 'RecordTransfer',
      [rid(), JSON.stringify({ depositId, toHolders: [{ kind: 'person', subjectKey: BUYER }], contractHash: hex('1'), effectiveDate: '2025-01-01', ...because })], { as });
    const licence = (overrides: Record<string, unknown> = {}, as = registrar) => channel.submitJson<{ licenceId: string; status: string; endDate: string | null; meta: { version: number } }>(copyright, 'RecordLicence',
      [rid(), JSON.stringify({ depositId, licensee: { kind: 'organisation', code: usccFromSeed(9) }, exclusive: false, scope: 'print reproduction', territory: 'CN', startDate: '2025-01-01', endDate: '2027-12-31', contractHash: hex('2'), ...because, ...overrides })], { as });

    it('records a transfer and versions the deposit with the new holders', async () => {
      await rejectsWithKey(transfer(clerk), 'FORBIDDEN_ROLE');
      const result = await transfer();
      assert.deepEqual(result.transfer.toHolders, [{ kind: 'person', subjectKey: BUYER }]);
      assert.equal(result.transfer.fromHolders.length, 2);
      assert.equal(result.deposit.meta.version, 2);
      const history = await channel.evaluateJson<{ records: Array<{ value: Deposit }> }>(copyright, 'History', ['deposit', depositId, '10', ''], { as: clerk });
      assert.deepEqual(history.records.map((h) => h.value.meta.version), [2, 1]);
      const page = await channel.evaluateJson<{ records: unknown[] }>(copyright, 'ListTransfers', [depositId, '10', ''], { as: clerk });
      assert.equal(page.records.length, 1);
      const verified = await channel.evaluateJson<{ deposit: Deposit }>(copyright, 'Verify', [HASH], { as: clerk });
      assert.deepEqual(verified.deposit.holders, [{ kind: 'person', subjectKey: BUYER }]);
    });

    it('records, amends and terminates licences as versions', async () => {
      await rejectsWithKey(licence({ endDate: '2024-12-31' }), 'INVALID_ARGUMENT');
      await rejectsWithKey(licence({ depositId: 'CR-missing' }), 'RECORD_NOT_FOUND');
      const created = await licence();
      assert.equal(created.licenceId, `${depositId}:L1`);
      const amend = (changes: Record<string, unknown>) => channel.submitJson<{ endDate: string | null; status: string; meta: { version: number } }>(copyright, 'AmendLicence',
        [rid(), JSON.stringify({ licenceId: created.licenceId, changes, ...because })], { as: registrar });
      await rejectsWithKey(amend({ endDate: '2020-01-01' }), 'RULE_VIOLATION');
      const amended = await amend({ endDate: null });
      assert.equal(amended.endDate, null);
      assert.equal(amended.meta.version, 2);
      const terminate = () => channel.submitJson<{ status: string }>(copyright, 'TerminateLicence', [rid(), JSON.stringify({ licenceId: created.licenceId, ...because })], { as: registrar });
      assert.equal((await terminate()).status, 'terminated');
      await rejectsWithKey(terminate(), 'INVALID_STATE');
      await rejectsWithKey(amend({ scope: 'film' }), 'INVALID_STATE');
      const history = await channel.evaluateJson<{ records: unknown[] }>(copyright, 'History', ['licence', created.licenceId, '2', ''], { as: clerk });
      assert.equal(history.records.length, 2);
      const page = await channel.evaluateJson<{ records: Array<{ status: string }> }>(copyright, 'ListLicences', [depositId, '10', ''], { as: clerk });
      assert.deepEqual(page.records.map((l) => l.status), ['terminated']);
    });

    it('refuses licences that break exclusivity and frees it on termination', async () => {
      const exclusive = await licence({ exclusive: true, territory: 'CN', startDate: '2025-01-01', endDate: '2025-12-31' });
      const error = await rejectsWithKey(licence({ territory: 'cn', startDate: '2025-06-01', endDate: null }), 'RULE_VIOLATION');
      assert.equal(error.details.conflictingLicenceId, exclusive.licenceId);
      await licence({ territory: 'HK', startDate: '2025-06-01', endDate: null });
      const later = await licence({ territory: 'CN', startDate: '2026-01-01', endDate: null });
      const widen = JSON.stringify({ licenceId: exclusive.licenceId, changes: { endDate: null }, ...because });
      await rejectsWithKey(channel.submit(copyright, 'AmendLicence', [rid(), widen], { as: registrar }), 'RULE_VIOLATION');
      await channel.submit(copyright, 'TerminateLicence', [rid(), JSON.stringify({ licenceId: exclusive.licenceId, ...because })], { as: registrar });
      await licence({ territory: 'CN', startDate: '2025-06-01', endDate: null });
      const deposit = await channel.evaluateJson<{ activeLicences: Array<{ licenceId: string }> }>(copyright, 'GetRecord', ['deposit', depositId], { as: clerk });
      assert.deepEqual(deposit.activeLicences.map((t) => t.licenceId), [`${depositId}:L2`, later.licenceId, `${depositId}:L4`]);
    });

    it('produces identical write sets on equal state', async () => {
      const steps: Array<[string, string]> = [
        ['Deposit', depositInput({ contentHash: hex('7') })],
        ['RecordTransfer', JSON.stringify({ depositId, toHolders: [{ kind: 'person', subjectKey: BUYER }], contractHash: hex('1'), effectiveDate: '2025-01-01', ...because })],
        ['RecordLicence', JSON.stringify({ depositId, licensee: { kind: 'person', subjectKey: BUYER }, exclusive: true, scope: 's', territory: 'CN', startDate: '2025-01-01', endDate: null, contractHash: hex('2'), ...because })],
        ['AmendLicence', JSON.stringify({ licenceId: `${depositId}:L1`, changes: { territory: 'CN-HK' }, ...because })],
        ['TerminateLicence', JSON.stringify({ licenceId: `${depositId}:L1`, ...because })],
      ];
      for (const [fn, input] of steps) {
        const args = [rid(), input];
        const [a, b] = await twoRuns(channel, copyright, fn, args, registrar);
        assert.ok(a.includes('pub '), `${fn} wrote`);
        assert.equal(a, b, `${fn} deterministic`);
        await channel.submit(copyright, fn, args, { as: registrar });
      }
      assertCoversEverySubmit(copyright, steps.map(([fn]) => fn));
    });
  });
});
