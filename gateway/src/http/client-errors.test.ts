import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestApp } from '../../testing/test-app';

function raw(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect({ host: hostname, port: Number(port) });
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('end', () => resolve(out));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    s.write(bytes, 'latin1');
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { error: { code: number; key: string } };

test('requests the HTTP parser refuses still get a JSON error with a key (431 HEADERS_TOO_LARGE, 400 INVALID_ARGUMENT)', async () => {
  const t = await startTestApp();
  try {
    const big = await raw(t.url, `GET /live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.match(big, /^HTTP\/1\.1 431 /);
    assert.deepEqual(bodyOf(big).error, { code: 431, key: 'HEADERS_TOO_LARGE', message: 'the request line or headers are too large' });
    for (const bad of ['GET /\u0000 HTTP/1.1\r\n\r\n', 'GET /live HTTP/1.1\r\nHo st: x\r\n\r\n', 'POST /api/v1/identities HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n\r\n']) {
      const res = await raw(t.url, bad);
      assert.match(res, /^HTTP\/1\.1 400 /, JSON.stringify(bad));
      assert.equal(bodyOf(res).error.key, 'INVALID_ARGUMENT');
    }
    assert.equal((await fetch(`${t.url}/live`)).status, 200, 'the server is unharmed');
  } finally {
    await t.close();
  }
});
