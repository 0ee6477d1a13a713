import { describe, expect, it } from 'vitest';
import { format, LOCALES, pickLocale } from './i18n.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('zh-CN and en have the same keys, non-empty texts and the same placeholders', () => {
    const en = LOCALES.en, zh = LOCALES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(zh[key].length, key).toBeGreaterThan(0);
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('en', 'error.malformed', { count: 3 })).toBe('3 malformed messages ignored');
    expect(format('zh-CN', 'error.malformed', { count: 3 })).toBe('已忽略 3 条格式错误的消息');
    expect(format('en', 'error.malformed')).toBe('{count} malformed messages ignored');
  });

  it('picks the locale from the query, then the browser, defaulting to zh-CN', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale(null, ['en-GB'])).toBe('en');
    expect(pickLocale(null, ['fr'])).toBe('zh-CN');
    expect(pickLocale('xx', [])).toBe('zh-CN');
  });
});
