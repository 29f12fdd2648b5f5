import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GovChainError } from '../core/errors';
import { parseChaincodeError } from './errors';

const payload = (o: Record<string, unknown>) => JSON.stringify(o);

describe('parseChaincodeError: the one reader of the chaincode error wire format', () => {
  it('reads the payload a GovChainError carries, with peer text before and after it', () => {
    const e = new GovChainError('DUPLICATE', 'exists', { id: 'x', nested: { a: [1, { b: '}' }] } });
    for (const text of [e.message, `error in simulation: ${e.message}`, `chaincode response 500, ${e.message} (peer0: 7051)`, `${e.message}}}`]) {
      assert.deepEqual(parseChaincodeError(text), { key: 'DUPLICATE', code: 409, message: 'exists', details: { id: 'x', nested: { a: [1, { b: '}' }] } } }, text);
    }
  });

  it('never matches prose, broken JSON or a payload without a declared chaincode key and a message', () => {
    for (const text of [
      'no json here', 'record not found {broken', '{"message":"no key"}', payload({ key: 'SOMETHING_NEW', message: 'x' }),
      payload({ key: 'ROUTE_NOT_FOUND', message: 'a gateway key' }), payload({ key: 'DUPLICATE' }), payload({ key: 'DUPLICATE', message: 7 }), '[]', '{}',
    ]) {
      assert.equal(parseChaincodeError(text), undefined, text);
    }
  });

  it('takes the status from the table, not from the payload, and defaults details to an object', () => {
    assert.deepEqual(parseChaincodeError(payload({ code: 200, key: 'RECORD_NOT_FOUND', message: 'gone' })), { key: 'RECORD_NOT_FOUND', code: 404, message: 'gone', details: {} });
    assert.deepEqual(parseChaincodeError(payload({ key: 'ERASED', message: 'x', details: ['not', 'an', 'object'] }))?.details, {});
  });
});
