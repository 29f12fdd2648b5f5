import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { describePolicy } from '../core';
import { MemoryStub, TestChannel, WHO, citizen, identity, ledgerSnapshot, registerCitizen, rejectsWithKey, useTestSecret } from '../../testing';
import { MSP, assertCoversEverySubmit, because, bootstrappedChannel, hex, operator, twoRuns } from '../../testing/family-fixtures';
import { BusinessContract } from './business-contract';
import { businessRef } from './records';
import { usccFromSeed } from '@govchain/testing';

const business = new BusinessContract();
const registrar = operator(MSP.mr, 'registrar');
const clerk = operator(MSP.mr, 'clerk');
const UNKNOWN = hex('d');
let [REP, REP2, SUSPENDED] = ['', '', ''];
const CODE = usccFromSeed(42);

let channel: TestChannel;
let seq = 0;
const rid = () => `req-${++seq}`;
const keyStub = () => new MemoryStub(channel.ledger, { txId: 'keys', millis: 0, clientMsp: MSP.mr });


const registration = (overrides: Record<string, unknown> = {}) => JSON.stringify({
  code: CODE, name: 'Fujian Example Trading Co., Ltd.', entityType: 'limited_liability_company',
  registeredCapital: { amount: '1000000.00', currency: 'CNY' }, legalRepresentative: REP, addressFingerprint: hex('e'),
  ...because, ...overrides,
});

const register = (overrides: Record<string, unknown> = {}, as = registrar, requestId = rid()) =>
  channel.submitJson<{ code: string; status: string; meta: { version: number } }>(business, 'Register', [requestId, registration(overrides)], { as });
const change = (fn: string, input: Record<string, unknown>, as = registrar) =>
  channel.submitJson<{ status: string; legalRepresentative: string; name: string; meta: { version: number; reason: string; legalAuthority: string; approvedBy: string } }>(
    business, fn, [rid(), JSON.stringify({ code: CODE, ...because, ...input })], { as });
const listByRep = (subjectKey: string, pageSize = '10', bookmark = '') =>
  channel.evaluateJson<{ records: Array<{ code: string }>; bookmark: string }>(business, 'ListByLegalRepresentative', [subjectKey, pageSize, bookmark], { as: clerk });

describe('Business contract', () => {
  beforeEach(async () => {
    useTestSecret();
    channel = await bootstrappedChannel();
    // Real identities through the Identity contract: the business family reads only their public record.
    REP = await registerCitizen(channel, citizen('201'), 'rep');
    REP2 = await registerCitizen(channel, citizen('202'), 'rep2');
    SUSPENDED = await registerCitizen(channel, citizen('203'), 'sus');
    await channel.submit(identity, 'Suspend', ['suspend-1', JSON.stringify({ subjectKey: SUSPENDED, ...because })], { as: WHO.psRegistrar });
  });

  it('registers a business with an active legal representative and the registrar-plus-one policy', async () => {
    const record = await register();
    assert.equal(record.status, 'active');
    assert.equal(record.meta.version, 1);
    const policy = channel.ledger.validationParameters.get(businessRef(keyStub(), CODE).key);
    assert.ok(policy);
    assert.equal(describePolicy(policy), `OutOf(2, '${MSP.mr}.peer', OutOf(1, '${MSP.co}.peer', '${MSP.gov}.peer', '${MSP.nr}.peer', '${MSP.ps}.peer'))`);
    assert.deepEqual(JSON.parse(await channel.evaluate(business, 'Get', [CODE], { as: operator(MSP.nr, 'auditor') })), JSON.parse(JSON.stringify(record)));
  });

  it('refuses a wrong USCC check character, length or alphabet with INVALID_ARGUMENT and writes nothing', async () => {
    const before = ledgerSnapshot(channel.ledger);
    const wrongCheck = CODE.slice(0, 17) + (CODE.endsWith('0') ? '1' : '0');
    for (const code of [wrongCheck, CODE.slice(0, 17), `${CODE.slice(0, 3)}I${CODE.slice(4)}`, CODE.toLowerCase()]) {
      const error = await rejectsWithKey(register({ code }), 'INVALID_ARGUMENT');
      assert.equal((error.details.issues as Array<{ path: string }>)[0]?.path, 'code');
    }
    for (const bad of [{ registeredCapital: { amount: '1e6', currency: 'CNY' } }, { legalRepresentative: 'abc' }, { entityType: 'empire' }, { name: '' }, { legalAuthority: undefined }]) {
      await rejectsWithKey(register(bad), 'INVALID_ARGUMENT');
    }
    assert.equal(ledgerSnapshot(channel.ledger), before);
  });

  it('requires the legal representative to be an active identity', async () => {
    await rejectsWithKey(register({ legalRepresentative: SUSPENDED }), 'RULE_VIOLATION');
    await rejectsWithKey(register({ legalRepresentative: UNKNOWN }), 'RECORD_NOT_FOUND');
    await register();
    await rejectsWithKey(change('Amend', { changes: { legalRepresentative: SUSPENDED } }), 'RULE_VIOLATION');
  });

  it('refuses other departments (FORBIDDEN_ORG), clerks (FORBIDDEN_ROLE) and duplicate codes (DUPLICATE)', async () => {
    await rejectsWithKey(register({}, operator(MSP.nr, 'registrar')), 'FORBIDDEN_ORG');
    await rejectsWithKey(register({}, clerk), 'FORBIDDEN_ROLE');
    await register();
    await rejectsWithKey(register(), 'DUPLICATE');
    await rejectsWithKey(change('Suspend', {}, operator(MSP.gov, 'registrar')), 'FORBIDDEN_ORG');
  });

  it('replays a request id and refuses reuse with different input', async () => {
    const first = await register({}, registrar, 'biz-1');
    assert.deepEqual(await register({}, registrar, 'biz-1'), first);
    await rejectsWithKey(register({ name: 'Other' }, registrar, 'biz-1'), 'IDEMPOTENCY_CONFLICT');
  });

  it('amends as a new version with reason, authority and approver, and moves the representative index', async () => {
    await register();
    const amended = await change('Amend', { changes: { name: 'Renamed Co., Ltd.', legalRepresentative: REP2 }, reason: 'shareholder resolution', legalAuthority: 'Company Law art. 7' });
    assert.equal(amended.meta.version, 2);
    assert.equal(amended.meta.reason, 'shareholder resolution');
    assert.equal(amended.meta.legalAuthority, 'Company Law art. 7');
    assert.equal(amended.meta.approvedBy, `registrar-1@${MSP.mr}`);
    assert.equal(amended.name, 'Renamed Co., Ltd.');
    assert.deepEqual((await listByRep(REP)).records, []);
    assert.deepEqual((await listByRep(REP2)).records.map((r) => r.code), [CODE]);
    const history = await channel.evaluateJson<{ records: Array<{ txId: string; value: { name: string } }> }>(business, 'History', [CODE, '10', ''], { as: clerk });
    assert.deepEqual(history.records.map((h) => h.value.name), ['Renamed Co., Ltd.', 'Fujian Example Trading Co., Ltd.']);
    await rejectsWithKey(change('Amend', { changes: {} }), 'INVALID_ARGUMENT');
  });

  it('suspends, reinstates and deregisters; deregistration is final', async () => {
    await register();
    await rejectsWithKey(change('Reinstate', {}), 'INVALID_STATE');
    assert.equal((await change('Suspend', {})).status, 'suspended');
    await rejectsWithKey(change('Suspend', {}), 'INVALID_STATE');
    assert.equal((await change('Reinstate', {})).status, 'active');
    assert.equal((await change('Deregister', {})).status, 'deregistered');
    for (const fn of ['Suspend', 'Reinstate', 'Deregister']) await rejectsWithKey(change(fn, {}), 'INVALID_STATE');
    await rejectsWithKey(change('Amend', { changes: { name: 'Zombie' } }), 'INVALID_STATE');
    await rejectsWithKey(channel.evaluate(business, 'Get', [usccFromSeed(7)], { as: clerk }), 'RECORD_NOT_FOUND');
  });

  it('pages businesses by legal representative with bookmarks', async () => {
    const codes = [1, 2, 3].map((n) => usccFromSeed(n));
    for (const code of codes) await register({ code });
    const first = await listByRep(REP, '2');
    assert.equal(first.records.length, 2);
    const second = await listByRep(REP, '2', first.bookmark);
    assert.deepEqual([...first.records, ...second.records].map((r) => r.code), [...codes].sort());
    await rejectsWithKey(listByRep(REP, '101'), 'INVALID_ARGUMENT');
  });

  it('produces identical write sets on equal state for every submitted transaction', async () => {
    const steps: Array<[string, string]> = [
      ['Register', registration()],
      ['Amend', JSON.stringify({ code: CODE, changes: { legalRepresentative: REP2 }, ...because })],
      ['Suspend', JSON.stringify({ code: CODE, ...because })],
      ['Reinstate', JSON.stringify({ code: CODE, ...because })],
      ['Deregister', JSON.stringify({ code: CODE, ...because })],
    ];
    for (const [fn, input] of steps) {
      const args = [rid(), input];
      const [a, b] = await twoRuns(channel, business, fn, args, registrar);
      assert.ok(a.includes('pub '), `${fn} wrote`);
      assert.equal(a, b, `${fn} deterministic`);
      await channel.submit(business, fn, args, { as: registrar });
    }
    assertCoversEverySubmit(business, steps.map(([fn]) => fn));
  });
});
