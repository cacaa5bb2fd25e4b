import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { findAtomFiles } from './load.js';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import { mdxjs } from 'micromark-extension-mdxjs';
import { parseMarkdown, parsesLikeAtoms } from './markdown.js';

/** What atom bodies were parsed with before: every GFM construct, always on. */
const reference = unified().use(remarkParse).use(remarkGfm).freeze();
function expectSameTree(text: string): void {
  expect(parseMarkdown(text), JSON.stringify(text)).toStrictEqual(reference.parse(text));
}

/** Pieces of Markdown that start, end or almost make each GFM construct, and what is around them. */
const PIECES = [
  ...['|', '| a | b |', '|---|:-:|', '- |', '|-', '\\|', '`|`', '&#124;'],
  ...['~', '~~', '~~gone~~', '~one~', '\\~', '~~~', '```'],
  ...['[^1]', '[^1]: note', '[^', '^]', '[^a b]', '[\\^1]'],
  ...['[ ]', '[x]', '[X]', '[\t]', '[ ] task', '[y]', '[]', '- [x] ', '* [ ] ', '1. [X] '],
  ...['www.example.com', 'WWW.EXAMPLE.COM', 'www.', 'http://a.b', 'HTTPS://A.B/c?d=e', 'https://', 'ftp://a.b'],
  ...['a@b.co', 'mailto:a@b.co', 'xmpp:a@b.co/r', '@', 'a@', '@b.c', '<a@b.co>', '<https://a.b>'],
  // Where two kinds of literal autolink start on the same character, the order they are tried in shows.
  ...['www.a@b.co', 'WWW.x.y@a.b', 'http://a@b.co', 'https://www.a@b.co'],
  ...['\n', '\n\n', '    ', '\t', ' ', '- ', '1. ', '> ', '# ', '## ', '---', '***', '*', '_', '**', '`', '\\'],
  ...['word', 'two words', '[link](https://x.y)', '[ref]', '[ref]: https://x.y', '![img](a.png)', '<div>', '<!-- c -->', ':', '-', '.'],
];

describe('parseMarkdown', () => {
  it('gives the tree remark-gfm gives for generated Markdown (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 }), (pieces) => {
        expectSameTree(pieces.join(''));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('gives the tree remark-gfm gives for each construct and its near misses', () => {
    for (const piece of PIECES) {
      expectSameTree(piece);
      expectSameTree(`para ${piece} text\n`);
      expectSameTree(`- item ${piece}\n- ${piece} item\n`);
      expectSameTree(`${piece}\n| --- |\n| ${piece} |\n`);
    }
  });

  it("gives the tree remark-gfm gives for the project's atoms", () => {
    const atoms = findAtomFiles(fileURLToPath(new URL('../../../atoms/', import.meta.url)));
    expect(atoms.length).toBeGreaterThan(25);
    for (const file of atoms) expectSameTree(readFileSync(file, 'utf8'));
  });

  describe('on the benchmark corpus', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-markdown-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('gives the tree remark-gfm gives', () => {
      generateCorpus({ dir, count: 60 });
      for (const file of findAtomFiles(dir)) expectSameTree(readFileSync(file, 'utf8'));
    });
  });

  it('parses each construct when it is there', () => {
    const types = (text: string) => JSON.stringify(parseMarkdown(text)).match(/"type":"\w+"/g)?.map((t) => t.slice(8, -1));
    expect(types('| a |\n| - |')).toContain('table');
    expect(types('~~gone~~')).toContain('delete');
    expect(types('a[^1]\n\n[^1]: b')).toContain('footnoteReference');
    expect(types('- [x] done')).toEqual(['root', 'list', 'listItem', 'paragraph', 'text']);
    expect(parseMarkdown('- [x] done').children[0]).toMatchObject({ children: [{ checked: true }] });
    expect(types('see www.example.com')).toContain('link');
    expect(types('write to a@b.co')).toContain('link');
  });
});

describe('parsesLikeAtoms', () => {
  /** The micromark extensions of a remark processor, once its plugins are attached. */
  const extensionsOf = (processor: { freeze(): { data(): unknown } }) => (processor.freeze().data() as { micromarkExtensions?: unknown[] }).micromarkExtensions ?? [];
  function directives(this: Processor) {
    const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
    (data.micromarkExtensions ??= []).push(directive());
    (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown());
  }
  const site = extensionsOf(unified().use(remarkParse).use(remarkGfm).use(directives));

  it("is true for remark-gfm with Starlight's directives on a text without directives", () => {
    expect(parsesLikeAtoms(site, '## FAQ\n\nQ: Why? See https://x.y at 10:30.\nA: ~~No~~ | yes\n')).toBe(true);
    expect(parsesLikeAtoms(extensionsOf(unified().use(remarkParse).use(remarkGfm)), 'Q: x\n')).toBe(true);
  });

  it('is false for a text that holds directive syntax', () => {
    for (const text of [':::note\nQ: x\n:::\n', '::leaf\n', '## FAQ :abbr[x]\n']) expect(parsesLikeAtoms(site, text), text).toBe(false);
  });

  it('is false without GFM, or with syntax it does not know', () => {
    expect(parsesLikeAtoms(extensionsOf(unified().use(remarkParse)), 'Q: x\n')).toBe(false);
    expect(parsesLikeAtoms([...site, mdxjs()], 'Q: x\n')).toBe(false);
  });
});
