import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BECAUSE, call, readEvents, registerCitizen, useRegistrarGateways, tokenFor, type SseEvent } from './gateway-support';
import { randomHex64 } from '@govchain/testing';


describe('state that survives a gateway restart', () => {
  const gw = useRegistrarGateways();

  it('idempotency holds across a gateway restart: same key and body -> same result, other body -> 409', async () => {
    const author = await registerCitizen(gw.ps);
    const token = tokenFor(gw.co.org, 'registrar1', 'registrar');
    const key = `restart-${randomHex64().slice(0, 16)}`;
    const body = { contentHash: randomHex64(), title: 'Restart Work', authors: [author], workType: 'literary', ...BECAUSE };
    const first = await call<{ data: { depositId: string } }>(gw.co, 'POST', '/api/v1/copyrights', { token, key, body });
    assert.equal(first.status, 201, first.text);
    await gw.co.restart();
    const replay = await call<{ data: { depositId: string } }>(gw.co, 'POST', '/api/v1/copyrights', { token, key, body });
    assert.equal(replay.status, 201, replay.text);
    assert.deepEqual(replay.body.data, first.body.data);
    const conflict = await call<{ error: { key: string } }>(gw.co, 'POST', '/api/v1/copyrights', { token, key, body: { ...body, title: 'Changed' } });
    assert.equal(conflict.status, 409, conflict.text);
    assert.equal(conflict.body.error.key, 'IDEMPOTENCY_CONFLICT');
  });

  it('SSE resumes from Last-Event-ID across a gateway restart with no gap and no duplicate', async () => {
    const clerk = tokenFor(gw.co.org, 'clerk1', 'clerk');
    const registrar = tokenFor(gw.co.org, 'registrar1', 'registrar');
    const author = await registerCitizen(gw.ps);
    const deposit = async (title: string): Promise<string> => {
      const res = await call<{ data: { depositId: string } }>(gw.co, 'POST', '/api/v1/copyrights', { token: registrar, body: { contentHash: randomHex64(), title, authors: [author], workType: 'literary', ...BECAUSE } });
      assert.equal(res.status, 201, res.text);
      return res.body.data.depositId;
    };
    const depositIds: string[] = [];
    const hasDeposit = (evs: SseEvent[], id: string) => evs.some((e) => e.data.payload.changes.some((c) => c.id === id));
    // First connection: see the first two deposits, remember the id of the last event read.
    const firstBatch = await readEvents(gw.co, clerk, undefined, (evs) => depositIds.length === 2 && depositIds.every((id) => hasDeposit(evs, id)), async () => {
      depositIds.push(await deposit('SSE 1'), await deposit('SSE 2'));
    });
    const lastSeen = firstBatch[firstBatch.length - 1];
    assert.ok(lastSeen, 'events were received');
    // While no client is connected, the gateway restarts and more transactions commit.
    await gw.co.restart();
    const missed = [await deposit('SSE 3'), await deposit('SSE 4')];
    const resumed = await readEvents(gw.co, clerk, lastSeen.id, (evs) => missed.every((id) => hasDeposit(evs, id)));
    const firstIds = new Set(firstBatch.map((e) => e.id));
    assert.ok(resumed.every((e) => !firstIds.has(e.id)), 'no duplicate across the resume');
    for (const id of missed) assert.ok(hasDeposit(resumed, id), `event of ${id} delivered after resume (no gap)`);
    const order = resumed.map((e) => [e.data.blockNumber, e.data.txIndex] as const);
    for (let i = 1; i < order.length; i++) {
      const [pb, pi] = order[i - 1] as readonly [number, number];
      const [b, ix] = order[i] as readonly [number, number];
      assert.ok(b > pb || (b === pb && ix > pi), 'events in ledger order');
    }
    const [lb, li] = lastSeen.id.split(':').map(Number) as [number, number];
    const [fb, fi] = resumed[0]?.id.split(':').map(Number) ?? [0, 0];
    assert.ok((fb as number) > lb || (fb === lb && (fi as number) > li), 'resume starts right after Last-Event-ID');
  });
});
