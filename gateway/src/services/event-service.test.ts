import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { isAfter, parseEventId, visibleTo } from './event-service';

let t: TestApp;
before(async () => {
  t = await startTestApp();
  const ev = (block: bigint, txIndex: number, name = 'GovChainEvent', org = 'PublicSecurityMSP') => ({
    blockNumber: block, txIndex, txId: `${block}-${txIndex}`, chaincodeName: 'govchain', eventName: name, payload: Buffer.from(JSON.stringify({ v: 1, org })),
  });
  t.ledger.events = [ev(5n, 0), ev(5n, 2), ev(6n, 1, 'Other'), ev(6n, 3, 'GovChainEvent', 'MarketRegulationMSP'), ev(7n, 0)];
});
after(async () => t.close());

async function ids(headers: Record<string, string>, query = '', as = { sub: 'clerk1', role: 'clerk' }): Promise<{ status: number; ids: string[] }> {
  const res = await fetch(`${t.url}/api/v1/events${query}`, { headers: { authorization: `Bearer ${t.token(as)}`, ...headers } });
  if (res.status !== 200) return { status: res.status, ids: [] };
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const text = await res.text();
  return { status: 200, ids: [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1] as string) };
}

test('event ids are block:txIndex and only GovChainEvent is streamed', async () => {
  assert.deepEqual((await ids({}, '?fromBlock=0')).ids, ['5:0', '5:2', '7:0']);
});

test('Last-Event-ID resumes right after the event, with no gap and no duplicate', async () => {
  assert.deepEqual((await ids({ 'last-event-id': '5:0' })).ids, ['5:2', '7:0']);
  assert.deepEqual((await ids({ 'last-event-id': '5:2' })).ids, ['7:0']);
  assert.deepEqual((await ids({}, '?lastEventId=6:9')).ids, ['7:0']);
});

test('without a position the stream starts at the current height', async () => {
  t.ledger.heightValue = 6n;
  assert.deepEqual((await ids({})).ids, ['7:0']);
});

test('a malformed Last-Event-ID is a 400 JSON error; citizens cannot subscribe', async () => {
  assert.equal((await ids({ 'last-event-id': 'abc' })).status, 400);
  const res = await fetch(`${t.url}/api/v1/events`, { headers: { authorization: `Bearer ${t.token({ sub: 'c'.repeat(64), role: 'citizen' })}` } });
  assert.equal(res.status, 403);
});

test('operators see only their own org\'s transactions, auditors every org\'s', async () => {
  assert.deepEqual((await ids({}, '?fromBlock=0')).ids, ['5:0', '5:2', '7:0'], 'the clerk does not see 6:3 (MarketRegulation)');
  assert.deepEqual((await ids({}, '?fromBlock=0', { sub: 'registrar1', role: 'registrar' })).ids, ['5:0', '5:2', '7:0']);
  assert.deepEqual((await ids({}, '?fromBlock=0', { sub: 'auditor1', role: 'auditor' })).ids, ['5:0', '5:2', '6:3', '7:0']);
});

test('visibleTo: an envelope without an org is for auditors only', () => {
  assert.equal(visibleTo({ role: 'clerk' }, 'PublicSecurityMSP', { v: 1 }), false);
  assert.equal(visibleTo({ role: 'clerk' }, 'PublicSecurityMSP', null), false);
  assert.equal(visibleTo({ role: 'auditor' }, 'PublicSecurityMSP', { v: 1 }), true);
  assert.equal(visibleTo({ role: 'investigator' }, 'PublicSecurityMSP', { v: 1, org: 'MarketRegulationMSP' }), false);
});

test('positions order by block then tx index', () => {
  assert.equal(isAfter(parseEventId('5:3'), parseEventId('5:2')), true);
  assert.equal(isAfter(parseEventId('5:2'), parseEventId('5:2')), false);
  assert.equal(isAfter(parseEventId('6:0'), parseEventId('5:9')), true);
  assert.throws(() => parseEventId('5'), /Last-Event-ID/);
});
