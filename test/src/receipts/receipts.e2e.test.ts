import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { parseReceipt, receiptDigest, verifyReceipt, type Receipt } from '@govchain/verifier';
import { loadTrustDir, receiptFromPdf } from '@govchain/verifier/node';
import { mkdirSync } from 'node:fs';
import { BECAUSE, call, PORT_BASE, registerCitizen, startGateway, startGateways, stopGateways, tokenFor, type TestGateway } from '../gateway/gateway-support';
import { mutateSection, receiptSections, type MutationCounts } from './mutations';
import { networkTrustDir, outputDir, run, runVerify, throwawayTrustDir } from './receipt-support';
import { forgedSuspension, invalidReceipt } from './invalid-receipt';
import { randomHex64, randomUscc } from '@govchain/testing';

interface Committed { txId: string; blockNumber: number; receipt: string; data: Record<string, unknown> }

describe('receipts, govchain-verify and certificates on the real network', () => {
  let gw: Record<string, TestGateway> = {};
  const g = (org: string) => gw[org] as TestGateway;
  let trust = '';
  let otherTrust = '';
  const receipts: Record<string, { txId: string; gateway: string; token: string }> = {};
  const sizes: Record<string, number> = {};
  const times: Record<string, number> = {};
  let owner = '';
  let parcel = '';
  let depositId = '';
  let code = '';

  const write = async (gateway: TestGateway, token: string, path: string, body: unknown): Promise<Committed> => {
    const res = await call<Committed>(gateway, 'POST', path, { token, body });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.receipt, `/api/v1/receipts/${res.body.txId}`);
    return res.body;
  };
  const fetchReceipt = async (family: string): Promise<{ text: string; receipt: Receipt }> => {
    const r = receipts[family] as { txId: string; gateway: string; token: string };
    const res = await call(g(r.gateway), 'GET', `/api/v1/receipts/${r.txId}`, { token: r.token });
    assert.equal(res.status, 200, res.text);
    const receipt = parseReceipt(res.text);
    assert.equal(res.headers.get('govchain-receipt-digest'), `sha256:${await receiptDigest(receipt)}`);
    return { text: res.text, receipt };
  };

  before(async () => {
    gw = await startGateways();
    trust = networkTrustDir();
    otherTrust = await throwawayTrustDir();
    const ps = g('PublicSecurity');
    owner = await registerCitizen(ps);
    const buyer = await registerCitizen(ps);

    const co = g('CopyrightOffice');
    const coReg = tokenFor(co.org, 'registrar1', 'registrar');
    // Several deposits at once, so that blocks carry other transactions too (the block-data section).
    const works = [0, 1, 2, 3].map((i) => `GovChain receipt test work ${i} ${randomHex64()}\n`);
    writeFileSync(join(outputDir(), 'work.txt'), works[0] as string);
    const deposits = await Promise.all(works.map((w, i) => write(co, coReg, '/api/v1/copyrights', {
      contentHash: createHash('sha256').update(w).digest('hex'), title: `Receipt Work ${i}`, authors: [owner], workType: 'software', ...BECAUSE,
    })));
    const dep = deposits[0] as Committed;
    depositId = (dep.data as { depositId: string }).depositId;
    receipts.copyrightDeposit = { txId: dep.txId, gateway: co.org, token: coReg };
    const transfer = await write(co, coReg, `/api/v1/copyrights/${depositId}/transfers`, {
      toHolders: [{ kind: 'organisation', code: randomUscc() }], contractHash: randomHex64(), effectiveDate: '2025-01-01', ...BECAUSE,
    });
    receipts.copyrightTransfer = { txId: transfer.txId, gateway: co.org, token: coReg };
    const licence = await write(co, coReg, `/api/v1/copyrights/${depositId}/licences`, {
      licensee: { kind: 'person', subjectKey: owner }, exclusive: false, scope: 'reproduction', territory: 'CN', startDate: '2025-01-01', endDate: null, contractHash: randomHex64(), ...BECAUSE,
    });
    receipts.copyrightLicence = { txId: licence.txId, gateway: co.org, token: coReg };

    const nr = g('NaturalResources');
    const nrReg = tokenFor(nr.org, 'registrar1', 'registrar');
    parcel = `RCPT-${randomHex64().slice(0, 10).toUpperCase()}`;
    const title = await write(nr, nrReg, '/api/v1/properties', { parcelNumber: parcel, owners: [owner], areaSqm: 96.5, use: 'residential', documentHash: randomHex64(), ...BECAUSE });
    receipts.propertyTitle = { txId: title.txId, gateway: nr.org, token: nrReg };
    const proposed = await write(nr, nrReg, `/api/v1/properties/${parcel}/transfers`, { buyers: [buyer], contractHash: randomHex64(), ...BECAUSE });
    const transferId = (proposed.data as { transferId: string }).transferId;
    for (const party of [owner, buyer]) await write(nr, nrReg, `/api/v1/transfers/${encodeURIComponent(transferId)}/approvals`, { subjectKey: party, evidenceHash: randomHex64(), ...BECAUSE });
    const done = await write(nr, nrReg, `/api/v1/transfers/${encodeURIComponent(transferId)}/completion`, BECAUSE);
    receipts.propertyTransfer = { txId: done.txId, gateway: nr.org, token: nrReg };

    const mr = g('MarketRegulation');
    const mrReg = tokenFor(mr.org, 'registrar1', 'registrar');
    code = randomUscc();
    const biz = await write(mr, mrReg, '/api/v1/businesses', {
      code, name: 'Receipt Trading Co.', entityType: 'limited_liability_company', registeredCapital: { amount: '500000.00', currency: 'CNY' }, legalRepresentative: buyer, addressFingerprint: randomHex64(), ...BECAUSE,
    });
    receipts.businessRegistration = { txId: biz.txId, gateway: mr.org, token: mrReg };
    const amended = await write(mr, mrReg, `/api/v1/businesses/${code}/amendments`, { changes: { name: 'Receipt Trading Group' }, ...BECAUSE });
    receipts.businessAmendment = { txId: amended.txId, gateway: mr.org, token: mrReg };

    const psReg = tokenFor(ps.org, 'registrar1', 'registrar');
    const status = await write(ps, psReg, `/api/v1/identities/${buyer}/status`, { action: 'suspend', ...BECAUSE });
    receipts.identityStatus = { txId: status.txId, gateway: ps.org, token: psReg };
    await write(ps, psReg, `/api/v1/identities/${buyer}/status`, { action: 'reinstate', ...BECAUSE });

    const gsc = g('GovServiceCenter');
    const dataset = `e2e-receipts-${randomHex64().slice(0, 8)}`;
    await write(gsc, tokenFor(gsc.org, 'admin1', 'admin'), '/api/v1/catalogue', {
      dataset, ownerMsp: 'PublicSecurityMSP', fields: ['name', 'address'], shareClass: 'conditional', legalBasis: 'Resident Identity Card Law art. 19', ...BECAUSE,
    });
    const access = await call<{ accessId: string; auditTxId: string }>(ps, 'POST', `/api/v1/identities/${owner}/personal-data-access`, {
      token: tokenFor(ps.org, 'clerk1', 'clerk'), body: { dataset, fields: ['name'], purpose: 'identity-check', legalBasis: 'Resident Identity Card Law art. 19', caseId: `case-${randomHex64().slice(0, 8)}` },
    });
    assert.equal(access.status, 200, access.text);
    receipts.auditEntry = { txId: access.body.auditTxId, gateway: ps.org, token: tokenFor(ps.org, 'auditor1', 'auditor') };
  });
  after(async () => {
    await stopGateways(gw);
    console.log(`[receipts] sizes (bytes): ${JSON.stringify(sizes)}`);
    console.log(`[receipts] govchain-verify wall time (ms, incl. node start): ${JSON.stringify(times)}`);
  });

  it('each family\'s receipt verifies with govchain-verify using only the CA certificates copied out of the network', async () => {
    for (const family of Object.keys(receipts)) {
      const { text, receipt } = await fetchReceipt(family);
      sizes[family] = Buffer.byteLength(text);
      const file = join(outputDir(), `${family}.json`);
      writeFileSync(file, text);
      const res = await runVerify([file, '--trust', trust, '--json']);
      times[family] = Math.round(res.ms);
      assert.equal(res.code, 0, `${family}: ${res.stdout}${res.stderr}`);
      const report = JSON.parse(res.stdout) as { ok: boolean; checks: Array<{ id: string; ok: boolean }> };
      assert.equal(report.ok, true);
      assert.deepEqual(report.checks.map((c) => c.id), ['creator', 'endorsements', 'policies', 'inclusion', 'header', 'orderer', 'attestations', 'record']);
      assert.ok(receipt.attestations.length >= 2, 'two departments attest');
      assert.ok(receipt.records.length >= 1, `${family} carries its record`);
    }
    const dep = (await fetchReceipt('copyrightDeposit')).receipt;
    assert.equal(dep.records[0]?.kind, 'deposit');
    const audit = (await fetchReceipt('auditEntry')).receipt;
    assert.ok(audit.records.some((r) => r.family === 'audit' && r.kind === 'entry'));
  });

  it('prints the checklist in the user\'s locale (zh-CN and en) and checks --file against the deposited hash', async () => {
    const file = join(outputDir(), 'copyrightDeposit.json');
    const zh = await runVerify([file, '--trust', trust], { LANG: 'zh_CN.UTF-8' });
    assert.equal(zh.code, 0, zh.stdout + zh.stderr);
    assert.match(zh.stdout, /结论：核验通过/);
    assert.match(zh.stdout, /提交者签名/);
    const en = await runVerify([file, '--trust', trust], { LANG: 'en_US.UTF-8' });
    assert.match(en.stdout, /RESULT: VERIFIED/);
    const rightFile = await runVerify([file, '--trust', trust, '--file', join(outputDir(), 'work.txt')]);
    assert.equal(rightFile.code, 0, rightFile.stdout + rightFile.stderr);
    assert.match(rightFile.stdout, /\[OK\]\s+9\. File hash equals the deposited hash/);
    const wrongFile = await runVerify([file, '--trust', trust, '--file', join(outputDir(), 'copyrightTransfer.json')]);
    assert.equal(wrongFile.code, 1, 'a different file does not match the deposit');
    assert.match(wrongFile.stdout, /File hash equals the deposited hash/);
  });

  it('fails with another network\'s CA certificates, and on a receipt of an invalidated transaction', async () => {
    const file = join(outputDir(), 'copyrightDeposit.json');
    const other = await runVerify([file, '--trust', otherTrust, '--json']);
    assert.equal(other.code, 1, other.stdout + other.stderr);
    const report = JSON.parse(other.stdout) as { ok: boolean; checks: Array<{ id: string; ok: boolean }> };
    assert.equal(report.ok, false);
    for (const id of ['creator', 'endorsements', 'orderer', 'attestations']) assert.equal(report.checks.find((c) => c.id === id)?.ok, false, `${id} fails`);

    const forged = await forgedSuspension(g('PublicSecurity'));
    const refused = await call<{ error: { key: string } }>(g('PublicSecurity'), 'GET', `/api/v1/receipts/${forged}`, { token: tokenFor('PublicSecurity', 'registrar1', 'registrar') });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.body.error.key, 'TRANSACTION_INVALID');
    const built = await invalidReceipt(forged);
    const bad = await verifyReceipt(built, { trust: loadTrustDir(trust) });
    assert.equal(bad.ok, false, 'a receipt of an invalidated transaction does not verify');
    const att = bad.checks.find((c) => c.id === 'attestations');
    assert.equal(att?.ok, false);
    assert.ok(att?.findings.some((f) => f.params.code === 'ENDORSEMENT_POLICY_FAILURE'), JSON.stringify(att?.findings));
    assert.equal(bad.checks.find((c) => c.id === 'policies')?.ok, false, 'one department alone does not satisfy the policies');
    const file2 = join(outputDir(), 'invalidated.json');
    writeFileSync(file2, `${JSON.stringify(built, null, 2)}\n`);
    assert.equal((await runVerify([file2, '--trust', trust])).code, 1);
  });

  it('detects every one of >= 1,000 random byte flips across all receipt sections', async () => {
    const { receipt } = await fetchReceipt('copyrightDeposit');
    assert.ok(receipt.block.others.lengths.length >= 1, 'the deposit\'s block holds other transactions (concurrent deposits)');
    const trustStore = loadTrustDir(trust);
    const sections = await receiptSections(receipt);
    const counts: MutationCounts[] = [];
    let seed = 20261201;
    for (const [name, fields] of Object.entries(sections)) counts.push(await mutateSection(receipt, name, fields, trustStore, 140, seed++));
    const total = counts.reduce((n, c) => n + c.mutations, 0);
    console.log(`[receipts] mutation test: ${JSON.stringify(counts)} total ${total}`);
    assert.ok(total >= 1000, `${total} mutations`);
    for (const c of counts) assert.equal(c.detected, c.mutations, `${c.section}: every mutation detected`);
    // The receipt itself is untouched and still verifies.
    assert.equal((await verifyReceipt(receipt, { trust: trustStore })).ok, true);
  });

  it('refuses receipts to the wrong role, the wrong org, another citizen, the public without evidence and crafted ids', async () => {
    const ps = g('PublicSecurity');
    const audit = receipts.auditEntry as { txId: string };
    const deposit = receipts.copyrightDeposit as { txId: string };
    const title = receipts.propertyTitle as { txId: string };
    const get = (gateway: TestGateway, path: string, token?: string) => call<{ error: { key: string } }>(gateway, 'GET', path, token ? { token } : {});
    assert.equal((await get(ps, `/api/v1/receipts/${audit.txId}`)).status, 401, 'no token');
    const clerk = await get(ps, `/api/v1/receipts/${audit.txId}`, tokenFor(ps.org, 'clerk1', 'clerk'));
    assert.equal(clerk.status, 403);
    assert.equal(clerk.body.error.key, 'FORBIDDEN_ROLE', 'audit receipts are for auditors');
    // Another department's token: its audience is that department's gateway (401), or its org is not this one (403).
    const wrongOrg = await get(ps, `/api/v1/receipts/${deposit.txId}`, tokenFor('CopyrightOffice', 'registrar1', 'registrar'));
    assert.ok((wrongOrg.status === 401 && wrongOrg.body.error.key === 'UNAUTHENTICATED') || (wrongOrg.status === 403 && wrongOrg.body.error.key === 'FORBIDDEN_ORG'), wrongOrg.text);
    // An operator of another department reads copyright records, and so their receipts.
    assert.equal((await get(ps, `/api/v1/receipts/${deposit.txId}`, tokenFor(ps.org, 'clerk1', 'clerk'))).status, 200);
    // Citizens: the owner gets the title's receipt and the audit entry about them; another citizen neither.
    const nr = g('NaturalResources');
    assert.equal((await get(nr, `/api/v1/receipts/${title.txId}`, tokenFor(nr.org, owner, 'citizen'))).status, 200);
    assert.equal((await get(ps, `/api/v1/receipts/${audit.txId}`, tokenFor(ps.org, owner, 'citizen'))).status, 200);
    const stranger = randomHex64();
    for (const [gateway, txId] of [[nr, title.txId], [ps, audit.txId]] as const) {
      const res = await get(gateway, `/api/v1/receipts/${txId}`, tokenFor(gateway.org, stranger, 'citizen'));
      assert.equal(res.status, 403, res.text);
      assert.equal(res.body.error.key, 'FORBIDDEN_SUBJECT');
    }
    const token = tokenFor(ps.org, 'registrar1', 'registrar');
    for (const bad of ['abc', 'G'.repeat(64), deposit.txId.toUpperCase(), `${deposit.txId}0`, '..%2F..%2Fetc']) {
      const res = await get(ps, `/api/v1/receipts/${bad}`, token);
      assert.ok(res.status === 400 || res.status === 404, `${bad}: ${res.status}`);
      if (res.status === 400) assert.equal(res.body.error.key, 'INVALID_ARGUMENT');
    }
    const unknown = await get(ps, `/api/v1/receipts/${randomHex64()}`, token);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.key, 'TRANSACTION_NOT_FOUND');
    // Public: only with the certificate's evidence, and only for certificate records.
    assert.equal((await get(ps, `/api/v1/public/receipts/${deposit.txId}`)).status, 400);
    const wrong = await get(ps, `/api/v1/public/receipts/${deposit.txId}?evidence=${randomHex64()}`);
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error.key, 'RECEIPT_NOT_FOUND');
    const auditEnvelope = parseReceipt((await get(ps, `/api/v1/receipts/${audit.txId}`, tokenFor(ps.org, 'auditor1', 'auditor'))).text).transaction.envelope;
    const auditEvidence = createHash('sha256').update(Buffer.from(auditEnvelope, 'base64')).digest('hex');
    assert.equal((await get(ps, `/api/v1/public/receipts/${audit.txId}?evidence=${auditEvidence}`)).status, 404, 'audit receipts are never public');
  });

  it('serves certificate PDFs whose embedded receipt verifies and whose QR code carries the receipt digest and a working public URL', async () => {
    const cases = [
      { kind: 'copyright', gateway: 'CopyrightOffice', path: `/api/v1/copyrights/${depositId}/certificate.pdf` },
      { kind: 'property', gateway: 'NaturalResources', path: `/api/v1/properties/${parcel}/certificate.pdf` },
      { kind: 'business', gateway: 'MarketRegulation', path: `/api/v1/businesses/${code}/certificate.pdf` },
    ];
    for (const c of cases) {
      const gateway = g(c.gateway);
      const res = await fetch(gateway.url + c.path, { headers: { authorization: `Bearer ${tokenFor(gateway.org, 'clerk1', 'clerk')}` } });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      const pdf = new Uint8Array(await res.arrayBuffer());
      const file = join(outputDir(), `${c.kind}-certificate.pdf`);
      writeFileSync(file, pdf);
      const verified = await runVerify([file, '--trust', trust, '--json']);
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
      const embedded = parseReceipt(await receiptFromPdf(pdf));
      await run('pdftoppm', ['-png', '-r', '200', '-f', '1', '-l', '1', '-singlefile', file, join(outputDir(), `${c.kind}-certificate`)]);
      const png = PNG.sync.read(readFileSync(join(outputDir(), `${c.kind}-certificate.png`)));
      const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
      assert.ok(qr, `${c.kind}: the QR code decodes`);
      const url = new URL(qr.data);
      assert.equal(url.hash, `#sha256=${await receiptDigest(embedded)}`, 'the QR code carries the digest of the embedded receipt');
      assert.equal(url.pathname, `/api/v1/public/receipts/${embedded.txId}`);
      const pub = await fetch(`${gateway.url}${url.pathname}${url.search}`);
      assert.equal(pub.status, 200, await pub.clone().text());
      const fresh = parseReceipt(await pub.text());
      assert.equal(fresh.transaction.envelope, embedded.transaction.envelope, 'the public receipt proves the same transaction');
      assert.equal((await verifyReceipt(fresh, { trust: loadTrustDir(trust) })).ok, true);
    }
    const citizen = await fetch(g('CopyrightOffice').url + `/api/v1/copyrights/${depositId}/certificate.pdf`, { headers: { authorization: `Bearer ${tokenFor('CopyrightOffice', randomHex64(), 'citizen')}` } });
    assert.equal(citizen.status, 403, 'another citizen gets no certificate');
    const author = await fetch(g('CopyrightOffice').url + `/api/v1/copyrights/${depositId}/certificate.pdf`, { headers: { authorization: `Bearer ${tokenFor('CopyrightOffice', owner, 'citizen')}` } });
    assert.equal(author.status, 200, 'the author gets the certificate');
  });

  it('splits a block too large to inline into parts that still prove inclusion (receipt, parts routes, PDF)', async () => {
    // A gateway that inlines at most 1 KiB of other envelopes: the concurrent deposits' block must be split.
    const split = await startGateway('CopyrightOffice', { GOVCHAIN_GATEWAY_PORT: String(PORT_BASE + 90), GOVCHAIN_RECEIPT_INLINE_BYTES: '1024' });
    try {
      const token = tokenFor(split.org, 'registrar1', 'registrar');
      const dep = receipts.copyrightDeposit as { txId: string };
      const res = await call(split, 'GET', `/api/v1/receipts/${dep.txId}`, { token });
      assert.equal(res.status, 200, res.text);
      const receipt = parseReceipt(res.text);
      assert.ok('parts' in receipt.block.others && receipt.block.others.parts.length >= 1, 'the block data is split');
      const count = 'parts' in receipt.block.others ? receipt.block.others.parts.length : 0;
      assert.equal(res.headers.get('govchain-receipt-parts'), String(count));
      const dir = join(outputDir(), 'split');
      const partsDir = join(dir, 'parts');
      mkdirSync(partsDir, { recursive: true });
      const file = join(dir, 'receipt.json');
      writeFileSync(file, res.text);
      const parts: Buffer[] = [];
      for (let n = 0; n < count; n++) {
        const part = await fetch(`${split.url}/api/v1/receipts/${dep.txId}/parts/${n}`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(part.status, 200);
        parts.push(Buffer.from(await part.arrayBuffer()));
        writeFileSync(join(partsDir, `part-${n}.bin`), parts[n] as Buffer);
      }
      assert.equal((await call(split, 'GET', `/api/v1/receipts/${dep.txId}/parts/${count}`, { token })).status, 404);
      const ok = await runVerify([file, '--trust', trust, '--parts', partsDir]);
      assert.equal(ok.code, 0, ok.stdout + ok.stderr);
      assert.match(ok.stdout, /Block data split into \d+ part/);
      const without = await runVerify([file, '--trust', trust]);
      assert.equal(without.code, 1, 'without its parts the receipt proves no inclusion');
      assert.match(without.stdout, /is split into \d+ part\(s\) but 0 were given/);
      const flipped = Buffer.from(parts[0] as Buffer);
      flipped.writeUInt8((flipped[flipped.length >> 1] as number) ^ 0x20, flipped.length >> 1);
      writeFileSync(join(partsDir, 'part-0.bin'), flipped);
      assert.equal((await runVerify([file, '--trust', trust, '--parts', partsDir])).code, 1, 'a changed part fails');
      const pdf = await fetch(`${split.url}/api/v1/copyrights/${depositId}/certificate.pdf`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(pdf.status, 200);
      const pdfFile = join(dir, 'certificate.pdf');
      writeFileSync(pdfFile, Buffer.from(await pdf.arrayBuffer()));
      const fromPdf = await runVerify([pdfFile, '--trust', trust]);
      assert.equal(fromPdf.code, 0, `the PDF carries its parts: ${fromPdf.stdout}${fromPdf.stderr}`);
    } finally {
      await split.stop();
    }
  });

  it('links every family\'s records to their receipts', async () => {
    const co = g('CopyrightOffice');
    const dep = await call<{ receipt: string; meta: { updatedTxId: string } }>(co, 'GET', `/api/v1/copyrights/${depositId}`, { token: tokenFor(co.org, 'clerk1', 'clerk') });
    assert.equal(dep.body.receipt, `/api/v1/receipts/${dep.body.meta.updatedTxId}`);
    const nr = g('NaturalResources');
    const hist = await call<{ records: Array<{ receipt?: string }> }>(nr, 'GET', `/api/v1/properties/${parcel}/history`, { token: tokenFor(nr.org, 'clerk1', 'clerk') });
    assert.ok(hist.body.records.length >= 2 && hist.body.records.every((r) => r.receipt?.startsWith('/api/v1/receipts/')), hist.text);
    const ps = g('PublicSecurity');
    const log = await call<{ records: Array<{ accessId: string; receipt?: string }> }>(ps, 'GET', '/api/v1/me/access-log', { token: tokenFor(ps.org, owner, 'citizen') });
    assert.ok(log.body.records.some((e) => e.receipt === `/api/v1/receipts/${e.accessId}`), log.text);
  });
});
