import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiptFromPdf } from '@govchain/verifier/node';
import { beijingTime, renderCertificatePdf } from './certificate-pdf';
import type { CertificateModel } from './certificate-model';

test('renders an A4 certificate with Chinese text and the receipt attached as govchain-receipt.json', async () => {
  const receiptJson = '{"format":"govchain-receipt/1","note":"unit test"}\n';
  const model: CertificateModel = {
    kind: 'copyright', number: 'CR-0123', issuerMsp: 'CopyrightOfficeMSP', txId: 'e'.repeat(64), blockNumber: '42', time: '2026-11-24T06:30:05.000Z',
    evidence: 'f'.repeat(64), receiptDigest: '1'.repeat(64), qrText: 'http://127.0.0.1:3004/api/v1/public/receipts/x?evidence=y#sha256=z', receiptJson,
    fields: [{ zh: '作品名称', en: 'Title of the work', value: '测试作品 Test Work' }, { zh: '作品内容哈希', en: 'Content hash', value: 'a'.repeat(64), mono: true }],
  };
  const pdf = await renderCertificatePdf(model);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.length < 400_000, `a subset font keeps the PDF small (${pdf.length} bytes)`);
  assert.equal(await receiptFromPdf(new Uint8Array(pdf)), receiptJson);
  assert.equal(beijingTime('2026-11-24T18:30:05.000Z'), '2026年11月25日 02:30:05（北京时间 UTC+8）');
});
