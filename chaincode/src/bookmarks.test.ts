import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Contract } from 'fabric-contract-api';
import { contracts } from './index';
import { PropertyContract } from './property/property-contract';
import { MSP, WHO, bootstrap, useTestSecret } from '../testing/gov-fixture';
import { rejectsWithKey } from '../testing/assertions';
import { isSubmit, transactionsOf } from '../testing/contract-metadata';
import { TestChannel } from '../testing/test-channel';

const property = new PropertyContract();
const because = { reason: 'test', legalAuthority: 'Test Act art. 1' };
const hex = (c: string) => c.repeat(64);

/** Arguments of every paginated list query (History pages one key's own history by offset and is checked there). */
const LIST_ARGS: Record<string, (bookmark: string) => string[]> = {
  'Audit:ListBySubject': (b) => [hex('a'), 'auditor', '10', b],
  'Audit:ListByAccessor': (b) => [MSP.ps, 'clerk1', '10', b],
  'Audit:ListByOrg': (b) => [MSP.ps, '10', b],
  'Audit:ListByTime': (b) => ['2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '10', b],
  'Audit:Search': (b) => [JSON.stringify({ subject: hex('a'), from: '2025-01-01T00:00:00.000Z' }), '10', b],
  'Business:ListByLegalRepresentative': (b) => [hex('a'), '10', b],
  'Copyright:ListTransfers': (b) => ['DEP-1', '10', b],
  'Copyright:ListLicences': (b) => ['DEP-1', '10', b],
  'Copyright:ListByPerson': (b) => [hex('a'), '10', b],
  'Governance:ListDatasets': (b) => ['10', b],
  'Governance:ListGrants': (b) => [MSP.nr, '10', b],
  'Property:ListTitlesByOwner': (b) => [hex('a'), '10', b],
  'Property:ListTransfers': (b) => ['PARCEL-1', '10', b],
  'Property:ListEncumbrances': (b) => ['PARCEL-1', '10', b],
};

const instances = (contracts as unknown as Array<new () => Contract>).map((C) => new C());

describe('every paginated query refuses a bookmark it did not issue', () => {
  it('knows every list query of every family', () => {
    const lists = instances.flatMap((c) => transactionsOf(c)
      .filter((t) => !isSubmit(t) && t.name !== 'History' && t.parameters.some((p) => p.name === 'bookmark'))
      .map((t) => `${c.getName()}:${t.name}`));
    assert.deepEqual(lists.sort(), Object.keys(LIST_ARGS).sort());
  });

  it('answers INVALID_ARGUMENT (never a 5xx, never another range) for keys of other ranges and made-up text', async () => {
    useTestSecret();
    const ch = new TestChannel();
    await bootstrap(ch);
    const forged = [
      '\u0000audit.subject\u0000' + hex('0') + '\u0000', '\u0000property~owner~title\u0000' + hex('0') + '\u0000', '\u0000gov.grant\u0000',
      '\u0000zzz\u0000', 'audit.time|2020', '!', 'b1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ];
    for (const [name, args] of Object.entries(LIST_ARGS)) {
      const [contractName, fn] = name.split(':') as [string, string];
      const contract = instances.find((c) => c.getName() === contractName) as Contract;
      for (const bookmark of forged) {
        await rejectsWithKey(ch.evaluate(contract, fn, args(bookmark), { as: WHO.govAuditor }), 'INVALID_ARGUMENT');
      }
    }
  });

  it('refuses the /me/properties attack: another owner\'s index key as the bookmark of my titles', async () => {
    useTestSecret();
    const ch = new TestChannel();
    await bootstrap(ch);
    const registrar = { mspId: MSP.nr, role: 'registrar', operatorId: 'nr-registrar1' };
    for (const [parcel, owner] of [['PARCEL-A1', hex('b')], ['PARCEL-A2', hex('b')], ['PARCEL-C1', hex('c')]] as const) {
      await ch.submit(property, 'RegisterTitle', [`t-${parcel}`, JSON.stringify({ ...because, parcelNumber: parcel, owners: [owner], areaSqm: 10, use: 'residential', documentHash: hex('d') })], { as: registrar });
    }
    const theirs = [...ch.ledger.state.keys()].find((k) => k.startsWith(`\u0000property~owner~title\u0000${hex('b')}`)) as string;
    await rejectsWithKey(ch.evaluate(property, 'ListTitlesByOwner', [hex('c'), '10', theirs], { as: WHO.govAuditor }), 'INVALID_ARGUMENT');
    const mine = await ch.evaluateJson<{ records: Array<{ parcelNumber: string }> }>(property, 'ListTitlesByOwner', [hex('c'), '10', ''], { as: WHO.govAuditor });
    assert.deepEqual(mine.records.map((r) => r.parcelNumber), ['PARCEL-C1']);
    const p1 = await ch.evaluateJson<{ records: Array<{ parcelNumber: string }>; bookmark: string }>(property, 'ListTitlesByOwner', [hex('b'), '1', ''], { as: WHO.govAuditor });
    const p2 = await ch.evaluateJson<{ records: Array<{ parcelNumber: string }>; bookmark: string }>(property, 'ListTitlesByOwner', [hex('b'), '1', p1.bookmark], { as: WHO.govAuditor });
    assert.deepEqual([...p1.records, ...p2.records].map((r) => r.parcelNumber), ['PARCEL-A1', 'PARCEL-A2']);
  });
});
