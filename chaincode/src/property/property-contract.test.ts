import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { describePolicy } from '../core';
import { MemoryStub, TestChannel, ledgerSnapshot, rejectsWithKey } from '../../testing';
import { MSP, assertCoversEverySubmit, because, bootstrappedChannel, hex, operator, twoRuns } from '../../testing/family-fixtures';
import { PropertyContract } from './property-contract';
import { titleRef } from './records';

const property = new PropertyContract();
const registrar = operator(MSP.nr, 'registrar');
const landClerk = operator(MSP.nr, 'clerk');
const windowClerk = operator(MSP.gov, 'clerk');
const [SELLER1, SELLER2, BUYER, STRANGER] = [hex('a'), hex('b'), hex('c'), hex('d')];
const PARCEL = '110108001001GB00001F00010001';

const titleInput = (overrides: Record<string, unknown> = {}) => JSON.stringify({
  parcelNumber: PARCEL, owners: [SELLER2, SELLER1], areaSqm: 88.5, use: 'residential', documentHash: hex('e'), ...because, ...overrides,
});

let channel: TestChannel;
let seq = 0;
const rid = () => `req-${++seq}`;

async function register(): Promise<void> {
  await channel.submit(property, 'RegisterTitle', [rid(), titleInput()], { as: registrar });
}

async function propose(buyers = [BUYER]): Promise<string> {
  const t = await channel.submitJson<{ transferId: string }>(property, 'ProposeTransfer', [rid(), JSON.stringify({ parcelNumber: PARCEL, buyers, contractHash: hex('1'), ...because })], { as: windowClerk });
  return t.transferId;
}

async function approve(transferId: string, subjectKey: string, as = landClerk): Promise<void> {
  await channel.submit(property, 'RecordApproval', [rid(), JSON.stringify({ transferId, subjectKey, evidenceHash: hex('2'), ...because })], { as });
}

const complete = (transferId: string, requestId = rid()) =>
  channel.submitJson<{ title: { owners: string[]; meta: { version: number } } }>(property, 'CompleteTransfer', [requestId, JSON.stringify({ transferId, ...because })], { as: registrar });

const policyOf = (parcel = PARCEL) => {
  const stub = new MemoryStub(channel.ledger, { txId: 'probe', millis: 0, clientMsp: MSP.nr });
  const bytes = channel.ledger.validationParameters.get(titleRef(stub, parcel).key);
  assert.ok(bytes, 'title has a key-level policy');
  return describePolicy(bytes);
};

describe('Property contract', () => {
  beforeEach(async () => {
    channel = await bootstrappedChannel(['BankMSP']);
  });

  describe('RegisterTitle', () => {
    it('registers a title with sorted owners, version 1, one event and the registrar-plus-one policy', async () => {
      const record = await channel.submitJson<{ owners: string[]; meta: { version: number; approvedBy: string } }>(property, 'RegisterTitle', [rid(), titleInput()], { as: registrar });
      assert.deepEqual(record.owners, [SELLER1, SELLER2]);
      assert.equal(record.meta.version, 1);
      assert.equal(record.meta.approvedBy, `registrar-1@${MSP.nr}`);
      const event = JSON.parse(Buffer.from(channel.ledger.events.at(-1)?.payload ?? []).toString()) as { changes: Array<{ action: string }> };
      assert.deepEqual(event.changes.map((c) => c.action), ['title_registered']);
      assert.equal(policyOf(), `OutOf(2, '${MSP.nr}.peer', OutOf(1, 'BankMSP.peer', '${MSP.co}.peer', '${MSP.gov}.peer', '${MSP.mr}.peer', '${MSP.ps}.peer'))`);
    });

    it('refuses a clerk (FORBIDDEN_ROLE) and another department (FORBIDDEN_ORG), writing nothing', async () => {
      const before = ledgerSnapshot(channel.ledger);
      await rejectsWithKey(channel.submit(property, 'RegisterTitle', [rid(), titleInput()], { as: landClerk }), 'FORBIDDEN_ROLE');
      await rejectsWithKey(channel.submit(property, 'RegisterTitle', [rid(), titleInput()], { as: operator(MSP.mr, 'registrar') }), 'FORBIDDEN_ORG');
      await rejectsWithKey(channel.submit(property, 'RegisterTitle', [rid(), titleInput()], { as: { mspId: MSP.nr, role: 'registrar' } }), 'FORBIDDEN_ROLE');
      assert.equal(ledgerSnapshot(channel.ledger), before);
    });

    it('refuses bad input with INVALID_ARGUMENT and writes nothing', async () => {
      const before = ledgerSnapshot(channel.ledger);
      for (const bad of [
        titleInput({ documentHash: 'ABC' }), titleInput({ owners: [SELLER1, SELLER1] }), titleInput({ owners: [] }),
        titleInput({ areaSqm: -1 }), titleInput({ areaSqm: 1.001 }), titleInput({ use: 'castle' }), titleInput({ parcelNumber: 'p-1' }),
        titleInput({ reason: '' }), titleInput({ extra: 1 }), 'not json',
      ]) {
        await rejectsWithKey(channel.submit(property, 'RegisterTitle', [rid(), bad], { as: registrar }), 'INVALID_ARGUMENT');
      }
      await rejectsWithKey(channel.submit(property, 'RegisterTitle', ['bad id!', titleInput()], { as: registrar }), 'INVALID_ARGUMENT');
      assert.equal(ledgerSnapshot(channel.ledger), before);
    });

    it('refuses a second title for the same parcel with DUPLICATE', async () => {
      await register();
      await rejectsWithKey(channel.submit(property, 'RegisterTitle', [rid(), titleInput()], { as: registrar }), 'DUPLICATE');
    });

    it('replays a repeated request id and refuses it with other input (IDEMPOTENCY_CONFLICT)', async () => {
      const first = await channel.submit(property, 'RegisterTitle', ['same-id', titleInput()], { as: registrar });
      const after = ledgerSnapshot(channel.ledger);
      assert.equal(await channel.submit(property, 'RegisterTitle', ['same-id', titleInput()], { as: registrar }), first);
      assert.equal(ledgerSnapshot(channel.ledger), after.replace(/events \d+/, `events ${channel.ledger.events.length}`));
      await rejectsWithKey(channel.submit(property, 'RegisterTitle', ['same-id', titleInput({ areaSqm: 1 })], { as: registrar }), 'IDEMPOTENCY_CONFLICT');
      assert.equal(ledgerSnapshot(channel.ledger), after);
    });
  });

  describe('transfer', () => {
    beforeEach(register);

    it('completes only after every seller and the buyer approved; moves ownership and the owner index', async () => {
      const transferId = await propose();
      assert.equal(transferId, `${PARCEL}:T1`);
      await approve(transferId, SELLER1);
      await approve(transferId, BUYER, windowClerk);
      const before = ledgerSnapshot(channel.ledger);
      const refused = await rejectsWithKey(complete(transferId), 'APPROVAL_MISSING');
      assert.deepEqual(refused.details.missing, [SELLER2]);
      assert.equal(ledgerSnapshot(channel.ledger), before);
      await approve(transferId, SELLER2);
      const done = await complete(transferId);
      assert.deepEqual(done.title.owners, [BUYER]);
      assert.equal(done.title.meta.version, 3);
      const buyerPage = await channel.evaluateJson<{ records: Array<{ parcelNumber: string }> }>(property, 'ListTitlesByOwner', [BUYER, '10', ''], { as: landClerk });
      assert.deepEqual(buyerPage.records.map((r) => r.parcelNumber), [PARCEL]);
      const sellerPage = await channel.evaluateJson<{ records: unknown[] }>(property, 'ListTitlesByOwner', [SELLER1, '10', ''], { as: landClerk });
      assert.equal(sellerPage.records.length, 0);
      const history = await channel.evaluateJson<{ records: Array<{ txId: string; value: { meta: { version: number; previousTxId: string | null } } }> }>(property, 'History', ['title', PARCEL, '10', ''], { as: landClerk });
      assert.deepEqual(history.records.map((h) => h.value.meta.version), [3, 2, 1]);
      assert.equal(history.records[0]?.value.meta.previousTxId, history.records[1]?.txId);
      assert.equal(history.records[2]?.value.meta.previousTxId, null);
    });

    it('lets only registrar-org operators and the service window record approvals', async () => {
      const transferId = await propose();
      await rejectsWithKey(approve(transferId, SELLER1, operator(MSP.mr, 'clerk')), 'FORBIDDEN_ORG');
      await rejectsWithKey(approve(transferId, SELLER1, operator(MSP.nr, 'auditor')), 'FORBIDDEN_ROLE');
      await rejectsWithKey(approve(transferId, STRANGER), 'RULE_VIOLATION');
      await approve(transferId, SELLER1);
      await rejectsWithKey(approve(transferId, SELLER1), 'DUPLICATE');
    });

    it('lets only the registrar complete', async () => {
      const transferId = await propose();
      for (const p of [SELLER1, SELLER2, BUYER]) await approve(transferId, p);
      await rejectsWithKey(channel.submit(property, 'CompleteTransfer', [rid(), JSON.stringify({ transferId, ...because })], { as: windowClerk }), 'FORBIDDEN_ROLE');
      await rejectsWithKey(channel.submit(property, 'CompleteTransfer', [rid(), JSON.stringify({ transferId, ...because })], { as: operator(MSP.gov, 'registrar') }), 'FORBIDDEN_ORG');
    });

    it('locks the title while a transfer is pending and unlocks it on cancel', async () => {
      const transferId = await propose();
      await rejectsWithKey(propose([STRANGER]), 'INVALID_STATE');
      await channel.submit(property, 'CancelTransfer', [rid(), JSON.stringify({ transferId, ...because })], { as: registrar });
      await rejectsWithKey(complete(transferId), 'INVALID_STATE');
      assert.equal(await propose([STRANGER]), `${PARCEL}:T2`);
      const page = await channel.evaluateJson<{ records: Array<{ status: string }> }>(property, 'ListTransfers', [PARCEL, '10', ''], { as: landClerk });
      assert.deepEqual(page.records.map((r) => r.status), ['cancelled', 'proposed']);
    });

    it('refuses a transfer to the current owners', async () => {
      await rejectsWithKey(propose([SELLER1, SELLER2]), 'RULE_VIOLATION');
    });
  });

  describe('encumbrances', () => {
    beforeEach(register);

    const encumber = (extra: Record<string, unknown>, as = registrar) => channel.submitJson<{ encumbrance: { encumbranceId: string } }>(property, 'RegisterEncumbrance',
      [rid(), JSON.stringify({ parcelNumber: PARCEL, kind: 'mortgage', lenderCode: '91350100M000100Y43', instrumentHash: hex('3'), ...because, ...extra })], { as });
    const consent = (transferId: string, encumbranceId: string, as = registrar) => channel.submit(property, 'RecordLenderConsent',
      [rid(), JSON.stringify({ transferId, encumbranceId, evidenceHash: hex('4'), ...because })], { as });

    it('needs the lender consent (CONSENT_REQUIRED) before completion; the registrar acts for an off-channel lender', async () => {
      const { encumbrance } = await encumber({});
      const transferId = await propose();
      for (const p of [SELLER1, SELLER2, BUYER]) await approve(transferId, p);
      const refused = await rejectsWithKey(complete(transferId), 'CONSENT_REQUIRED');
      assert.deepEqual(refused.details.encumbranceIds, [encumbrance.encumbranceId]);
      await rejectsWithKey(consent(transferId, encumbrance.encumbranceId, landClerk), 'FORBIDDEN_ROLE');
      await consent(transferId, encumbrance.encumbranceId);
      assert.deepEqual((await complete(transferId)).title.owners, [BUYER]);
    });

    it('refuses a bad lender code', async () => {
      await rejectsWithKey(encumber({ lenderCode: '91350100M000100Y44' }), 'INVALID_ARGUMENT');
    });

    it('puts a lender org on the channel into the title policy while encumbered; only it consents and releases', async () => {
      const bank = operator('BankMSP', 'clerk');
      await rejectsWithKey(encumber({ lenderMsp: 'BankMSP' }), 'FORBIDDEN_ORG');
      await rejectsWithKey(encumber({ lenderMsp: 'NoSuchMSP' }, bank), 'RULE_VIOLATION');
      const { encumbrance } = await encumber({ lenderMsp: 'BankMSP' }, bank);
      assert.equal(policyOf(), `OutOf(3, '${MSP.nr}.peer', OutOf(1, '${MSP.co}.peer', '${MSP.gov}.peer', '${MSP.mr}.peer', '${MSP.ps}.peer'), 'BankMSP.peer')`);
      const transferId = await propose();
      await rejectsWithKey(consent(transferId, encumbrance.encumbranceId), 'FORBIDDEN_ORG');
      await consent(transferId, encumbrance.encumbranceId, bank);
      const release = (as = bank) => channel.submit(property, 'ReleaseEncumbrance', [rid(), JSON.stringify({ encumbranceId: encumbrance.encumbranceId, evidenceHash: hex('5'), ...because })], { as });
      await rejectsWithKey(release(registrar), 'FORBIDDEN_ORG');
      await release();
      await rejectsWithKey(release(), 'INVALID_STATE');
      assert.match(policyOf(), /^OutOf\(2, 'NaturalResourcesMSP.peer', OutOf\(1, 'BankMSP.peer'/);
    });
  });

  describe('queries', () => {
    it('pages titles by owner with bookmarks and bounds the page size', async () => {
      for (let i = 0; i < 3; i += 1) {
        await channel.submit(property, 'RegisterTitle', [rid(), titleInput({ parcelNumber: `PARCEL-${i}`, owners: [SELLER1] })], { as: registrar });
      }
      const first = await channel.evaluateJson<{ records: Array<{ parcelNumber: string }>; bookmark: string }>(property, 'ListTitlesByOwner', [SELLER1, '2', ''], { as: landClerk });
      assert.deepEqual(first.records.map((r) => r.parcelNumber), ['PARCEL-0', 'PARCEL-1']);
      const second = await channel.evaluateJson<{ records: Array<{ parcelNumber: string }>; bookmark: string }>(property, 'ListTitlesByOwner', [SELLER1, '2', first.bookmark], { as: landClerk });
      assert.deepEqual(second.records.map((r) => r.parcelNumber), ['PARCEL-2']);
      for (const size of ['0', '101', 'x']) {
        await rejectsWithKey(channel.evaluate(property, 'ListTitlesByOwner', [SELLER1, size, ''], { as: landClerk }), 'INVALID_ARGUMENT');
      }
      await rejectsWithKey(channel.evaluate(property, 'GetRecord', ['title', 'NOPE-404', ], { as: landClerk }), 'RECORD_NOT_FOUND');
      await rejectsWithKey(channel.evaluate(property, 'GetRecord', ['deed', 'PARCEL-0'], { as: landClerk }), 'INVALID_ARGUMENT');
      await rejectsWithKey(channel.evaluate(property, 'GetRecord', ['title', 'PARCEL-0'], { as: operator('BankX', 'clerk') }), 'FORBIDDEN_ORG');
    });
  });

  describe('determinism', () => {
    it('produces identical write sets for every submitted transaction on equal state', async () => {
      const steps: Array<[string, () => Record<string, unknown>, typeof registrar]> = [
        ['RegisterTitle', () => JSON.parse(titleInput()) as Record<string, unknown>, registrar],
        ['RegisterEncumbrance', () => ({ parcelNumber: PARCEL, kind: 'mortgage', lenderCode: '91350100M000100Y43', instrumentHash: hex('3'), ...because }), registrar],
        ['ProposeTransfer', () => ({ parcelNumber: PARCEL, buyers: [BUYER], contractHash: hex('1'), ...because }), windowClerk],
        ['RecordApproval', () => ({ transferId: `${PARCEL}:T1`, subjectKey: SELLER1, evidenceHash: hex('2'), ...because }), landClerk],
        ['RecordApproval', () => ({ transferId: `${PARCEL}:T1`, subjectKey: SELLER2, evidenceHash: hex('2'), ...because }), landClerk],
        ['RecordApproval', () => ({ transferId: `${PARCEL}:T1`, subjectKey: BUYER, evidenceHash: hex('2'), ...because }), landClerk],
        ['RecordLenderConsent', () => ({ transferId: `${PARCEL}:T1`, encumbranceId: `${PARCEL}:E1`, evidenceHash: hex('4'), ...because }), registrar],
        ['CompleteTransfer', () => ({ transferId: `${PARCEL}:T1`, ...because }), registrar],
        ['AmendTitle', () => ({ parcelNumber: PARCEL, changes: { use: 'mixed' }, ...because }), registrar],
        ['ReleaseEncumbrance', () => ({ encumbranceId: `${PARCEL}:E1`, evidenceHash: hex('5'), ...because }), registrar],
      ];
      for (const [fn, input, as] of steps) {
        const args = [rid(), JSON.stringify(input())];
        const [a, b] = await twoRuns(channel, property, fn, args, as);
        assert.ok(a.includes('pub '), `${fn} wrote something`);
        assert.equal(a, b, `${fn} is deterministic`);
        await channel.submit(property, fn, args, { as });
      }
      await channel.submit(property, 'ProposeTransfer', [rid(), JSON.stringify({ parcelNumber: PARCEL, buyers: [SELLER1], contractHash: hex('1'), ...because })], { as: registrar });
      const cancel = [rid(), JSON.stringify({ transferId: `${PARCEL}:T2`, ...because })];
      const [a, b] = await twoRuns(channel, property, 'CancelTransfer', cancel, registrar);
      assert.equal(a, b);
      assertCoversEverySubmit(property, [...steps.map(([fn]) => fn), 'CancelTransfer']);
    });
  });
});
