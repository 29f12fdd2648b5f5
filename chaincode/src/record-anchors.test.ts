import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AuditContract } from './audit/audit-contract';
import { BusinessContract } from './business/business-contract';
import { usccFromSeed } from '@govchain/testing';
import { PropertyContract } from './property/property-contract';
import { MSP, WHO, bootstrap, catalogueIdentity, citizen, governance, identity, registerCitizen, useTestSecret } from '../testing';
import { rejectsWithKey } from '../testing/assertions';
import { TestChannel } from '../testing/test-channel';

const property = new PropertyContract();
const business = new BusinessContract();
const audit = new AuditContract();
const because = { reason: 'test', legalAuthority: 'Test Act art. 1' };
const hex = (c: string) => c.repeat(64);

/**
 * The first write of a key is covered only by the chaincode-level policy (any two departments), so the harness
 * plays two departments with modified chaincode by writing keys straight into the ledger, without the anchor the
 * registrar's peer would have had to endorse. Honest reads must not accept such a record.
 */
describe('records are accepted only with their registrar\'s creation anchor', () => {
  let ch: TestChannel;
  let subjectKey: string;
  const copy = (fromKey: string, toKey: string, patch: Record<string, unknown> = {}) => {
    const value = JSON.parse(Buffer.from(ch.ledger.state.get(fromKey) as Uint8Array).toString()) as Record<string, unknown>;
    ch.ledger.state.set(toKey, Buffer.from(JSON.stringify({ ...value, ...patch })));
  };
  const keyOf = (fragment: string) => [...ch.ledger.state.keys()].find((k) => k.includes(fragment)) as string;

  beforeEach(async () => {
    useTestSecret();
    ch = new TestChannel();
    await bootstrap(ch);
    await catalogueIdentity(ch);
    subjectKey = await registerCitizen(ch, citizen('901', 'Anchored Subject'));
  });

  it('anchors each creation in the registrar\'s anchors collection', async () => {
    const sim = await ch.simulate(property, 'RegisterTitle', ['t1', JSON.stringify({ ...because, parcelNumber: 'PARCEL-1', owners: [subjectKey], areaSqm: 1, use: 'residential', documentHash: hex('d') })], { as: WHO.nrRegistrar });
    assert.deepEqual([...sim.writeSet.private.keys()], [`${MSP.nr}Anchors`]);
    assert.ok(ch.ledger.privateHash(`${MSP.ps}Anchors`, keyOf(`identity\u0000${subjectKey}`)).length > 0, 'the identity registrar anchored the registration');
  });

  it('ignores an identity created without the registrar: Get, access, a business\'s legal representative', async () => {
    const fake = hex('f');
    copy(keyOf(`identity\u0000${subjectKey}`), `\u0000identity\u0000${fake}\u0000`, { subjectKey: fake });
    await rejectsWithKey(ch.evaluate(identity, 'Get', [fake], { as: WHO.nrClerk }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.evaluate(identity, 'History', [fake, '10', ''], { as: WHO.nrClerk }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', JSON.stringify({ subjectKey: fake, dataset: 'resident-identity', fields: ['name'], purpose: 'p', legalBasis: 'L', caseId: 'C' })], { as: WHO.psClerk }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(business, 'Register', ['b1', JSON.stringify({ ...because, code: usccFromSeed(7), name: 'Fake Rep Co., Ltd.', entityType: 'limited_liability_company', registeredCapital: { amount: '1.00', currency: 'CNY' }, legalRepresentative: fake, addressFingerprint: hex('a') })], { as: { mspId: MSP.mr, role: 'registrar', operatorId: 'mr-registrar1' } }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(identity, 'Suspend', ['s1', JSON.stringify({ ...because, subjectKey: fake })], { as: WHO.psRegistrar }), 'RECORD_NOT_FOUND');
  });

  it('ignores a title created without the land registrar, also in the owner\'s list', async () => {
    await ch.submit(property, 'RegisterTitle', ['t1', JSON.stringify({ ...because, parcelNumber: 'PARCEL-1', owners: [subjectKey], areaSqm: 1, use: 'residential', documentHash: hex('d') })], { as: WHO.nrRegistrar });
    copy(keyOf('property~title\u0000PARCEL-1'), '\u0000property~title\u0000PARCEL-2\u0000', { parcelNumber: 'PARCEL-2' });
    copy(keyOf('property~owner~title'), `\u0000property~owner~title\u0000${subjectKey}\u0000PARCEL-2\u0000`, { id: 'PARCEL-2' });
    await rejectsWithKey(ch.evaluate(property, 'GetRecord', ['title', 'PARCEL-2'], { as: WHO.nrClerk }), 'RECORD_NOT_FOUND');
    const list = await ch.evaluateJson<{ records: Array<{ parcelNumber: string }> }>(property, 'ListTitlesByOwner', [subjectKey, '10', ''], { as: WHO.nrClerk });
    assert.deepEqual(list.records.map((r) => r.parcelNumber), ['PARCEL-1']);
  });

  it('ignores a catalogue entry created without the governance org', async () => {
    copy(keyOf('gov.dataset\u0000resident-identity'), '\u0000gov.dataset\u0000forged-set\u0000', { dataset: 'forged-set' });
    await rejectsWithKey(ch.evaluate(governance, 'GetDataset', ['forged-set'], { as: WHO.nrClerk }), 'RECORD_NOT_FOUND');
    await rejectsWithKey(ch.submit(audit, 'RequestAccess', ['a1', JSON.stringify({ subjectKey, dataset: 'forged-set', fields: ['name'], purpose: 'p', legalBasis: 'L', caseId: 'C' })], { as: WHO.psClerk }), 'RECORD_NOT_FOUND');
  });
});
