import { expect, test } from 'vitest';
import { baseLanguage } from './language-tag.js';

test('a language tag is compared by its primary subtag, in lower case', () => {
  expect(['ja-JP', 'ja', 'JA', 'ja-Hira-JP'].map(baseLanguage)).toEqual(['ja', 'ja', 'ja', 'ja']);
  expect(baseLanguage('en-US')).toBe('en');
});
