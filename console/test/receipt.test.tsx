import { readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import VerifyReceiptPage from '../src/pages/VerifyReceiptPage';
import { fingerprintOf } from '../src/lib/receipts';
import { useNodeRealmCrypto } from './node-realm-crypto';
import { fakeFetch, renderPage } from './render';

useNodeRealmCrypto();

/** Receipts captured from a real network, with that network's root CAs (verifier/fixtures). */
const FIXTURES = resolve(__dirname, '..', '..', 'verifier', 'fixtures');
const receiptText = readFileSync(resolve(FIXTURES, 'copyright-deposit.json'), 'utf8');
const work = readFileSync(resolve(FIXTURES, 'work.txt'));
const anchors = readdirSync(resolve(FIXTURES, 'trust')).map((f) => ({ mspId: basename(f, '.pem'), pem: readFileSync(resolve(FIXTURES, 'trust', f), 'utf8'), sha256: '' }));

const dropReceipt = (content: string | Uint8Array, name: string) => {
  const input = document.querySelector('[data-testid=receipt-drop] input[type=file]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([content as BlobPart], name, { type: 'application/json' })] } });
};
const verdict = () => screen.getByTestId('receipt-verdict');

describe('VerifyReceiptPage', () => {
  it('verifies a real receipt in the page against the published CAs, fetching only the CA list', async () => {
    const f = fakeFetch(() => ({ body: { anchors } }));
    await renderPage(<VerifyReceiptPage />, { fetchImpl: f.impl, lang: 'en' });
    await waitFor(() => expect((document.querySelector('[data-testid=receipt-drop] input[type=file]') as HTMLInputElement).disabled).toBe(false));
    dropReceipt(receiptText, 'copyright-deposit.json');
    await waitFor(() => expect(verdict().dataset.ok).toBe('true'), { timeout: 15_000 });
    expect(verdict().textContent).toBe('VERIFIED');
    const checks = [...document.querySelectorAll('[data-testid=receipt-checks] > li')].map((li) => [li.getAttribute('data-check'), li.getAttribute('data-ok')]);
    expect(checks.slice(0, 8).every(([, ok]) => ok === 'true')).toBe(true);
    expect(f.calls.map((c) => c.url)).toEqual(['/api/v1/public/trust-anchors']);
  });

  it('fails a receipt with one changed record value, naming the failed check, in Chinese by default', async () => {
    const f = fakeFetch(() => ({ body: { anchors } }));
    await renderPage(<VerifyReceiptPage />, { fetchImpl: f.impl });
    await waitFor(() => expect((document.querySelector('[data-testid=receipt-drop] input[type=file]') as HTMLInputElement).disabled).toBe(false));
    const r = JSON.parse(receiptText) as { records: Array<{ value: string | null }> };
    const first = r.records.find((x) => x.value?.includes('"'));
    if (!first?.value) throw new Error('the fixture has a record with a value');
    first.value = first.value.replace(/"([0-9a-f])/, (_m, c: string) => `"${c === 'a' ? 'b' : 'a'}`);
    dropReceipt(JSON.stringify(r), 'tampered.json');
    await waitFor(() => expect(verdict().dataset.ok).toBe('false'), { timeout: 15_000 });
    expect(verdict().textContent).toContain('核验未通过');
    expect(document.querySelector('[data-check=record]')?.getAttribute('data-ok')).toBe('false');
    // Only the record check fails: the signatures over the untouched envelope still hold.
    expect(document.querySelector('[data-check=creator]')?.getAttribute('data-ok')).toBe('true');
  });

  it('checks a work file against the deposit, and refuses a file that is no receipt with its key', async () => {
    const f = fakeFetch(() => ({ body: { anchors } }));
    await renderPage(<VerifyReceiptPage />, { fetchImpl: f.impl, lang: 'en' });
    await waitFor(() => expect((document.querySelector('[data-testid=receipt-drop] input[type=file]') as HTMLInputElement).disabled).toBe(false));
    const workInput = document.querySelectorAll('input[type=file]')[1] as HTMLInputElement;
    fireEvent.change(workInput, { target: { files: [new File([work], 'work.txt')] } });
    await waitFor(() => expect(screen.getByText('Work file: work.txt')).toBeTruthy());
    dropReceipt(receiptText, 'copyright-deposit.json');
    await waitFor(() => expect(verdict().dataset.ok).toBe('true'), { timeout: 15_000 });
    expect(document.querySelector('[data-check=file]')?.getAttribute('data-ok')).toBe('true');
    dropReceipt('{"format":"something-else"}', 'other.json');
    await waitFor(() => expect(screen.getByTestId('error-key').textContent).toMatch(/^RECEIPT_/));
    dropReceipt(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'broken.pdf');
    await waitFor(() => expect(screen.getByTestId('error-key').textContent).toBe('PDF_NO_RECEIPT'));
  });

  it('fingerprints a certificate as openssl does', async () => {
    const fp = await fingerprintOf(anchors[0]?.pem ?? '');
    expect(fp).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });
});
