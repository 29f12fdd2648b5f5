import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { randomCitizen, randomParcel, randomUscc } from '@govchain/testing';
import { businessRef } from '@govchain/chaincode';
import { depositRef } from '@govchain/chaincode';
import { anchorCollectionOf, creationAnchor } from '@govchain/chaincode';
import { datasetRef, grantRef } from '@govchain/chaincode';
import { identityRef } from '@govchain/chaincode';
import { titleRef } from '@govchain/chaincode';
import { entryKey, entryKeys, type AccessEntry } from '@govchain/chaincode';
import { registerCitizen } from '../support/identity';
import { operators } from '../support/operators';
import { eventually } from '../support/network';
import { installRogueCode, keyStub, type RogueDepartments } from '../support/rogue';
import { evaluateJson, rejectsWithKey, submitJson } from '../support/tx';

const VALID = 0;
const ENDORSEMENT_POLICY_FAILURE = 10;
const MSP = { gov: 'GovServiceCenterMSP', ps: 'PublicSecurityMSP', nr: 'NaturalResourcesMSP', mr: 'MarketRegulationMSP', co: 'CopyrightOfficeMSP' };
const because = { reason: 'rogue-pair e2e', legalAuthority: 'Test Regulation art. 1' };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const text = (v: unknown) => JSON.stringify(v);

/**
 * Two departments install and approve modified chaincode for their own peers (the RogueContract writes raw keys),
 * then try to rewrite the audit trail and other departments' records with endorsingOrganizations = the pair.
 * Key-level policies (audit keys: every department; records: registrar + one; catalogue and grants: governance +
 * owner) must invalidate every change at commit, and anchors (collection-level policy: the department's own
 * peer) must invalidate every forgery that honest readers would accept; what the pair can still create without
 * an anchor, honest readers ignore.
 */
describe('a rogue pair of departments running modified chaincode', () => {
  const op = operators({
    psRegistrar: ['PublicSecurity', 'registrar1'], psClerk: ['PublicSecurity', 'clerk1'], govAdmin: ['GovServiceCenter', 'admin1'],
    govAuditor: ['GovServiceCenter', 'auditor1'], psAuditor: ['PublicSecurity', 'auditor1'], nrRegistrar: ['NaturalResources', 'registrar1'],
    mrRegistrar: ['MarketRegulation', 'registrar1'], coRegistrar: ['CopyrightOffice', 'registrar1'], nrClerk: ['NaturalResources', 'clerk1'],
  });
  let rogue: RogueDepartments;
  let subjectKey = '';
  let entry: AccessEntry;
  const dataset = `rogue-${Date.now().toString(36)}`;
  const parcel = randomParcel('ROGUE');
  const code = randomUscc();
  let depositId = '';

  before(async () => {
    // Honest records of every family, written through the honest chaincode.
    subjectKey = (await registerCitizen(op.psRegistrar, randomCitizen())).subjectKey;
    await submitJson(op.govAdmin.contract('Governance'), 'PutDataset', { ...because, dataset, ownerMsp: MSP.ps, fields: ['name'], shareClass: 'conditional', legalBasis: 'x' });
    const access = await eventually('the dataset and identity on the accessor\'s peer', () =>
      submitJson<{ accessId: string }>(op.psClerk.contract('Audit'), 'RequestAccess', { subjectKey, dataset, fields: ['name'], purpose: 'rogue-check', legalBasis: 'x', caseId: 'ROGUE-1' }));
    entry = await eventually('the entry on the governance peer', () => evaluateJson<AccessEntry>(op.govAuditor.contract('Audit'), 'Get', [access.accessId]));
    await eventually('the identity on the registrars\' peers', async () => {
      await submitJson(op.nrRegistrar.contract('Property'), 'RegisterTitle', { ...because, parcelNumber: parcel, owners: [subjectKey], areaSqm: 50, use: 'residential', documentHash: sha(parcel) });
      return true;
    });
    await eventually('the identity on the business registrar\'s peer', async () => {
      await submitJson(op.mrRegistrar.contract('Business'), 'Register', { ...because, code, name: 'Rogue Target Co., Ltd.', entityType: 'limited_liability_company', registeredCapital: { amount: '1000.00', currency: 'CNY' }, legalRepresentative: subjectKey, addressFingerprint: sha('a') });
      return true;
    });
    const deposit = await eventually('the identity on the copyright office\'s peer', () =>
      submitJson<{ certificate: { depositId: string } }>(op.coRegistrar.contract('Copyright'), 'Deposit', { ...because, contentHash: sha(randomBytes(8).toString('hex')), title: 'Rogue Target', authors: [subjectKey], workType: 'music', firstPublicationDate: null }));
    depositId = deposit.certificate.depositId;
    // Every department except PublicSecurity runs the modified chaincode on its own peer.
    rogue = await installRogueCode(['GovServiceCenter', 'NaturalResources', 'MarketRegulation', 'CopyrightOffice']);
  });

  after(async () => {
    await rogue?.restore();
  });

  it('runs the modified code on the rogue departments\' peers only', async () => {
    for (const c of Object.values(rogue.clients)) assert.equal(JSON.parse(Buffer.from(await c.contract('Rogue').evaluate('Ping', { endorsingOrganizations: [c.org.mspId] })).toString()).rogue, true);
    await assert.rejects(op.psClerk.contract('Rogue').evaluate('Ping', { endorsingOrganizations: [MSP.ps] }), 'PublicSecurity runs the honest chaincode');
  });

  it('cannot overwrite or delete an existing audit entry or its indexes (every-department policy): invalid at commit, value unchanged', async () => {
    const doctored = { ...entry, purpose: 'routine-check', caseId: 'NOTHING-TO-SEE' };
    const puts = entryKeys(keyStub, doctored).map((key) => ({ key, value: text(doctored) }));
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { puts }), ENDORSEMENT_POLICY_FAILURE);
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { deletes: [entryKey(keyStub, entry.accessId)] }), ENDORSEMENT_POLICY_FAILURE);
    // Even four departments together cannot: only all five could.
    assert.equal(await rogue.write('NaturalResources', [MSP.gov, MSP.nr, MSP.mr, MSP.co], { puts }), ENDORSEMENT_POLICY_FAILURE);
    assert.deepEqual(await evaluateJson(op.govAuditor.contract('Audit'), 'Get', [entry.accessId]), entry);
  });

  it('cannot forge an audit entry in another org\'s name: with its anchor invalid at commit, without it ignored by every reader', async () => {
    const forged: AccessEntry = { ...entry, accessId: `forged${randomBytes(8).toString('hex')}`, purpose: 'forged-access', caseId: 'FRAME-1' };
    const puts = entryKeys(keyStub, forged).map((key) => ({ key, value: text(forged) }));
    const anchor = { collection: anchorCollectionOf(MSP.ps), key: entryKey(keyStub, forged.accessId), value: text(forged) };
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { puts, privatePuts: [anchor] }), ENDORSEMENT_POLICY_FAILURE);
    // Public keys only: the chaincode-level policy (any two) lets it commit, but no honest reader accepts it.
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { puts }), VALID);
    await eventually('the forged keys on the governance peer', async () => {
      const raw = Buffer.from(await rogue.clients.GovServiceCenter!.contract('Rogue').evaluate('Read', { arguments: [entryKey(keyStub, forged.accessId)], endorsingOrganizations: [MSP.gov] })).toString();
      return raw.includes(forged.accessId) ? true : undefined;
    });
    await rejectsWithKey(op.psAuditor.contract('Audit').evaluate('Get', { arguments: [forged.accessId], endorsingOrganizations: [MSP.ps] }), 'RECORD_NOT_FOUND');
    const log = await evaluateJson<{ records: Array<{ accessId: string }> }>(op.psAuditor.contract('Audit'), 'ListBySubject', [subjectKey, 'auditor', '100', ''], { endorsingOrganizations: [MSP.ps] });
    assert.ok(log.records.some((r) => r.accessId === entry.accessId), 'the genuine entry is listed');
    assert.ok(!log.records.some((r) => r.accessId === forged.accessId), 'the forged entry is not');
    await rejectsWithKey(op.psClerk.contract('Identity').evaluate('ReadPersonalData', { arguments: [forged.accessId], endorsingOrganizations: [MSP.ps] }), 'ACCESS_DENIED');
  });

  it('cannot change another department\'s records (registrar + one policy): identity, title, business, deposit', async () => {
    const attacks: Array<[string, string[], string, () => Promise<unknown>]> = [
      ['MarketRegulation', [MSP.mr, MSP.co], identityRef(keyStub, subjectKey).key, () => evaluateJson(op.psClerk.contract('Identity'), 'Get', [subjectKey], { endorsingOrganizations: [MSP.ps] })],
      ['MarketRegulation', [MSP.mr, MSP.co], titleRef(keyStub, parcel).key, () => evaluateJson(op.psClerk.contract('Property'), 'GetRecord', ['title', parcel], { endorsingOrganizations: [MSP.ps] })],
      ['NaturalResources', [MSP.nr, MSP.co], businessRef(keyStub, code).key, () => evaluateJson(op.psClerk.contract('Business'), 'Get', [code], { endorsingOrganizations: [MSP.ps] })],
      ['NaturalResources', [MSP.nr, MSP.mr], depositRef(keyStub, depositId).key, () => evaluateJson(op.psClerk.contract('Copyright'), 'GetRecord', ['deposit', depositId], { endorsingOrganizations: [MSP.ps] })],
    ];
    for (const [via, pair, key, read] of attacks) {
      const before = await eventually(`${key} on the PublicSecurity peer`, read);
      assert.equal(await rogue.write(via, pair, { puts: [{ key, value: text({ ...(before as object), status: 'revoked', owners: [], forged: true }) }] }), ENDORSEMENT_POLICY_FAILURE, key);
      assert.equal(await rogue.write(via, pair, { deletes: [key] }), ENDORSEMENT_POLICY_FAILURE, key);
      assert.deepEqual(await read(), before, `${key} unchanged`);
    }
  });

  it('cannot create a record in another department\'s family: with the registrar\'s anchor invalid at commit, without it ignored', async () => {
    const fake = randomBytes(32).toString('hex');
    const key = identityRef(keyStub, fake).key;
    const record = { subjectKey: fake, status: 'active', issuerMsp: MSP.ps, fingerprints: {}, stagedTxId: 'x', meta: { version: 1 } };
    const anchor = { collection: anchorCollectionOf(MSP.ps), key, value: Buffer.from(creationAnchor(key)).toString('utf8') };
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { puts: [{ key, value: text(record) }], privatePuts: [anchor] }), ENDORSEMENT_POLICY_FAILURE);
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { puts: [{ key, value: text(record) }] }), VALID);
    await new Promise((r) => setTimeout(r, 1500));
    await rejectsWithKey(op.psClerk.contract('Identity').evaluate('Get', { arguments: [fake], endorsingOrganizations: [MSP.ps] }), 'RECORD_NOT_FOUND');
    // Nor can honest code be fooled into relying on it: a business needs an active (genuine) legal representative.
    await rejectsWithKey(submitJson(op.mrRegistrar.contract('Business'), 'Register', { ...because, code: randomUscc(), name: 'Fake Rep Co., Ltd.', entityType: 'limited_liability_company', registeredCapital: { amount: '1.00', currency: 'CNY' }, legalRepresentative: fake, addressFingerprint: sha('b') }), 'RECORD_NOT_FOUND');
    const title = titleRef(keyStub, randomParcel('FAKE')).key;
    assert.equal(await rogue.write('MarketRegulation', [MSP.mr, MSP.co], { puts: [{ key: title, value: text({ parcelNumber: 'x', owners: [fake] }) }], privatePuts: [{ collection: anchorCollectionOf(MSP.nr), key: title, value: Buffer.from(creationAnchor(title)).toString('utf8') }] }), ENDORSEMENT_POLICY_FAILURE);
  });

  it('cannot change a catalogue entry or approve a grant without the dataset owner (governance + owner policy, owner\'s approval anchor)', async () => {
    const key = datasetRef(keyStub, dataset).key;
    const current = await evaluateJson<Record<string, unknown>>(op.psClerk.contract('Governance'), 'GetDataset', [dataset], { endorsingOrganizations: [MSP.ps] });
    // The governance org itself, with one other department but without the owner, cannot change owner or share class.
    assert.equal(await rogue.write('GovServiceCenter', [MSP.gov, MSP.mr], { puts: [{ key, value: text({ ...current, ownerMsp: MSP.gov, shareClass: 'open' }) }] }), ENDORSEMENT_POLICY_FAILURE);
    assert.deepEqual(await evaluateJson(op.psClerk.contract('Governance'), 'GetDataset', [dataset], { endorsingOrganizations: [MSP.ps] }), current);
    // A grant "approved" by the pair: with the owner's approval anchor invalid at commit; without it, no access.
    const ref = { requesterMsp: MSP.nr, dataset, purpose: 'rogue-grant' };
    const gKey = grantRef(keyStub, ref).key;
    const grant = { ...ref, grantId: `${MSP.nr}/${dataset}/rogue-grant`, ownerMsp: MSP.ps, expiresAt: '2099-01-01T00:00:00.000Z', legalBasis: 'x', status: 'approved', approvedByOwner: 'admin1@PublicSecurityMSP', approvedTxId: 'tx1', meta: { version: 2 } };
    assert.equal(await rogue.write('GovServiceCenter', [MSP.gov, MSP.nr], { puts: [{ key: gKey, value: text(grant) }], privatePuts: [{ collection: anchorCollectionOf(MSP.ps), key: gKey, value: 'approved' }] }), ENDORSEMENT_POLICY_FAILURE);
    assert.equal(await rogue.write('GovServiceCenter', [MSP.gov, MSP.nr], { puts: [{ key: gKey, value: text(grant) }] }), VALID);
    await new Promise((r) => setTimeout(r, 1500));
    // The honest check on the owner's (PublicSecurity's) peer: GRANT_REQUIRED, status 'unapproved'.
    const proposal = op.nrClerk.contract('Audit').newProposal('RequestAccess', { arguments: [`rogue-${randomInt(1e9)}`, JSON.stringify({ subjectKey, dataset, fields: ['name'], purpose: 'rogue-grant', legalBasis: 'x', caseId: 'ROGUE-2' })], endorsingOrganizations: [MSP.ps] });
    await rejectsWithKey(proposal.endorse(), 'GRANT_REQUIRED');
  });
});
