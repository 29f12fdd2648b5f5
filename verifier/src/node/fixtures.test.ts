import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseReceipt } from '../format';
import { verifyReceipt } from '../verify';
import { runCli } from './cli';
import { loadTrustDir } from './trust-dir';
import { TrustStore } from '../trust';

/** Receipts captured from a real GovChain network by the e2e run, with that network's org root CAs. */
export const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');
const fixture = (name: string) => resolve(FIXTURES, name);

async function cli(argv: string[]) {
  let out = '';
  const code = await runCli({ argv, env: { LANG: 'en_US.UTF-8' }, out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}

test('real receipts verify offline with only the network\'s CA certificates', async () => {
  const trust = loadTrustDir(fixture('trust'));
  for (const name of ['copyright-deposit.json', 'identity-status.json']) {
    const report = await verifyReceipt(parseReceipt(readFileSync(fixture(name), 'utf8')), { trust });
    assert.equal(report.ok, true, `${name}: ${JSON.stringify(report.checks.filter((c) => !c.ok))}`);
  }
  const deposit = await cli([fixture('copyright-deposit.json'), '--trust', fixture('trust'), '--file', fixture('work.txt')]);
  assert.equal(deposit.code, 0, deposit.out);
  assert.match(deposit.out, /RESULT: VERIFIED/);
  // An identity status change keeps the key-level policy set at registration: stated, and checked for soundness.
  const status = await cli([fixture('identity-status.json'), '--trust', fixture('trust')]);
  assert.match(status.out, /set by an earlier version/);
});

test('a receipt of a transaction invalidated at commit does not verify', async () => {
  const trust = loadTrustDir(fixture('trust'));
  const report = await verifyReceipt(parseReceipt(readFileSync(fixture('invalidated.json'), 'utf8')), { trust });
  assert.equal(report.ok, false);
  assert.equal(report.checks.find((c) => c.id === 'attestations')?.ok, false);
  assert.ok(report.checks.find((c) => c.id === 'attestations')?.findings.some((f) => f.params.code === 'ENDORSEMENT_POLICY_FAILURE'));
  assert.equal(report.checks.find((c) => c.id === 'policies')?.ok, false);
  assert.equal((await cli([fixture('invalidated.json'), '--trust', fixture('trust')])).code, 1);
});

test('a changed record value, a wrong file and a missing anchor each fail', async () => {
  const trust = loadTrustDir(fixture('trust'));
  const receipt = parseReceipt(readFileSync(fixture('copyright-deposit.json'), 'utf8'));
  const record = receipt.records[0];
  assert.ok(record?.value);
  const changed = structuredClone(receipt);
  (changed.records[0] as { value: string }).value = record.value.replace('"Receipt Work 0"', '"Another Work"');
  assert.notEqual(changed.records[0]?.value, record.value);
  assert.equal((await verifyReceipt(changed, { trust })).checks.find((c) => c.id === 'record')?.ok, false);
  const wrongFile = await verifyReceipt(receipt, { trust, fileSha256: '0'.repeat(64) });
  assert.equal(wrongFile.ok, false);
  const partial = TrustStore.fromPem(['CopyrightOfficeMSP', 'GovServiceCenterMSP'].map((mspId) => ({ mspId, pem: readFileSync(fixture(`trust/${mspId}.pem`), 'utf8') })));
  const report = await verifyReceipt(receipt, { trust: partial });
  assert.equal(report.checks.find((c) => c.id === 'orderer')?.ok, false, 'the orderer org is not trusted');
});
