import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withReceiptLinks } from './receipt-links';

const tx = 'c'.repeat(64);
const tx2 = 'd'.repeat(64);

test('adds the receipt link to records, pages and nested records; leaves other bodies alone', () => {
  assert.deepEqual(withReceiptLinks({ id: 1, meta: { updatedTxId: tx } }), { id: 1, meta: { updatedTxId: tx }, receipt: `/api/v1/receipts/${tx}` });
  const page = withReceiptLinks({ records: [{ meta: { updatedTxId: tx } }, { accessId: tx2, accessorMsp: 'AMSP' }, { accessId: tx2, accessorMsp: 'AMSP', importBatchId: 'b1' }], bookmark: '' });
  assert.deepEqual(page.records.map((r) => (r as { receipt?: string }).receipt), [`/api/v1/receipts/${tx}`, `/api/v1/receipts/${tx2}`, undefined]);
  const nested = withReceiptLinks({ transfer: { meta: { updatedTxId: tx } }, title: { meta: { updatedTxId: tx2 } } });
  assert.equal((nested.title as { receipt?: string }).receipt, `/api/v1/receipts/${tx2}`);
  const history = withReceiptLinks({ records: [{ txId: tx, timestamp: 't', value: { meta: { updatedTxId: tx } } }, { txId: tx2, value: null }] });
  assert.deepEqual(history.records.map((r) => (r as { receipt?: string }).receipt), [`/api/v1/receipts/${tx}`, `/api/v1/receipts/${tx2}`]);
  assert.deepEqual(withReceiptLinks({ match: true }), { match: true });
  assert.deepEqual(withReceiptLinks({ meta: { updatedTxId: 'not-a-tx' } }), { meta: { updatedTxId: 'not-a-tx' } });
  assert.equal(withReceiptLinks(null), null);
});
