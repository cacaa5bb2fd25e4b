import { describe, expect, test } from 'vitest';
import { pickLocale, STRINGS, t } from './strings.js';

describe('STRINGS', () => {
  test('every language has every string, and no empty one', () => {
    const keys = Object.keys(STRINGS.en).sort();
    for (const [locale, table] of Object.entries(STRINGS)) {
      expect(Object.keys(table).sort(), locale).toEqual(keys);
      for (const [key, value] of Object.entries(table)) expect(value.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  test('translations keep the placeholders of the English string', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of Object.entries(STRINGS.en)) {
      expect(placeholders(STRINGS.ja[key as keyof typeof STRINGS.ja]), key).toEqual(placeholders(value));
    }
  });
});

describe(pickLocale, () => {
  test.each([
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['JA', 'ja'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['', 'en'],
    [null, 'en'],
    [undefined, 'en'],
    ['constructor', 'en'],
    ['__proto__', 'en'],
  ])('%j picks %s', (tag, locale) => {
    expect(pickLocale(tag)).toBe(locale);
  });
});

describe(t, () => {
  test('fills placeholders', () => {
    expect(t('en', 'rateLimited', { seconds: 30 })).toBe('Too many questions at once. You can ask again in 30 s.');
    expect(t('ja', 'contact', { contact: 'docs@example.org' })).toBe('docs@example.org にお問い合わせください。');
  });

  test('leaves a placeholder without data visible rather than inventing a value', () => {
    expect(t('en', 'rateLimited')).toContain('{seconds}');
  });

  test('inserts data literally, even when it looks like a placeholder or markup', () => {
    expect(t('en', 'contact', { contact: '<b>{seconds}</b>' })).toBe('Ask <b>{seconds}</b>.');
  });
});
