import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../errors/api-error';
import { startTestApp, type TestApp } from '../testing/test-app';

const HASH = 'a'.repeat(64);
const PERSON = 'c'.repeat(64);

describe('public work verification (no sign-in)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ publicRateLimitPerMinute: 5 });
    t.ledger.on('Copyright:Verify', (_op, req) => {
      if (req.args[0] !== HASH) throw new ApiError(404, 'RECORD_NOT_FOUND', 'no deposit with this hash');
      return {
        matches: true,
        deposit: {
          title: 'Secret draft title', authors: [PERSON],
          holders: [{ kind: 'person', subjectKey: PERSON }, { kind: 'organisation', code: '91110108MA01234567' }],
          certificate: { depositId: 'CR-1', contentHash: HASH, txId: `0000${'1'.repeat(60)}`, timestamp: '2025-01-01T00:00:00.000Z', depositorMsp: 'CopyrightOfficeMSP', operatorId: 'clerk1' },
        },
      };
    });
  });
  after(async () => t.close());

  test('answers the certificate of a deposit without naming persons, signed by the service operator', async () => {
    const res = await fetch(`${t.url}/api/v1/public/works/${HASH}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    const text = JSON.stringify(body);
    assert.ok(!text.includes(PERSON), 'no subject key');
    assert.ok(!text.includes('Secret draft title'), 'nothing beyond the certificate');
    assert.deepEqual(body.holders, [{ kind: 'person' }, { kind: 'organisation', code: '91110108MA01234567' }]);
    assert.equal((body.certificate as { blockNumber: number }).blockNumber, 7);
    assert.equal(t.ledger.calls.at(-1)?.operatorId, 'auditor1');
  });

  test('an unknown hash is matches=false, a malformed one 400, and each address is rate-limited', async () => {
    const none = await fetch(`${t.url}/api/v1/public/works/${'b'.repeat(64)}`);
    assert.deepEqual(await none.json(), { matches: false, contentHash: 'b'.repeat(64) });
    const bad = await fetch(`${t.url}/api/v1/public/works/${'A'.repeat(64)}`);
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { key: string } }).error.key, 'INVALID_ARGUMENT');
    let limited: Response | undefined;
    for (let i = 0; i < 6 && !limited; i++) {
      const r = await fetch(`${t.url}/api/v1/public/works/${HASH}`);
      if (r.status === 429) limited = r;
    }
    assert.ok(limited, 'the sixth request in a minute is refused');
    assert.equal(((await limited.json()) as { error: { key: string } }).error.key, 'RATE_LIMITED');
  });

  test('only GET exists, and the OpenAPI document lists the route without security', async () => {
    const post = await fetch(`${t.url}/api/v1/public/works/${HASH}`, { method: 'POST' });
    assert.equal(post.status, 404);
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as { paths: Record<string, { get?: { security?: unknown[] } }> };
    assert.deepEqual(doc.paths['/api/v1/public/works/{hash}']?.get?.security, []);
  });
});
