import { expect, test } from 'vitest';
import { americanSpelling } from './spelling.js';
import { tokenize } from './tokenize.js';

test.each([
  ['optimise', 'optimize'],
  ['customisation', 'customization'],
  ['initialiser', 'initializer'],
  ['analyse', 'analyze'],
  ['behaviour', 'behavior'],
  ['colourful', 'colorful'],
  ['favourites', 'favorites'],
  ['centre', 'center'],
  ['metres', 'meters'],
  ['catalogue', 'catalog'],
  ['cancelled', 'canceled'],
  ['modelling', 'modeling'],
  ['licence', 'license'],
  ['programme', 'program'],
  ['grey', 'gray'],
])('writes the British %s as %s', (british, american) => {
  expect(americanSpelling(british)).toBe(american);
});

test.each(['four', 'your', 'hour', 'raise', 'rise', 'genre', 'acre', 'cell', 'spelled', 'dwelling', 'misspelled', 'reference', 'optimize'])('leaves %s as it is', (word) => {
  expect(americanSpelling(word)).toBe(word);
});

test('gives a British and an American spelling the same index terms', () => {
  expect(tokenize('optimise the behaviour of the cancelled catalogue')).toEqual(tokenize('optimize the behavior of the canceled catalog'));
});
