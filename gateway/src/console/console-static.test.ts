import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { consoleProblems, consoleSettingsOf } from './console-settings';
import { consoleCsp } from './console-csp';

const dir = mkdtempSync(join(tmpdir(), 'console-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><meta name="csp-nonce" content="__CSP_NONCE__"><script type="module" src="/console/assets/app.js" nonce="__CSP_NONCE__"></script>');
writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'assets', 'big.js'), 'console.log("GovChain");\n'.repeat(500));

describe('the console, served by the gateway', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ console: { dir, tokenSignIn: true, ledger: { channel: 'govchannel', chaincode: 'govchain' } } });
  });
  after(async () => t.close());

  test('index.html for every console path, with a fresh nonce matching a strict CSP', async () => {
    const nonces: string[] = [];
    for (const path of ['/console/', '/console/audit/abc123', '/console/me']) {
      const res = await fetch(t.url + path);
      assert.equal(res.status, 200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1] ?? '';
      assert.ok(nonce.length >= 16, csp);
      const html = await res.text();
      assert.ok(html.includes(`content="${nonce}"`), 'the page carries the header nonce');
      assert.ok(!html.includes('__CSP_NONCE__'));
      assert.match(csp, /script-src 'self' 'report-sample'(;|$)/, 'no inline scripts');
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      nonces.push(nonce);
    }
    assert.equal(new Set(nonces).size, 3, 'a new nonce per response');
  });

  test('assets are immutable and unknown files are 404 ROUTE_NOT_FOUND', async () => {
    const js = await fetch(`${t.url}/console/assets/app.js`);
    assert.equal(js.status, 200);
    const big = await fetch(`${t.url}/console/assets/big.js`, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(big.headers.get('content-encoding'), 'gzip', 'scripts are served compressed');
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    for (const path of ['/console/assets/missing.js', '/console/secret.env', '/console/assets/../index.html']) {
      const res = await fetch(t.url + path);
      assert.notEqual(res.status, 200, path);
    }
    const missing = await fetch(`${t.url}/console/assets/missing.js`);
    assert.equal(((await missing.json()) as { error: { key: string } }).error.key, 'ROUTE_NOT_FOUND');
  });

  test('config.json says which org serves the console, how to sign in and what signed messages must name', async () => {
    const res = await fetch(`${t.url}/console/config.json`);
    assert.deepEqual(await res.json(), {
      org: 'PublicSecurity', mspId: 'PublicSecurityMSP', tokenSignIn: true, oidc: null, apiBase: '/api/v1', orgs: [], ledger: { channel: 'govchannel', chaincode: 'govchain' },
    });
  });
});

test('a gateway without a console build answers 503 CONSOLE_NOT_BUILT with the command to run', async () => {
  const t = await startTestApp({ console: { dir: join(dir, 'nowhere'), tokenSignIn: false } });
  try {
    const res = await fetch(`${t.url}/console/`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { error: { key: string; message: string } };
    assert.equal(body.error.key, 'CONSOLE_NOT_BUILT');
    assert.match(body.error.message, /npm run build/);
  } finally {
    await t.close();
  }
});

test('console settings: token page off by default in production, OIDC needs authority and client id', () => {
  const base = { consoleScope: 'openid', consoleOidcScope: 'openid', production: false } as const;
  assert.equal(consoleSettingsOf(base).tokenSignIn, true);
  assert.equal(consoleSettingsOf({ ...base, production: true }).tokenSignIn, false);
  assert.equal(consoleSettingsOf({ ...base, production: true, consoleTokenSignIn: 'true' }).tokenSignIn, true);
  assert.deepEqual(consoleSettingsOf({ ...base, consoleOidcAuthority: 'https://idp.example', consoleOidcClientId: 'console' }).oidc, { authority: 'https://idp.example', clientId: 'console', scope: 'openid' });
  assert.equal(consoleProblems({ ...base, consoleOidcAuthority: 'https://idp.example' }).length, 1);
  assert.equal(consoleProblems({ ...base, production: true, consoleOidcAuthority: 'http://idp.example', consoleOidcClientId: 'c' }).length, 1);
  assert.equal(consoleProblems({ ...base, consoleDir: join(dir, 'nowhere') }).length, 1);
  assert.match(consoleCsp('n', 'https://idp.example/realms/gov'), /connect-src 'self' https:\/\/idp\.example;/);
});
