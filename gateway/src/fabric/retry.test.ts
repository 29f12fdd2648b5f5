import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, withRetry } from './retry';

test('withRetry retries retryable errors a bounded number of times', async () => {
  let calls = 0;
  const retries: number[] = [];
  await assert.rejects(
    withRetry({ maxRetries: 3, baseMs: 1 }, async () => {
      calls++;
      throw new Error('conflict');
    }, () => true, (a) => retries.push(a), async () => undefined),
    /conflict/,
  );
  assert.equal(calls, 4);
  assert.deepEqual(retries, [1, 2, 3]);
});

test('withRetry does not retry other errors and returns success', async () => {
  let calls = 0;
  await assert.rejects(withRetry({ maxRetries: 3, baseMs: 1 }, async () => {
    calls++;
    throw new Error('other');
  }, () => false, undefined, async () => undefined));
  assert.equal(calls, 1);
  let n = 0;
  const v = await withRetry({ maxRetries: 3, baseMs: 1 }, async () => (++n < 3 ? Promise.reject(new Error('c')) : 'ok'), () => true, undefined, async () => undefined);
  assert.equal(v, 'ok');
});

test('backoff grows exponentially, is jittered and capped', () => {
  const p = { maxRetries: 5, baseMs: 100 };
  assert.equal(backoffMs(p, 1, () => 0), 50);
  assert.equal(backoffMs(p, 1, () => 1), 100);
  assert.equal(backoffMs(p, 3, () => 1), 400);
  assert.equal(backoffMs(p, 20, () => 1), 2000);
});
