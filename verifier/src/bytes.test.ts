import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBase64, toBase64, toHex } from './bytes';
import { canonicalJson } from './format';

test('base64 round-trips and refuses non-canonical text (one meaning per text)', () => {
  for (const n of [0, 1, 2, 3, 100, 70000]) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
    assert.deepEqual(fromBase64(toBase64(b)), b);
  }
  assert.equal(toHex(fromBase64('AAEC/w==')), '000102ff');
  for (const bad of ['AAE', 'AA==AA==', 'AAEC/x==', 'AA E=', 'AAEC_w==']) assert.throws(() => fromBase64(bad), bad);
});

test('canonical JSON sorts keys at every level and keeps arrays in order', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
});
