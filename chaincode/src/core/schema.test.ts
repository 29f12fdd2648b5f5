import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { amendmentSchema, textSchema, UNSAFE_TEXT_MESSAGE } from './schema';

describe('core: shared text helper', () => {
  const text = textSchema(50);
  const refuses = (s: string) => {
    const r = text.safeParse(s);
    assert.equal(r.success, false, `accepted ${JSON.stringify(s)}`);
    assert.ok(r.error.issues.some((i) => i.message === UNSAFE_TEXT_MESSAGE), JSON.stringify(r.error.issues));
  };

  it('accepts ordinary text in any script, trimmed', () => {
    for (const s of ['Civil Code art. 209', '不动产登记暂行条例 第十四条', 'قانون الملكية', 'Zoë – café', '👩‍👩‍👧 family']) {
      assert.equal(text.parse(` ${s} `), s);
    }
  });

  it('refuses C0 and C1 control characters inside the text', () => {
    for (const c of ['\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009b']) refuses(`a${c}b`);
  });

  it('refuses bidirectional formatting (Trojan Source) and line separators', () => {
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029']) {
      refuses(`reason ${c}txet desrever`);
    }
  });

  it('refuses lone surrogates, which have no UTF-8 encoding', () => {
    refuses('a\ud800b');
    refuses('a\udfffb');
  });

  it('is the helper behind shared input schemas (amendments)', () => {
    assert.equal(amendmentSchema.safeParse({ reason: 'ok', legalAuthority: 'Law \u202eart. 1' }).success, false);
    assert.equal(amendmentSchema.safeParse({ reason: 'ok', legalAuthority: 'Law art. 1' }).success, true);
  });
});
