import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { usccFromSeed, randomCitizen, randomParcel, randomUscc } from '@govchain/testing';
import { registerCitizen } from '../support/identity';
import { evaluateJson, rejectsWithKey, submitJson } from '../support/tx';
import { operators } from '../support/operators';
import { eventually } from '../support/network';

const amendment = { reason: 'e2e test', legalAuthority: 'Property Law art. 214' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const someKey = () => randomBytes(32).toString('hex');

interface Versioned { meta: { version: number; previousTxId: string | null; reason: string; approvedBy: string } }

describe('property, business and copyright records on the real network', () => {
  const op = operators({
    nr: ['NaturalResources', 'registrar1'], nrClerk: ['NaturalResources', 'clerk1'], mr: ['MarketRegulation', 'registrar1'],
    psb: ['PublicSecurity', 'registrar1'], co: ['CopyrightOffice', 'registrar1'],
  });

  it('transfers a mortgaged title only with every approval and the lender\'s consent', async () => {
    const parcel = randomParcel();
    const [seller, buyer] = [someKey(), someKey()];
    const property = op.nr.contract('Property');
    await submitJson(property, 'RegisterTitle', { ...amendment, parcelNumber: parcel, owners: [seller], areaSqm: 88.5, use: 'residential', documentHash: sha(parcel) });
    const enc = await submitJson<{ encumbrance: { encumbranceId: string } }>(property, 'RegisterEncumbrance', { ...amendment, parcelNumber: parcel, kind: 'mortgage', lenderCode: usccFromSeed(7), instrumentHash: sha(`mortgage ${parcel}`) });
    const transfer = await submitJson<{ transferId: string }>(op.nrClerk.contract('Property'), 'ProposeTransfer', { ...amendment, parcelNumber: parcel, buyers: [buyer], contractHash: sha(`contract ${parcel}`) });
    const transferId = transfer.transferId ?? (transfer as unknown as { transfer: { transferId: string } }).transfer.transferId;
    await submitJson(op.nrClerk.contract('Property'), 'RecordApproval', { ...amendment, transferId, subjectKey: seller, evidenceHash: sha('seller consent') });
    await rejectsWithKey(submitJson(property, 'CompleteTransfer', { ...amendment, transferId }), 'APPROVAL_MISSING');
    await submitJson(op.nrClerk.contract('Property'), 'RecordApproval', { ...amendment, transferId, subjectKey: buyer, evidenceHash: sha('buyer consent') });
    await rejectsWithKey(submitJson(property, 'CompleteTransfer', { ...amendment, transferId }), 'CONSENT_REQUIRED');
    await submitJson(property, 'RecordLenderConsent', { ...amendment, transferId, encumbranceId: enc.encumbrance.encumbranceId, evidenceHash: sha('lender consent') });
    await submitJson(property, 'CompleteTransfer', { ...amendment, transferId });
    // Read from another department's peer: it commits the block a moment after the submitter's peer.
    const title = await eventually('the new owner on another org\'s peer', async () => {
      const t = await evaluateJson<{ owners: string[] }>(op.mr.contract('Property'), 'GetRecord', ['title', parcel]);
      return t.owners[0] === buyer ? t : undefined;
    });
    assert.deepEqual(title.owners, [buyer]);
    const history = await evaluateJson<{ records: Array<{ txId: string; value: Versioned | null }> }>(op.mr.contract('Property'), 'History', ['title', parcel, '50', '']);
    assert.ok(history.records.length >= 3, `title history has ${history.records.length} versions`);
    for (const v of history.records) assert.ok(v.txId, 'each version names its tx id');
  });

  it('refuses another department registering a title, as caller', async () => {
    await rejectsWithKey(submitJson(op.mr.contract('Property'), 'RegisterTitle', { ...amendment, parcelNumber: randomParcel(), owners: [someKey()], areaSqm: 10, use: 'commercial', documentHash: sha('x') }), 'FORBIDDEN_ORG');
  });

  it('registers a business whose legal representative is an active identity, amends it and lists it', async () => {
    const rep = await registerCitizen(op.psb, randomCitizen());
    const code = randomUscc();
    const business = op.mr.contract('Business');
    await rejectsWithKey(submitJson(business, 'Register', { ...amendment, code, name: 'E2E Trading Co., Ltd.', entityType: 'limited_liability_company', registeredCapital: { amount: '1000000.00', currency: 'CNY' }, legalRepresentative: someKey(), addressFingerprint: sha('addr') }), 'RECORD_NOT_FOUND');
    await submitJson(business, 'Register', { ...amendment, code, name: 'E2E Trading Co., Ltd.', entityType: 'limited_liability_company', registeredCapital: { amount: '1000000.00', currency: 'CNY' }, legalRepresentative: rep.subjectKey, addressFingerprint: sha('addr') });
    await submitJson(business, 'Amend', { ...amendment, reason: 'capital increase', code, changes: { registeredCapital: { amount: '2000000.00', currency: 'CNY' } } });
    const rec = await evaluateJson<{ registeredCapital: { amount: string } } & Versioned>(op.mr.contract('Business'), 'Get', [code]);
    assert.equal(rec.registeredCapital.amount, '2000000.00');
    assert.equal(rec.meta.version, 2);
    assert.equal(rec.meta.reason, 'capital increase');
    assert.ok(rec.meta.previousTxId, 'amendment references the previous version');
    const list = await eventually('the listing on another org\'s peer', async () => {
      const l = await evaluateJson<{ records: Array<{ code: string }> }>(op.nr.contract('Business'), 'ListByLegalRepresentative', [rep.subjectKey, '10', '']);
      return l.records.length > 0 ? l : undefined;
    });
    assert.deepEqual(list.records.map((r) => r.code), [code]);
    await rejectsWithKey(submitJson(business, 'Register', { ...amendment, code: code.slice(0, 17) + (code.endsWith('0') ? '1' : '0'), name: 'Bad', entityType: 'partnership', registeredCapital: { amount: '1.00', currency: 'CNY' }, legalRepresentative: rep.subjectKey, addressFingerprint: sha('a') }), 'INVALID_ARGUMENT');
  });

  it('deposits a work by hash once, refuses a second deposit with the first id, and verifies by hash', async () => {
    const hash = sha(`work ${randomBytes(8).toString('hex')}`);
    const author = someKey();
    const first = await submitJson<{ certificate: { depositId: string; txId: string; contentHash: string; depositorMsp: string } }>(op.co.contract('Copyright'), 'Deposit', { ...amendment, contentHash: hash, title: 'E2E Symphony', authors: [author], workType: 'music', firstPublicationDate: null });
    assert.equal(first.certificate.contentHash, hash);
    assert.equal(first.certificate.depositorMsp, 'CopyrightOfficeMSP');
    try {
      await submitJson(op.co.contract('Copyright'), 'Deposit', { ...amendment, contentHash: hash, title: 'Copy', authors: [author], workType: 'music', firstPublicationDate: null });
      assert.fail('second deposit accepted');
    } catch (err) {
      const text = JSON.stringify((err as { details?: unknown }).details ?? String(err));
      assert.match(text, /DUPLICATE/);
      assert.ok(text.includes(first.certificate.depositId), 'the refusal names the existing deposit id');
    }
    const verified = await eventually('the deposit on another org\'s peer', () =>
      evaluateJson<{ matches: boolean; certificate: { txId: string } }>(op.nr.contract('Copyright'), 'Verify', [hash]));
    assert.equal(verified.matches, true);
    assert.equal(verified.certificate.txId, first.certificate.txId);
    await rejectsWithKey(op.nr.contract('Copyright').evaluate('Verify', { arguments: [sha('never deposited')] }), 'RECORD_NOT_FOUND');
  });
});
