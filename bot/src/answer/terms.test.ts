import { describe, expect, test } from 'vitest';
import { questionTerms, termsIn, wordCount } from './terms.js';

describe('wordCount', () => {
  test('counts Japanese by characters, about three to an English word, so one budget bounds both', () => {
    expect(wordCount('Run the linter')).toBe(3);
    expect(wordCount('リンターを実行します')).toBe(4);
    expect(wordCount('`npx atomkit lint` を実行します')).toBe(5);
  });
});

describe('questionTerms', () => {
  test('drops stop words and keeps content words', () => {
    expect(questionTerms('How do I run the linter?')).toEqual(['run', 'linter']);
  });

  test("keeps a command's one-letter flag, and no other one-letter word", () => {
    expect(questionTerms('what does the -p flag do in autocannon')).toEqual(['flag', 'autocannon', 'p']);
    expect(questionTerms('pnpm add -D typescript')).toEqual(['pnpm', 'add', 'typescript', 'd']);
    expect(questionTerms('a well-known x-ray at -5 degrees')).not.toContain('x');
  });

  test("drops what is left of a contraction split at its apostrophe: `don't` names nothing", () => {
    expect(questionTerms("is there a threshold for 'I don't know', and why won't it say so?")).toEqual(['threshold', 'know', 'sai']);
  });

  test('stems English words so other forms of a word match', () => {
    expect(questionTerms('How do I run the linters locally?')).toEqual(['run', 'linter', 'local']);
  });

  test('drops the words that put the question, not what it is about: "when should I use X" is about X', () => {
    expect(questionTerms('when should I use shamefully-hoist')).not.toEqual(expect.arrayContaining(['should']));
    expect(questionTerms('could the widget be used offline?')).toEqual(['widget', 'offlin']);
  });

  test('drops hedges, which stemmed would name other words ("generally" is not "generate")', () => {
    expect(questionTerms('generally how do I completely reset the port')).toEqual(questionTerms('how do I reset the port'));
  });

  test('reads a hyphenated word also as the camelCase key a reference page names, but not a rule code', () => {
    expect(questionTerms('when should I use shamefully-hoist')).toEqual(['shame', 'hoist', 'shamefullyhoist']);
    expect(termsIn('#### shamefullyHoist', questionTerms('shamefully-hoist'))).toContain('shamefullyhoist');
    expect(questionTerms('size/too-long warning')).toEqual(['size', 'too', 'long', 'warn']);
  });

  test('drops Japanese question words: "アトムって何？" is about アトム', () => {
    expect(questionTerms('アトムって何？')).toEqual(['アトム']);
  });

  test('segments Japanese', () => {
    expect(questionTerms('リントを実行する')).toContain('リント');
  });
});

describe('termsIn', () => {
  test('finds a word set in underscore emphasis, and keeps the underscores inside an identifier', () => {
    expect(termsIn('"_Catalogs_" are a workspace feature.', questionTerms('what is a catalog'))).toEqual(['catalog']);
    expect(termsIn('The service answers ATOMKIT_ERR_RATE_LIMITED.', questionTerms('ATOMKIT_ERR_RATE_LIMITED'))).toEqual(['atomkit_err_rate_limit']);
  });

  test("reads a link's text, not where it points", () => {
    const entry = '[Advanced globbing](/interface-input/picomatch-globbing-features/#advanced-globbing "Picomatch") (brace matching)';
    expect(termsIn(entry, questionTerms('picomatch match dotfiles'))).toEqual(['match']);
    expect(termsIn('See [the picomatch options](https://github.com/micromatch/picomatch#options).', questionTerms('picomatch options'))).toEqual(['picomatch', 'option']);
  });
});
