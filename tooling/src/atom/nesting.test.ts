import { parseDocument } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseMarkdown } from './markdown.js';
import { deepBlockMarker, deepFlowCollection, deepNode, deepYamlNode, MAX_NESTING } from './nesting.js';

const over = MAX_NESTING + 1;

describe('deepBlockMarker', () => {
  test.each([
    ['block quotes at the limit', '>'.repeat(MAX_NESTING) + ' x\n', undefined],
    ['one block quote too many', '>'.repeat(over) + ' x\n', MAX_NESTING],
    ['spaced quotes on the second line', 'text\n' + '> '.repeat(over) + 'x\n', 5 + 2 * MAX_NESTING],
    ['bullets opening lists in lists', '- '.repeat(over) + 'x', 2 * MAX_NESTING],
    ['ordered items and quotes mixed', '1. > '.repeat(60) + 'x', 5 * 50],
    ['a thematic break of many dashes', '- '.repeat(300) + '\n', undefined],
    ['dashes that are text, not markers', '-'.repeat(300) + '\n', undefined],
    ['numbers that are not list markers', '1.5 '.repeat(300) + '\n', undefined],
  ])('%s', (_name, text, expected) => {
    expect(deepBlockMarker(text)).toBe(expected);
  });
});

describe('deepNode', () => {
  test('finds the first node past the limit in nested emphasis', () => {
    const tree = parseMarkdown('*a '.repeat(over) + 'x' + ' a*'.repeat(over));
    const found = deepNode(tree);
    // Within the opening run of `*a `, where the level past the limit opens.
    expect(found?.position?.start.column).toBeGreaterThan(3 * (MAX_NESTING - 2));
    expect(found?.position?.start.column).toBeLessThanOrEqual(3 * over);
  });

  test('passes a document at the limit', () => {
    expect(deepNode(parseMarkdown('*a '.repeat(MAX_NESTING - 2) + 'x' + ' a*'.repeat(MAX_NESTING - 2)))).toBeUndefined();
  });
});

describe('deepFlowCollection', () => {
  test.each([
    ['brackets at the limit, closed', 'tags: ' + '['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING), undefined],
    ['one bracket too many, never closed', 'tags: ' + '['.repeat(over), 6 + MAX_NESTING],
    ['maps in maps', 'a: ' + '{b: '.repeat(over), 3 + 4 * MAX_NESTING],
    ['brackets in a quoted string', `title: "${'['.repeat(300)}"`, undefined],
    ['brackets in a single-quoted string with an escaped quote', `title: 'it''s ${'['.repeat(300)}'`, undefined],
    ['brackets in a comment', `title: x # ${'['.repeat(300)}`, undefined],
    ["an apostrophe inside a word does not hide what follows", `title: don't\ntags: ${'['.repeat(over)}`, 19 + MAX_NESTING],
  ])('%s', (_name, yaml, expected) => {
    expect(deepFlowCollection(yaml)).toBe(expected);
  });
});

describe('deepYamlNode', () => {
  const blockMaps = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1';

  test('finds a block map nested past the limit', () => {
    const doc = parseDocument(blockMaps(over + 5));
    expect(deepYamlNode(doc)?.range?.[0]).toBe(blockMaps(over).lastIndexOf('a:'));
  });

  test('passes a header at the limit', () => {
    expect(deepYamlNode(parseDocument(blockMaps(MAX_NESTING - 1)))).toBeUndefined();
  });
});
