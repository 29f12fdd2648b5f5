import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './cli';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  const code = await runCli({ argv, env, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const CA = `-----BEGIN CERTIFICATE-----
MIIBkjCCATmgAwIBAgIUeQG3JjuFrZTclu20aguSDrtcarIwCgYIKoZIzj0EAwIw
HzEdMBsGA1UEAwwUY2EudGVzdC5nb3ZjaGFpbi5kZXYwHhcNMjYxMjAxMTU0MzA1
WhcNMzYxMTI4MTU0MzA1WjAfMR0wGwYDVQQDDBRjYS50ZXN0LmdvdmNoYWluLmRl
djBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJjcCYLjpvXK93CaRqoIArGo1c67
wBM7NXjwQn+cmw+eeV4d1wZNm91VO5RXatDLM9dIHwRXp6ZvsV9+Lv5Hs12jUzBR
MB0GA1UdDgQWBBQuUO3VTckj1HMzc5UfBdx8VTYHJTAfBgNVHSMEGDAWgBQuUO3V
Tckj1HMzc5UfBdx8VTYHJTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cA
MEQCIBIpeWbR0t67oZDogJ2t6p5UMtFZfu8Uy+7KbsiXm2tTAiAHetNR+6vD+euS
x3KZF3/deqdcKurx3nqwCkxEh889BQ==
-----END CERTIFICATE-----
`;

test('usage errors exit 2 with a stable key and what to do', async () => {
  const noTrust = await cli(['receipt.json']);
  assert.equal(noTrust.code, 2);
  assert.match(noTrust.err, /^INVALID_ARGUMENT: --trust <folder> is required/);
  assert.equal((await cli([])).code, 2);
  assert.equal((await cli(['a.json', 'b.json', '--trust', '.'])).code, 2);
  assert.match((await cli(['a.json', '--trust', '.', '--bogus'])).err, /INVALID_ARGUMENT/);
  assert.match((await cli(['a.json', '--trust', '.', '--lang', 'fr'])).err, /--lang must be one of en, zh-CN/);
  const missing = await cli(['a.json', '--trust', join(tmpdir(), 'no-such-trust-folder')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^TRUST_INVALID: cannot read the trust folder/);
  assert.equal((await cli(['--help'])).code, 0);
});

test('a trust folder holds only <MSP id>.pem certificates', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trust-'));
  writeFileSync(join(dir, 'notes.txt'), 'x');
  assert.match((await cli(['a.json', '--trust', dir])).err, /^TRUST_INVALID: unexpected file notes.txt/);
  const dir2 = mkdtempSync(join(tmpdir(), 'trust-'));
  writeFileSync(join(dir2, 'OrgMSP.pem'), 'not a certificate');
  assert.match((await cli(['a.json', '--trust', dir2])).err, /^TRUST_INVALID: the CA certificate of OrgMSP is not an X.509 certificate/);
});

test('an unreadable or malformed receipt does not verify (exit 1), with its key, in text and JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'trust-'));
  writeFileSync(join(dir, 'OrgMSP.pem'), CA);
  const bad = join(dir, '..', `bad-${process.pid}.json`);
  writeFileSync(bad, '{"format":"govchain-receipt/1","txId":"x"}');
  const text = await cli([bad, '--trust', dir]);
  assert.equal(text.code, 1, text.err);
  assert.match(text.err, /^RECEIPT_MALFORMED/);
  const json = await cli([bad, '--trust', dir, '--json']);
  assert.equal(json.code, 1);
  assert.equal((JSON.parse(json.out) as { error: { key: string } }).error.key, 'RECEIPT_MALFORMED');
  writeFileSync(bad, '{"format":"govchain-receipt/9"}');
  assert.match((await cli([bad, '--trust', dir])).err, /^RECEIPT_UNSUPPORTED_FORMAT/);
  writeFileSync(bad, '%PDF-1.7\nnot really');
  assert.match((await cli([bad, '--trust', dir])).err, /^PDF_NO_RECEIPT/);
  assert.match((await cli([join(dir, 'absent.json'), '--trust', dir])).err, /^FILE_UNREADABLE/);
});
