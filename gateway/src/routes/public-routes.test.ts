import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { publishedAnchor } from '../certificates/trust-anchors';
import { ApiError } from '../errors/api-error';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { REPO_ROOT } from '../../testing/repo-root';

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

describe('published trust anchors (no sign-in)', () => {
  let t: TestApp;
  let pem = '';
  before(async () => {
    // A real network's root CA (the verifier's fixtures).
    pem = readFileSync(resolve(REPO_ROOT, 'verifier', 'fixtures', 'trust', 'CopyrightOfficeMSP.pem'), 'utf8');
    t = await startTestApp({ publicRateLimitPerMinute: 3, trustAnchors: [publishedAnchor('CopyrightOfficeMSP', pem)] });
  });
  after(async () => t.close());

  test('lists each org\'s CA certificate with its openssl-style SHA-256 fingerprint, cacheable, rate-limited, no ledger read', async () => {
    const res = await fetch(`${t.url}/api/v1/public/trust-anchors`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /public/);
    const body = (await res.json()) as { anchors: Array<{ mspId: string; pem: string; sha256: string }> };
    assert.equal(body.anchors.length, 1);
    const a = body.anchors[0];
    assert.equal(a?.mspId, 'CopyrightOfficeMSP');
    const base64 = (p: string) => p.replace(/-----[A-Z ]+-----|\s/g, '');
    assert.equal(base64(a?.pem ?? ''), base64(pem));
    const fp = createHash('sha256').update(Buffer.from(base64(pem), 'base64')).digest('hex').toUpperCase().match(/../g)?.join(':');
    assert.equal(a?.sha256, fp);
    assert.equal(t.ledger.calls.length, 0);
    let limited = false;
    for (let i = 0; i < 4 && !limited; i++) limited = (await fetch(`${t.url}/api/v1/public/trust-anchors`)).status === 429;
    assert.ok(limited, 'the fourth request in a minute is refused');
  });

  test('refuses a file that is not a certificate', () => {
    assert.throws(() => publishedAnchor('X', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'));
  });
});
