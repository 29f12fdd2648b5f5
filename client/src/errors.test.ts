import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFromBody, GovChainError } from './errors';

test('a key of the API table passes through with its status, details and transaction id', () => {
  const e = errorFromBody(404, { error: { code: 404, key: 'RECORD_NOT_FOUND', message: 'no such title', details: { id: 'T1' }, txId: 'abc' } });
  assert.ok(e instanceof GovChainError);
  assert.deepEqual([e.status, e.key, e.message, e.details, e.txId], [404, 'RECORD_NOT_FOUND', 'no such title', { id: 'T1' }, 'abc']);
});

test('a key outside the table is UNEXPECTED_RESPONSE, naming the key sent; a body without a key too', () => {
  const e = errorFromBody(418, { error: { key: 'TEAPOT_BREWING', message: 'short and stout', details: { spout: 1 } } });
  assert.equal(e.key, 'UNEXPECTED_RESPONSE');
  assert.deepEqual(e.details, { key: 'TEAPOT_BREWING', details: { spout: 1 } });
  assert.equal(errorFromBody(502, '<html>bad gateway</html>').key, 'UNEXPECTED_RESPONSE');
});
