import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { atomFromText, loadAtoms } from '../../../tooling/src/atom/load.js';
import { chunkAtom, estimateTokens } from '../../../tooling/src/retrieval/chunk.js';
import { toHit } from '../../../tooling/src/retrieval/retriever.js';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../../tooling/src/atom/markdown.js';
import { openingSubHeading, plainHeading, subHeadingAnchors } from './entry-anchors.js';

const unitsOf = (atom: ReturnType<typeof atomFromText>) =>
  chunkAtom(atom, { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' }).map((unit) => toHit(unit, 1, { confidence: 1, matchedErrorCode: undefined }));

const reference = (body: string) =>
  atomFromText('/kb/atoms/interface-input/cli.md', `---\ntitle: CLI options\nsummary: The options.\ntype: interface-input\nauthor: a\ncreated: 2026-01-01\nversion: 1.0.0\ntags: [x]\nrelated: []\n---\n\n${body}\n`, { root: '/kb/atoms', base: '/', locales: [] });

describe('subHeadingAnchors', () => {
  test('gives each sub-heading the anchor the page renders, a repeated one numbered, code blocks skipped', () => {
    const atom = reference('## Input\n\nOptions.\n\n#### `--force`\n\nForce it.\n\n```sh\n# --force\n```\n\n## Example\n\n#### `--force`\n\nAgain.\n\n#### Input\n\nA heading like a section.');
    const anchors = subHeadingAnchors(unitsOf(atom));
    expect(anchors).toEqual(
      new Map([
        ['input', new Map([['`--force`', '--force']])],
        ['example', new Map([['`--force`', '--force-1'], ['Input', 'input-1']])],
      ]),
    );
    // The parser's own anchors for the same headings.
    expect(atom.headings.map((heading) => heading.anchor)).toEqual(['input', '--force', 'example', '--force-1', 'input-1']);
  });

  test('gives none for a heading written twice in one section: which one a quote opens with is not known', () => {
    const atom = reference('## Input\n\n#### `--force`\n\nForce it.\n\n#### `--quiet`\n\nQuiet.\n\n#### `--force`\n\nAgain.');
    expect(subHeadingAnchors(unitsOf(atom))).toEqual(new Map([['input', new Map([['`--quiet`', '--quiet']])]]));
  });

  test('reads a heading as the page shows it: emphasis, links and code marks are not part of its anchor', () => {
    const atom = reference('## Input\n\nOptions.\n\n### The *fast* [mode](https://example.org) and `--x=y`\n\nText.\n\n### Ünïcode & symbols!\n\nMore.');
    const anchors = subHeadingAnchors(unitsOf(atom));
    expect([...anchors!.get('input')!.values()]).toEqual(atom.headings.slice(1).map((heading) => heading.anchor));
  });

  test('gives none past a FAQ unit, which hides its section heading', () => {
    const atom = reference('## Input\n\n#### `--quiet`\n\nQuiet.\n\n## FAQ\n\nQ: Why?\n\nA: Because.\n\n## Example\n\n#### `--force`\n\nForce it.');
    expect(subHeadingAnchors(unitsOf(atom))).toEqual(new Map([['input', new Map([['`--quiet`', '--quiet']])]]));
  });

  test('gives none when a section comes out with another anchor than the index gave it', () => {
    const units = unitsOf(reference('## Input\n\n#### `--quiet`\n\nQuiet.'));
    expect(subHeadingAnchors(units.map((unit) => ({ ...unit, anchor: 'input-2' })))).toBeUndefined();
  });

  test("agrees with the parser's anchors on every sub-heading of the project's own atoms", () => {
    const root = path.resolve(import.meta.dirname, '../../../atoms');
    const atoms = loadAtoms({ root, locales: ['ja'] });
    let compared = 0;
    for (const atom of atoms) {
      const bySection = subHeadingAnchors(unitsOf(atom));
      if (!bySection) continue;
      const anchors = new Map([...bySection.values()].flatMap((byLine) => [...byLine]));
      const lines = atom.text.split('\n');
      for (const heading of atom.headings.filter((h) => h.depth > 2)) {
        const line = lines[heading.range.start.line - 1]!.replace(/^#+\s+/, '').trim();
        if (!anchors.has(line) || atom.headings.some((other) => other !== heading && other.text === heading.text)) continue;
        expect(anchors.get(line), `${atom.id}: ${line}`).toBe(heading.anchor);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('plainHeading', () => {
  test('reads a heading as a Markdown parser does, with or without markup', () => {
    for (const heading of ['`--inspect-brk[=[host:]port]`', 'server.port', 'Event: `close`', '`fs.readFile(path[, options], callback)`', 'The *fast* mode', '`a`` b`', 'A &amp; B', '\\`escaped\\`']) {
      expect(plainHeading(heading), heading).toBe(toString(parseMarkdown(heading)));
    }
  });
});

describe('openingSubHeading', () => {
  test('reads a quote that opens with a sub-heading or the bold line a trimmed quote makes of one, after a gap mark', () => {
    expect(openingSubHeading('…\n\n#### `--force`\n\nForce it.')).toEqual({ heading: '`--force`', rest: 'Force it.' });
    expect(openingSubHeading('**`--force`**\n\nForce it.\n\n- a\n  - b')).toEqual({ heading: '`--force`', rest: 'Force it.\n\n- a\n  - b' });
  });

  test('reads nothing from a quote that opens with prose, or a heading with nothing after it', () => {
    expect(openingSubHeading('Force it, **then** go.')).toBeUndefined();
    expect(openingSubHeading('#### `--force`')).toBeUndefined();
  });
});
