import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Context, Contract, Transaction } from 'fabric-contract-api';
import { TestChannel, describeWriteSet, ledgerSnapshot, rejectsWithKey } from '../../testing';
import {
  GovChainError, canonicalStringify, createVersioned, amendVersioned, describePolicy, encodePolicy, errors,
  historyPage, pageByPartialKey, pageByRange, parseGovChainError, registrarPlusOne, submit, txTimeIso,
} from './index';

const clerk = { mspId: 'OrgAMSP', role: 'clerk', operatorId: 'c1' };
const amendment = { reason: 'initial', legalAuthority: 'Test Act s.1' };

/** A throwaway contract exercising core the way families do. */
class NoteContract extends Contract {
  constructor() { super('Note'); }

  @Transaction()
  async Put(ctx: Context, requestId: string, id: string, text: string): Promise<string> {
    return submit(ctx, { txName: 'Note:Put', requestId, input: { id, text } }, async (tx) => {
      if (text === 'fail') throw errors.ruleViolation('asked to fail');
      const ref = { key: ctx.stub.createCompositeKey('note', [id]), family: 'note', id };
      const existing = await ctx.stub.getState(ref.key);
      const rec = existing.length === 0
        ? await createVersioned(tx, ref, { text }, amendment, 'created')
        : await amendVersioned<{ text: string }>(tx, ref, () => ({ text }), { ...amendment, reason: 'edit' }, 'amended');
      return rec;
    });
  }

  @Transaction(false)
  async List(ctx: Context, pageSize: string, bookmark: string): Promise<string> {
    return canonicalStringify(await pageByPartialKey(ctx.stub, 'note', [], Number(pageSize), bookmark));
  }

  @Transaction(false)
  async History(ctx: Context, id: string, pageSize: string, bookmark: string): Promise<string> {
    return canonicalStringify(await historyPage(ctx.stub, ctx.stub.createCompositeKey('note', [id]), Number(pageSize), bookmark));
  }

  @Transaction(false)
  async Now(ctx: Context): Promise<string> {
    return txTimeIso(ctx.stub);
  }

  @Transaction(false)
  async Range(ctx: Context): Promise<string> {
    return canonicalStringify(await pageByRange(ctx.stub, '\x00note', '\x00notf', 10, ''));
  }
}

describe('core: errors and canonical JSON', () => {
  it('puts canonical JSON with key, code, message and details into Error.message', () => {
    const e = errors.recordNotFound('x not found', { id: 'x' });
    assert.ok(e instanceof GovChainError);
    assert.equal(e.message, '{"code":404,"details":{"id":"x"},"key":"RECORD_NOT_FOUND","message":"x not found"}');
    assert.deepEqual(parseGovChainError(`peer said: ${e.message}`)?.key, 'RECORD_NOT_FOUND');
  });
  it('sorts keys deeply and drops undefined', () => {
    assert.equal(canonicalStringify({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'q' } }), '{"a":{"c":"q","d":[2,{"x":null,"z":1}]},"b":1}');
    assert.throws(() => canonicalStringify({ a: Number.NaN }));
  });
});

describe('core: endorsement policy', () => {
  it('encodes registrar AND one other member', () => {
    const bytes = encodePolicy(registrarPlusOne('RegMSP', ['RegMSP', 'BMSP', 'AMSP']));
    assert.equal(describePolicy(bytes), "OutOf(2, 'RegMSP.peer', OutOf(1, 'AMSP.peer', 'BMSP.peer'))");
  });
});

describe('core: submit, idempotency, versions, events', () => {
  it('creates, replays the same request without writing, and refuses a conflicting reuse', async () => {
    const ch = new TestChannel();
    const c = new NoteContract();
    const first = await ch.submitJson<{ meta: { version: number } }>(c, 'Put', ['r1', 'n1', 'hello'], { as: clerk });
    assert.equal(first.meta.version, 1);
    const before = ledgerSnapshot(ch.ledger);
    const replay = await ch.simulate(c, 'Put', ['r1', 'n1', 'hello'], { as: clerk });
    assert.deepEqual(JSON.parse(replay.result), first);
    assert.equal(describeWriteSet(replay.writeSet), '');
    await rejectsWithKey(ch.submit(c, 'Put', ['r1', 'n1', 'other'], { as: clerk }), 'IDEMPOTENCY_CONFLICT');
    assert.equal(ledgerSnapshot(ch.ledger), before);
  });
  it('emits one GovChainEvent listing the change', async () => {
    const ch = new TestChannel();
    const sim = await ch.simulate(new NoteContract(), 'Put', ['r1', 'n1', 'hello'], { as: clerk });
    assert.equal(sim.writeSet.event?.name, 'GovChainEvent');
    assert.deepEqual(JSON.parse(Buffer.from(sim.writeSet.event?.payload ?? []).toString()), {
      v: 1, txId: sim.txId, org: 'OrgAMSP', changes: [{ family: 'note', id: 'n1', action: 'created', version: 1 }],
    });
  });
  it('amends with previousTxId and exposes history newest first', async () => {
    const ch = new TestChannel();
    const c = new NoteContract();
    await ch.submit(c, 'Put', ['r1', 'n1', 'v1'], { as: clerk, txId: 'txA' });
    const v2 = await ch.submitJson<{ meta: { version: number; previousTxId: string; reason: string; approvedBy: string } }>(c, 'Put', ['r2', 'n1', 'v2'], { as: clerk, txId: 'txB' });
    assert.equal(v2.meta.version, 2);
    assert.equal(v2.meta.previousTxId, 'txA');
    assert.equal(v2.meta.approvedBy, 'c1@OrgAMSP');
    const page1 = await ch.evaluateJson<{ records: Array<{ txId: string }>; bookmark: string }>(c, 'History', ['n1', '1', ''], { as: clerk });
    assert.deepEqual(page1.records.map((r) => r.txId), ['txB']);
    const page2 = await ch.evaluateJson<{ records: Array<{ txId: string }>; bookmark: string }>(c, 'History', ['n1', '1', page1.bookmark], { as: clerk });
    assert.deepEqual(page2.records.map((r) => r.txId), ['txA']);
    assert.equal(page2.bookmark, '');
  });
  it('writes nothing when the body fails', async () => {
    const ch = new TestChannel();
    await rejectsWithKey(ch.submit(new NoteContract(), 'Put', ['r1', 'n1', 'fail'], { as: clerk }), 'RULE_VIOLATION');
    assert.equal(ch.ledger.state.size, 0);
  });
  it('refuses callers without GovChain attributes and bad request ids', async () => {
    const ch = new TestChannel();
    await rejectsWithKey(ch.submit(new NoteContract(), 'Put', ['r1', 'n1', 'x'], { as: { mspId: 'OrgAMSP' } }), 'FORBIDDEN_ROLE');
    await rejectsWithKey(ch.submit(new NoteContract(), 'Put', ['bad id!', 'n1', 'x'], { as: clerk }), 'INVALID_ARGUMENT');
  });
});

describe('core: pagination and time', () => {
  it('pages partial composite keys with bookmarks and bounds page size', async () => {
    const ch = new TestChannel();
    const c = new NoteContract();
    for (const id of ['a', 'b', 'c']) await ch.submit(c, 'Put', [`r-${id}`, id, id], { as: clerk });
    const p1 = await ch.evaluateJson<{ records: Array<{ text: string }>; bookmark: string; fetched: number }>(c, 'List', ['2', ''], { as: clerk });
    assert.deepEqual(p1.records.map((r) => r.text), ['a', 'b']);
    assert.equal(p1.fetched, 2);
    const p2 = await ch.evaluateJson<{ records: Array<{ text: string }>; bookmark: string }>(c, 'List', ['2', p1.bookmark], { as: clerk });
    assert.deepEqual(p2.records.map((r) => r.text), ['c']);
    assert.equal(p2.bookmark, '');
    await rejectsWithKey(ch.evaluate(c, 'List', ['101', ''], { as: clerk }), 'INVALID_ARGUMENT');
    await rejectsWithKey(ch.evaluate(c, 'List', ['0', ''], { as: clerk }), 'INVALID_ARGUMENT');
  });
  it('refuses range queries over composite keys, as the shim does', async () => {
    await assert.rejects(new TestChannel().evaluate(new NoteContract(), 'Range', [], { as: clerk }), /null character/);
  });
  it('takes time from the transaction timestamp', async () => {
    const ch = new TestChannel();
    assert.equal(await ch.evaluate(new NoteContract(), 'Now', [], { as: clerk, time: '2030-05-06T07:08:09.123Z' }), '2030-05-06T07:08:09.123Z');
  });
});
