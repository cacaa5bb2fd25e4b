import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Node, Parent } from 'unist';
import { parseDocument } from 'yaml';
import { describe, expect, test } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { findAtomFiles } from './load.js';
import { parseMarkdown } from './markdown.js';
import { deepBlockMarker, deepFlowCollection, deepNode, deepYamlNode, MAX_NESTING, nestingBound } from './nesting.js';

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

/** The levels `deepNode` counts down to the deepest node of a tree. */
function depth(node: Node): number {
  const children = (node as Partial<Parent>).children ?? [];
  return children.reduce((deepest, child) => Math.max(deepest, 1 + depth(child)), 0);
}

/** Pieces that open, keep open or close a level: quotes, list markers, indents, footnotes, tables, inline markup. */
const PIECES = [
  ...['> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '-\t', '1.\t', '-\n', '  ', '    ', '\t', ' \t', '[^a]: ', '[^a\\]b]: ', '[^a]:\t'],
  ...['*', '**', '_', '__', '~', '~~', '[', ']', '](u)', '][r]', '[r]: u\n', '![', '<https://a.b>', 'www.a.b', 'a@b.co', '`', '```\n'],
  ...['| a | b |\n| - | - |\n| ', ' | ', '# ', '## ', '---\n', '===\n', 'snake_case', 'x', 'word ', '\n', '\n\n', '\n    \n', '\r', '\r\n', '<div>', '\\'],
];

describe('nestingBound', () => {
  test.each([
    ['quotes in quotes', '>'.repeat(150) + ' x'],
    ['lists nested by indent', Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['lists nested by tabs', Array.from({ length: 40 }, (_, i) => `${'\t'.repeat(i)}- x`).join('\n')],
    ['items opening items on one line', '- '.repeat(90) + 'x'],
    ['quotes and items on lazy lines', '> - > 1. x\ny\n> - z'],
    ['footnotes holding lists', '[^a]: - [^b]: > x\n    - y'],
    ['emphasis in emphasis', '*a '.repeat(120) + 'x' + ' a*'.repeat(120)],
    ['links in emphasis over several lines', '_[a '.repeat(60) + '\nx\n' + ' a](u)_'.repeat(60)],
    ['strikethrough and strong in a table cell', '| a |\n| - |\n| ' + '~~**'.repeat(30) + 'x' + '**~~'.repeat(30) + ' |'],
    ['an autolink in a link in a list', '- [<https://a.b> www.c.d](u)'],
    ['items on lines that end in CR', '- x\r  - y\r    - z'],
  ])('is at least the depth of the tree: %s', (_name, text) => {
    expect(nestingBound(text)).toBeGreaterThanOrEqual(depth(parseMarkdown(text)));
  });

  test('is at least the depth of the tree of generated Markdown (3,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(nestingBound(text), JSON.stringify(text)).toBeGreaterThanOrEqual(depth(parseMarkdown(text)));
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  test('is over the limit for every text whose tree or markers go past it', () => {
    const deep = ['>'.repeat(over) + ' x', '- '.repeat(over) + 'x', '*a '.repeat(over) + 'x' + ' a*'.repeat(over), '[' + '_a '.repeat(over) + '\nx' + ' a_'.repeat(over) + '](u)'];
    for (const text of deep) expect(deepBlockMarker(text) !== undefined || deepNode(parseMarkdown(text)) !== undefined, text).toBe(true);
    for (const text of deep) expect(nestingBound(text)).toBeGreaterThan(MAX_NESTING);
  });

  test('lets every atom of the project and of the benchmark corpus load without a parse', () => {
    const atoms = findAtomFiles(fileURLToPath(new URL('../../../atoms/', import.meta.url)));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-nesting-'));
    try {
      generateCorpus({ dir, count: 1000 });
      for (const file of [...atoms, ...findAtomFiles(dir)]) expect(nestingBound(readFileSync(file, 'utf8')), file).toBeLessThanOrEqual(MAX_NESTING);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
