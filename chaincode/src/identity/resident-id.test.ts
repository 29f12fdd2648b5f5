import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birthDateOf, residentIdCheckChar, residentIdProblem } from './resident-id';
import { personalDataSchema } from './schema';

describe('GB 11643-1999 resident ID number', () => {
  it('computes the ISO 7064 MOD 11-2 check character (published sample 11010519491231002X)', () => {
    assert.equal(residentIdCheckChar('11010519491231002'), 'X');
    assert.equal(residentIdProblem('11010519491231002X'), undefined);
    assert.equal(birthDateOf('11010519491231002X'), '1949-12-31');
  });
  it('rejects a wrong check character, a bad date, a bad shape', () => {
    assert.match(residentIdProblem('110105194912310021') ?? '', /check character/);
    assert.match(residentIdProblem('110105194902300021') ?? '', /calendar date/);
    assert.match(residentIdProblem('11010519491231002') ?? '', /18 characters/);
    assert.match(residentIdProblem('01010519491231002X') ?? '', /18 characters/);
  });
  it('requires birthDate to match the number and accepts lower-case x', () => {
    const ok = personalDataSchema.safeParse({ idNumber: '11010519491231002x', name: ' A ', birthDate: '1949-12-31', address: 'x' });
    assert.ok(ok.success);
    assert.equal(ok.data.idNumber, '11010519491231002X');
    assert.equal(ok.data.name, 'A');
    assert.equal(personalDataSchema.safeParse({ idNumber: '11010519491231002X', name: 'A', birthDate: '1949-12-30', address: 'x' }).success, false);
  });
});
