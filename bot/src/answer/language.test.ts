import { describe, expect, test } from 'vitest';
import { detectLanguage, languageName } from './language.js';

describe('detectLanguage', () => {
  test.each([
    ['How do I run lint?', 'en'],
    ['lint が失敗するのはなぜ？', 'ja'],
    ['リントを実行する', 'ja'],
    ['如何运行检查', 'zh'],
    ['린트를 실행하는 방법', 'ko'],
    ['', 'en'],
  ])('%s is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('languageName', () => {
  test('names a tag in English and passes a malformed one through', () => {
    expect(languageName('ja')).toBe('Japanese');
    expect(languageName('not a tag!')).toBe('not a tag!');
  });
});
