import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../src/lib/csv';
import { parseIdNumbers, parseSubjectKeys } from '../src/lib/id-numbers';
import { isSha256Hex, sha256Hex, sha256OfFile } from '../src/lib/sha256';
import { shortKey, txIdOfAccess } from '../src/lib/format';
import { withQuery } from '../src/api/client';

describe('SHA-256 with Web Crypto', () => {
  it('matches the FIPS 180-2 test vector and hashes files by their bytes', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256OfFile(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256OfFile(new Blob(['abd']))).not.toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(isSha256Hex('A'.repeat(64))).toBe(false);
  });
});

describe('CSV export', () => {
  it('quotes separators and quotes, and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell(['name', 'address'])).toBe('name;address');
    expect(csvCell(undefined)).toBe('');
    const csv = toCsv([{ a: '公安局', b: 'x\ny' }], [{ header: '部门', value: (r) => r.a }, { header: 'b', value: (r) => r.b }]);
    expect(csv).toBe('\uFEFF部门,b\r\n公安局,"x\ny"\r\n');
  });
});

describe('leaked-record input', () => {
  it('reads ID numbers one per line or from the first CSV column, skipping headers and bad lines', () => {
    const r = parseIdNumbers('\uFEFF身份证号,姓名\n11010519900307123x,张三\n110105199003071234\n\nnot-an-id\n11010519900307123X\n');
    expect(r.ids).toEqual(['11010519900307123X', '110105199003071234']);
    expect(r.bad).toBe(1);
  });
  it('reads subject keys separated by lines, spaces or commas', () => {
    const k = 'ab'.repeat(32);
    expect(parseSubjectKeys(`${k}\n${k.toUpperCase()}, zz\n`)).toEqual({ keys: [k], bad: 1 });
  });
});

describe('formatting and queries', () => {
  it('shortens keys, finds the tx of an imported entry, and drops empty query values', () => {
    expect(shortKey('0123456789abcdef0123')).toBe('01234567…0123');
    expect(txIdOfAccess(`${'f'.repeat(64)}n12`)).toBe('f'.repeat(64));
    expect(txIdOfAccess('f'.repeat(64))).toBe('f'.repeat(64));
    expect(withQuery('/audit/search', { subject: 'a', org: '', pageSize: 20, bookmark: undefined })).toBe('/audit/search?subject=a&pageSize=20');
  });
});
