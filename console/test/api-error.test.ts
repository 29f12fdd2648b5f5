import { describe, expect, it } from 'vitest';
import { apiErrorFromBody } from '../src/api/api-error';

describe('apiErrorFromBody: the console shows only keys of the closed tables', () => {
  it('keeps a key of the API table with its message, details and txId', () => {
    const e = apiErrorFromBody(403, { error: { key: 'FORBIDDEN_ORG', message: 'this gateway serves PublicSecurity', details: { org: 'X' }, txId: 'ab' } });
    expect([e.status, e.key, e.message, e.txId]).toEqual([403, 'FORBIDDEN_ORG', 'this gateway serves PublicSecurity', 'ab']);
    expect(e.details).toEqual({ org: 'X' });
  });
  it('turns a key outside the table into UNEXPECTED_RESPONSE and keeps the key it sent in details.key', () => {
    const e = apiErrorFromBody(400, { error: { key: 'SOMETHING_NEW', message: 'boom', details: { a: 1 } } });
    expect(e.key).toBe('UNEXPECTED_RESPONSE');
    expect(e.details).toEqual({ key: 'SOMETHING_NEW', details: { a: 1 } });
  });
  it('a body without a key is INTERNAL for 5xx and INVALID_ARGUMENT otherwise', () => {
    expect(apiErrorFromBody(502, '<html>', 'Bad Gateway').key).toBe('INTERNAL');
    expect(apiErrorFromBody(404, undefined, 'Not Found').key).toBe('INVALID_ARGUMENT');
    expect(apiErrorFromBody(400, { error: { key: 42 } }).key).toBe('INVALID_ARGUMENT');
  });
});
