import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_KEYS, BUSINESS_KEYS, COPYRIGHT_KEYS, GOVERNANCE_KEYS, IDENTITY_KEYS, PROPERTY_KEYS } from '@govchain/chaincode';
import { RECORD_TYPES, recordIdentity } from './records';

test('the record table names the chaincode\'s record key types (and no index)', () => {
  const types = Object.keys(RECORD_TYPES).sort();
  assert.deepEqual(types, [
    COPYRIGHT_KEYS.deposit, COPYRIGHT_KEYS.transfer, COPYRIGHT_KEYS.licence, PROPERTY_KEYS.title, PROPERTY_KEYS.transfer, PROPERTY_KEYS.encumbrance,
    BUSINESS_KEYS.business, IDENTITY_KEYS.identity, AUDIT_KEYS.entry, AUDIT_KEYS.importBatch, AUDIT_KEYS.sealingOrder, AUDIT_KEYS.sealingEnd,
    AUDIT_KEYS.sealingExtension, GOVERNANCE_KEYS.dataset, GOVERNANCE_KEYS.grant,
  ].sort());
  assert.deepEqual(recordIdentity('\u0000copyright~deposit\u0000CR-1\u0000'), { family: 'copyright', kind: 'deposit', id: 'CR-1' });
  assert.deepEqual(recordIdentity('\u0000gov.grant\u0000A\u0000ds\u0000p\u0000'), { family: 'governance', kind: 'grant', id: 'A/ds/p' });
  for (const index of ['\u0000copyright~hash\u0000ab\u0000', '\u0000property~owner~title\u0000s\u0000p\u0000', 'audit.time|x', '\u0000copyright~deposit\u0000CR-1']) {
    assert.equal(recordIdentity(index), undefined, JSON.stringify(index));
  }
});
