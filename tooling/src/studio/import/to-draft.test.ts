import { describe, expect, test } from 'vitest';
import { splitPage } from './split.js';
import { pieceToDraft, type PieceContext } from './to-draft.js';

const context = (folderName: string): PieceContext => ({
  folderName,
  author: 'Docs team',
  today: '2026-01-01',
  base: '/',
  status: 'draft',
  idOf: (piece) => piece.title.toLowerCase().replace(/\W+/g, '-'),
  resolve: () => undefined,
});
const draftOf = (markdown: string, folderName = 'docs') => pieceToDraft(splitPage({ rel: 'guide/page.md', data: { title: 'Validation' }, markdown }).pieces[0]!, context(folderName)).draft.header;

describe('pieceToDraft', () => {
  test('a summary that announces a list ends with the list’s items', () => {
    expect(draftOf('Validation is handled by two dependencies:\n\n- Ajv, for requests.\n- fast-json-stringify, for replies\n\nMore text follows here.\n').summary).toBe(
      'Validation is handled by two dependencies: Ajv, for requests; fast-json-stringify, for replies.',
    );
  });

  test('a summary that announces anything but a list ends as a sentence', () => {
    expect(draftOf('Errors are shaped as the following:\n\n```json\n{}\n```\n').summary).toBe('Errors are shaped as the following.');
    expect(draftOf('Pino is compatible with browserify for browser-side usage:\n\nThis can be useful.\n').summary).toBe('Pino is compatible with browserify for browser-side usage.');
  });

  test('a summary is not a line of inline code that labels the code block under it', () => {
    expect(draftOf("`pino.info('hello %s %j', 'world', {obj: true})`:\n\n```\nPino average: 114.801ms\n```\n\nFor a fair comparison, LogLevel was extended to include a timestamp.\n").summary).toBe(
      'For a fair comparison, LogLevel was extended to include a timestamp.',
    );
  });

  test("a summary is not a field of the page's metadata block, and a labelled sentence is said without its label", () => {
    expect(draftOf('Tags: `blank_lines`, `bullet`, `ol`, `ul`\n\nFixable: Some violations can be fixed by tooling\n\nThis rule is triggered when lists are not surrounded by blank lines.\n').summary).toBe(
      'This rule is triggered when lists are not surrounded by blank lines.',
    );
    expect(draftOf('Note: Validation runs before every handler.\n').summary).toBe('Validation runs before every handler.');
  });

  test("a page's description is its summary, on one line, and only its first sentence when it is longer than a summary may be", () => {
    const described = (description: string) => pieceToDraft(splitPage({ rel: 'skill.md', data: { title: 'Component testing', description }, markdown: 'Body text here.\n' }).pieces[0]!, context('docs')).draft.header.summary;
    expect(described('Set up component testing\nwith a story gallery.')).toBe('Set up component testing with a story gallery.');
    const long = `Set up component testing with Playwright using a story gallery. Use when asked to test components in isolation, ${'or to migrate off the old runner, '.repeat(8)}done.`;
    expect(long.length).toBeGreaterThan(300);
    expect(described(long)).toBe('Set up component testing with Playwright using a story gallery.');
  });

  test('a description marked with an emoji, as generated rule docs mark theirs, is the summary without it', () => {
    expect(draftOf('📝 Labels should not be used.\n\n💼 This rule is enabled in the ✅ `recommended` config.\n\n<!-- end auto-generated rule header -->\n').summary).toBe('Labels should not be used.');
    // Its notices (the configs that enable it, that it can be fixed) are not what it does.
    expect(draftOf('💼 This rule is enabled in the following configs: ❗ `errors`, ☑️ `recommended`.\n\n🔧 This rule is automatically fixable by the `--fix` CLI option.\n\n<!-- end auto-generated rule header -->\n\nEnsures an imported module can be resolved.\n').summary).toBe('Ensures an imported module can be resolved.');
    // A quoted warning is no summary.
    expect(draftOf('> ⚠️ Warning: the WebSocket API is experimental.\n\nUndici implements a WebSocket client that follows the standard.\n').summary).toBe('Undici implements a WebSocket client that follows the standard.');
  });

  test('a heading written as a label gives a title without its colon', () => {
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitPage({ rel: 'api.md', data: { title: 'API' }, markdown: `Intro ${words}\n\n## \`mixin\` (Function):\n\n${words}\n` }).pieces;
    expect(pieces.map((piece) => piece.title)).toEqual(['API', 'API: mixin (Function)']);
  });

  test('a folder called docs is no tag and no name in a summary of last resort; a named folder is both', () => {
    expect(draftOf('```js\nrun()\n```\n').tags).toEqual(['guide', 'imported']);
    expect(draftOf('```js\nrun()\n```\n').summary).toBe('Validation, from the docs.');
    expect(draftOf('```js\nrun()\n```\n', 'fastify').tags).toEqual(['guide', 'fastify', 'imported']);
    expect(draftOf('```js\nrun()\n```\n', 'fastify').summary).toBe('Validation, from the fastify docs.');
  });
});
