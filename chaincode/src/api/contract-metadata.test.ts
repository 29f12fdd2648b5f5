import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { JSONSerializer } from 'fabric-contract-api';
import { canonicalStringify } from '../core/canonical-json';
import { contracts } from '../index';

/** The committed snapshot lives beside the sources (tests run from dist-test/src/api). */
const SNAPSHOT = resolve(__dirname, '../../../src/api/contract-metadata.snapshot.json');

/** fabric-shim's own metadata builder (the one the chaincode server runs); it ships without typings. */
const ChaincodeFromContract = createRequire(__filename)('fabric-shim/lib/contract-spi/chaincodefromcontract') as
  new (classes: unknown[], serializers: unknown, metadata: object, title: string, version: string) => { metadata: unknown };

function currentMetadata(): string {
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  const built = new ChaincodeFromContract([...contracts], serializers, {}, 'govchain', '0.1.0').metadata;
  // Sorted keys, pretty-printed, so review diffs show exactly which transaction changed.
  return `${JSON.stringify(JSON.parse(canonicalStringify(built)), null, 2)}\n`;
}

describe('contract metadata snapshot', () => {
  it('matches the committed snapshot (UPDATE_SNAPSHOTS=1 rewrites it)', () => {
    const current = currentMetadata();
    if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(SNAPSHOT, current);
    assert.ok(existsSync(SNAPSHOT), `missing ${SNAPSHOT}: run the tests once with UPDATE_SNAPSHOTS=1`);
    assert.equal(current, readFileSync(SNAPSHOT, 'utf8'), 'contract API changed: review, then rerun with UPDATE_SNAPSHOTS=1');
  });
});
