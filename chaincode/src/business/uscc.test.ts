import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { USCC_ALPHABET, USCC_WEIGHTS, completeUscc, isValidUscc, usccCheckCharacter, usccProblem } from './uscc';
import { usccFromSeed } from '@govchain/testing';

describe('GB 32100-2015 unified social credit code', () => {
  it('accepts published real-world codes', () => {
    for (const code of ['91350100M000100Y43', '9144030071526726XG', '91330100799655058B', '91110000802100433B']) {
      assert.equal(usccProblem(code), undefined, code);
    }
  });

  it('uses the 31-character alphabet without I, O, Z, S, V and weights 3^i mod 31', () => {
    assert.equal(USCC_ALPHABET.length, 31);
    for (const banned of 'IOZSV') assert.ok(!USCC_ALPHABET.includes(banned));
    USCC_WEIGHTS.forEach((w, i) => assert.equal(w, 3 ** i % 31));
  });

  it('refuses every wrong check character', () => {
    const good = '91350100M000100Y43';
    for (const c of USCC_ALPHABET) {
      const candidate = good.slice(0, 17) + c;
      assert.equal(usccProblem(candidate), c === '3' ? undefined : 'CHECK_CHARACTER', candidate);
    }
  });

  it('detects a single changed character in the body', () => {
    assert.equal(usccProblem('91350100M000101Y43'), 'CHECK_CHARACTER');
  });

  it('names length and character problems', () => {
    assert.equal(usccProblem('91350100M000100Y4'), 'LENGTH');
    assert.equal(usccProblem('91350100M000100Y433'), 'LENGTH');
    assert.equal(usccProblem('91350100O000100Y43'), 'CHARACTERS');
    assert.equal(usccProblem('91350100m000100Y43'), 'CHARACTERS');
    assert.equal(usccProblem('9135A100M000100Y43'), 'CHARACTERS', 'division code must be digits');
    assert.equal(usccProblem('91350100M000100Y4S'), 'CHARACTERS');
  });

  it('maps a sum divisible by 31 to check character 0', () => {
    // body of zeros: sum 0, 31 - 0 = 31 -> wraps to value 0
    assert.equal(usccCheckCharacter('00000000000000000'), '0');
  });

  it('generates distinct valid codes from seeds', () => {
    const codes = new Set<string>();
    for (let seed = 0; seed < 500; seed += 7) {
      const code = usccFromSeed(seed);
      assert.ok(isValidUscc(code), code);
      codes.add(code);
    }
    assert.equal(codes.size, Math.ceil(500 / 7));
    assert.equal(completeUscc('91350100M000100Y4'), '91350100M000100Y43');
  });

  it('refuses bad bodies and seeds as programming errors', () => {
    assert.throws(() => usccCheckCharacter('123'), RangeError);
    assert.throws(() => usccFromSeed(-1), RangeError);
  });
});
