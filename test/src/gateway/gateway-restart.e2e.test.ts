import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BECAUSE, call, hex64, registerCitizen, useRegistrarGateways, tokenFor, type TestGateway } from './gateway-support';

interface SseEvent {
  id: string;
  data: { blockNumber: number; txIndex: number; txId: string; payload: { changes: Array<{ family: string; id: string }> } };
}

/** Reads SSE events until `until` holds or the time limit passes, then closes the stream. */
async function readEvents(gw: TestGateway, token: string, lastEventId: string | undefined, until: (evs: SseEvent[]) => boolean, onOpen?: () => Promise<void>): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(`${gw.url}/api/v1/events`, { headers, signal: controller.signal });
  assert.equal(res.status, 200);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let opened = false;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        if (!opened && frame.includes(': connected')) {
          opened = true;
          if (onOpen) await onOpen();
        }
        const id = /^id: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (id && data && /^event: GovChainEvent$/m.test(frame)) events.push({ id, data: JSON.parse(data) as SseEvent['data'] });
      }
      if (until(events)) break;
    }
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('state that survives a gateway restart', () => {
  const gw = useRegistrarGateways();

  it('idempotency holds across a gateway restart: same key and body -> same result, other body -> 409', async () => {
    const author = await registerCitizen(gw.ps);
    const token = tokenFor(gw.co.org, 'registrar1', 'registrar');
    const key = `restart-${hex64().slice(0, 16)}`;
    const body = { contentHash: hex64(), title: 'Restart Work', authors: [author], workType: 'literary', ...BECAUSE };
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
      const res = await call<{ data: { depositId: string } }>(gw.co, 'POST', '/api/v1/copyrights', { token: registrar, body: { contentHash: hex64(), title, authors: [author], workType: 'literary', ...BECAUSE } });
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
