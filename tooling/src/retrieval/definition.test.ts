import { describe, expect, test } from 'vitest';
import { definedTerms, definesAll, definesInEntry } from './definition.js';
import { tokenize } from './tokenize.js';

describe('definedTerms', () => {
  test.each([
    ['what is an atom?', ['atom']],
    ["what's a catalog in pnpm", ['catalog']],
    ['What are catalogs?', ['catalog']],
    ['what does minScore mean', ['minscor']],
    ['アトムって何？', ['アトム']],
    ['atomkit とは', ['atomkit']],
    ['ナレッジアトムとはどういうもの？', ['ナレッジアトム']],
    ['what exactly is an atom?', ['atom']],
    // A definition asked first, before another question, is asked all the same.
    ['アトムってそもそも何？普通のページと何が違うの？', ['アトム']],
    ['What is an atom? How is it unlike a docs page?', ['atom']],
  ])('reads what %j asks to have defined', (question, terms) => {
    expect(definedTerms(question)).toEqual(terms);
  });

  test.each(['what is the default port of serve', 'how do I write an atom', 'what is the best way to split a long atom into two', 'how do I write an atom? what is a page?'])('%j asks for more than a definition', (question) => {
    expect(definedTerms(question)).toBeUndefined();
  });
});

test('a long question is never read as a definition question, however it is built', () => {
  // Long runs of spaces or of one word are where patterns like these can take quadratic time.
  for (const hostile of [`what is ${' '.repeat(4000)}x`, `what is a${' a'.repeat(2000)}`, `${'あ'.repeat(4000)}とは`, `${' '.repeat(4000)}って何`]) {
    expect(definedTerms(hostile)).toBeUndefined();
  }
});

describe('definesAll', () => {
  test('a FAQ that asks what the thing is defines it; one that only names it does not', () => {
    expect(definesAll('What is a knowledge atom?', ['atom'])).toBe(true);
    expect(definesAll('Why is my atom limited to 800 words?', ['atom'])).toBe(false);
    expect(definesAll('What is a knowledge atom?', ['atom', 'catalog'])).toBe(false);
  });

  test('a Japanese compound defines the word inside it', () => {
    expect(definesAll('ナレッジアトムとはどういうもの？', ['アトム'])).toBe(true);
  });
});

describe('definesInEntry', () => {
  const types = '| type | use it for |\n| --- | --- |\n| `playbook` | responding to an alert |\n| `pitfall` | a tempting mistake |';

  test('a table row or list item that opens with the name, or all of it but one word, defines it', () => {
    expect(definesInEntry(types, tokenize('playbook atom'))).toBe(true);
    expect(definesInEntry(types, tokenize('pitfall'))).toBe(true);
    expect(definesInEntry('Kinds:\n\n- **catalog**: a named set of versions\n- `override`: not this one', tokenize('catalog'))).toBe(true);
    expect(definesInEntry('1. Playbook — what the person on call does', tokenize('playbook'))).toBe(true);
  });

  test('a row or item that only mentions the name, a header row, a sentence and a longer name do not', () => {
    expect(definesInEntry(types, tokenize('mistake'))).toBe(false);
    expect(definesInEntry(types, tokenize('type'))).toBe(false);
    expect(definesInEntry('- Write the playbook: open the on-call page first.', tokenize('playbook'))).toBe(false);
    expect(definesInEntry('A playbook starts from a trigger.', tokenize('playbook'))).toBe(false);
    expect(definesInEntry(types, tokenize('playbook incident atom'))).toBe(false);
  });

  test('a list item or row with a long run of spaces is read in time', () => {
    // Read whole, such a run would cost the subject pattern time in the square of its length.
    expect(definesInEntry(`- a${' '.repeat(100_000)}b\n| x${' '.repeat(100_000)}y | z |`, tokenize('playbook'))).toBe(false);
  });
});
