import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CheckRecorder } from './findings';
import { findingText, formatReport, languageOf } from './messages';
import type { VerificationReport } from './verify';

test('picks zh-CN from Chinese locales and en otherwise', () => {
  for (const l of ['zh_CN.UTF-8', 'zh-CN', 'zh_SG', 'zh-Hans', 'zh']) assert.equal(languageOf(l), 'zh-CN', l);
  for (const l of ['en_US.UTF-8', 'C', 'POSIX', '', undefined, 'de_DE', 'zhx']) assert.equal(languageOf(l), 'en', String(l));
});

test('every finding key the verifier emits has a text in both languages', () => {
  const rec = new CheckRecorder();
  const keys = [
    'decode', 'creator.channel', 'creator.txid', 'endorsements.proposal-hash', 'endorsements.response', 'endorsements.count',
    'policies.unreadable', 'policies.chaincode-stated-sound', 'policies.key-stated-sound', 'policies.chaincode', 'policies.keys-listed',
    'policies.key-sets', 'policies.key-satisfied', 'policies.key-none', 'policies.key-none-but-existed', 'policies.key-stated',
    'inclusion.index', 'inclusion.parts', 'inclusion.parts-missing', 'inclusion.data-hash', 'header.number', 'header.hash', 'header.genesis',
    'header.previous-missing', 'header.chain', 'orderer.count', 'attestation.question', 'attestation.valid', 'attestation.other-transaction',
    'attestation.orgs', 'record.matches', 'record.item', 'record.private', 'file.deposit', 'file.hash',
  ];
  for (const who of ['creator', 'endorsement', 'orderer', 'attestation']) {
    keys.push(`${who}.ok`);
    for (const f of ['malformed', 'untrusted-org', 'not-issued-by-org-ca', 'not-valid-at-time', 'wrong-role']) keys.push(`${who}.identity-${f}`);
    for (const f of ['malformed', 'high-s', 'mismatch', 'unsupported-key']) keys.push(`${who}.signature-${f}`);
  }
  for (const key of keys) rec.add(true, key, { org: 'OrgMSP', name: 'peer0' });
  for (const f of rec.findings) {
    for (const lang of ['en', 'zh-CN'] as const) {
      const text = findingText(f, lang);
      assert.ok(text.length > 0 && !text.startsWith('f.') && !text.includes(f.key), `${lang} ${f.key}: ${text}`);
    }
  }
});

test('the checklist says VERIFIED only when every check holds', () => {
  const ok = new CheckRecorder();
  ok.add(true, 'header.number', { number: '7' });
  const bad = new CheckRecorder();
  bad.add(false, 'inclusion.index', { index: 9, count: 2 });
  const base: VerificationReport = { ok: true, digest: 'd'.repeat(64), txId: 't'.repeat(64), channel: 'ch', blockNumber: '7', txIndex: 0, records: [], checks: [ok.result('header')] };
  assert.match(formatReport(base, 'en'), /RESULT: VERIFIED/);
  assert.match(formatReport(base, 'zh-CN'), /结论：核验通过/);
  const failed = formatReport({ ...base, ok: false, checks: [ok.result('header'), bad.result('inclusion')] }, 'en');
  assert.match(failed, /\[FAIL\] 2\. Transaction in block/);
  assert.match(failed, /NOT VERIFIED — 1 check\(s\) failed/);
});
