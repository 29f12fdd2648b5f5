import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NetworkError } from './errors';
import { waitFor } from './wait';

describe('bounded waits', () => {
  it('resolve as soon as the check holds', async () => {
    let calls = 0;
    await waitFor({ node: 'n', condition: 'c' }, async () => ++calls >= 2, 5_000);
    assert.equal(calls, 2);
  });

  it('fail after the time limit with the target key, naming the node, the condition and the last error', async () => {
    const started = Date.now();
    await assert.rejects(
      waitFor({ node: 'orderer2.orderer.gov.local', condition: 'reach block height 9', key: 'ORDERER_BEHIND', hint: 'see its log' }, async () => {
        throw new Error('connection refused\nsecond line');
      }, 300),
      (err: unknown) => {
        assert.ok(err instanceof NetworkError);
        assert.equal(err.key, 'ORDERER_BEHIND');
        assert.match(err.message, /^timed out after 300 ms waiting for orderer2\.orderer\.gov\.local to reach block height 9 \(last error: connection refused\)$/);
        assert.equal(err.hint, 'see its log');
        assert.deepEqual(err.details, { node: 'orderer2.orderer.gov.local', waitedFor: 'reach block height 9', timeoutMs: 300, lastError: 'connection refused' });
        return true;
      },
    );
    assert.ok(Date.now() - started < 1_500, 'the time limit is kept (no sleep past the deadline)');
  });

  it('a bare string target keeps the generic WAIT_TIMEOUT key', async () => {
    await assert.rejects(waitFor('something', async () => false, 50), (err: unknown) => err instanceof NetworkError && err.key === 'WAIT_TIMEOUT' && /waiting for something$/.test(err.message));
  });
});
