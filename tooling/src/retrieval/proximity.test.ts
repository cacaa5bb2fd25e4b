import { describe, expect, test } from 'vitest';
import { PROXIMITY_WINDOW, phraseShare } from './proximity.js';

const word = (forms: string[], weight = 1) => ({ forms, weight });

describe('phraseShare', () => {
  test('is 1 when the question\'s two words stand side by side, in either order', () => {
    expect(phraseShare(['respons', 'sent'], [word(['respons']), word(['sent'])])).toBe(1);
    expect(phraseShare(['sent', 'respons'], [word(['respons']), word(['sent'])])).toBe(1);
  });

  test('counts a pair less the further apart it stands, and not at all past the window', () => {
    const words = [word(['respons']), word(['sent'])];
    const apart = (gap: number) => phraseShare(['respons', ...Array<string>(gap).fill('x'), 'sent'], words);
    expect(apart(1)).toBeCloseTo(1 / 2);
    expect(apart(PROXIMITY_WINDOW - 1)).toBeCloseTo(1 / PROXIMITY_WINDOW);
    expect(apart(PROXIMITY_WINDOW)).toBe(0);
  });

  test('reads the nearest of several places each word has', () => {
    const terms = ['respons', 'x', 'x', 'x', 'x', 'sent', 'x', 'respons'];
    expect(phraseShare(terms, [word(['respons']), word(['sent'])])).toBeCloseTo(1 / 2);
  });

  test('finds a word by any of its forms', () => {
    expect(phraseShare(['serv', 'listen'], [word(['server', 'serv']), word(['listen'])])).toBe(1);
  });

  test('weighs each pair by its rarer word: a phrase of two common words says little when the question has rare ones', () => {
    const words = [word(['search'], 1), word(['work'], 1), word(['internet'], 5), word(['semant'], 5)];
    // Pairs: search-work 1, search-internet 1, search-semant 1, work-internet 1, work-semant 1, internet-semant 5.
    expect(phraseShare(['search', 'work'], words)).toBeCloseTo(1 / 10);
    expect(phraseShare(['internet', 'semant'], words)).toBeCloseTo(5 / 10);
  });

  test('is 0 for a question of one word, and for terms that hold none of the words', () => {
    expect(phraseShare(['respons', 'respons'], [word(['respons'])])).toBe(0);
    expect(phraseShare(['other', 'term'], [word(['respons']), word(['sent'])])).toBe(0);
  });

  test('reads terms written as numbers as well as strings', () => {
    expect(phraseShare(Int32Array.from([7, 3, 9]), [{ forms: [3], weight: 1 }, { forms: [9], weight: 1 }])).toBe(1);
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  test('reads a long unit against a question of hundreds of words', () => {
    const words = Array.from({ length: 600 }, (_, i) => word([`w${i}`]));
    const terms = Array.from({ length: 200_000 }, (_, i) => `w${i % 600}`);
    expect(phraseShare(terms, words)).toBeGreaterThan(0);
  });
});
