import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';
import { initialLanguage } from '../src/i18n';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`))).sort();

describe('languages', () => {
  it('zh-CN and en have the same keys, and no string is empty', () => {
    expect(keys(zhCN)).toEqual(keys(en));
    const empty = (o: object): boolean => Object.values(o).some((v) => (typeof v === 'string' ? v.trim() === '' : empty(v as object)));
    expect(empty(zhCN) || empty(en)).toBe(false);
  });
  it('zh-CN is the default; ?lang= and the tab\'s choice override it', () => {
    expect(initialLanguage('', window.sessionStorage)).toBe('zh-CN');
    expect(initialLanguage('?lang=en', window.sessionStorage)).toBe('en');
    expect(initialLanguage('?lang=fr', window.sessionStorage)).toBe('zh-CN');
    window.sessionStorage.setItem('govchain.console.lang', 'en');
    expect(initialLanguage('', window.sessionStorage)).toBe('en');
  });
});
