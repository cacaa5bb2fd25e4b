import { describe, expect, test } from 'vitest';
import { atomFromText } from '../atom/load.js';
import { chunkAtom, estimateTokens } from './chunk.js';

const atom = (body: string, header = '') =>
  atomFromText(
    '/kb/atoms/error/sample.md',
    `---\ntitle: Sample error\nsummary: What the sample error means and how to fix it.\ntype: error\nauthor: a\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [lint]\nrelated: []\n${header}---\n\n${body}`,
    { root: '/kb/atoms', base: '/docs', locales: ['ja'] },
  );
const options = { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' };

describe('chunkAtom', () => {
  test('makes a lead unit, one unit per section and one per FAQ pair, with site anchors and URLs (a pair links to its question)', () => {
    const units = chunkAtom(atom('Intro text.\n\n## What it means\n\nIt means X.\n\n## What it means\n\nAgain.\n\n## FAQ\n\nQ: Why?\nA: Because.\n\nQ: How?\nA: Like so.\n'), options);
    expect(units.map((u) => [u.id, u.kind, u.anchor, u.url])).toEqual([
      ['error/sample#', 'lead', undefined, '/docs/error/sample/'],
      ['error/sample#what-it-means', 'section', 'what-it-means', '/docs/error/sample/#what-it-means'],
      ['error/sample#what-it-means-1', 'section', 'what-it-means-1', '/docs/error/sample/#what-it-means-1'],
      ['error/sample#faq/1', 'faq', 'q-why', '/docs/error/sample/#q-why'],
      ['error/sample#faq/2', 'faq', 'q-how', '/docs/error/sample/#q-how'],
    ]);
    expect(units[3]).toMatchObject({ question: 'Why?', answer: 'Because.', section: 'Why?' });
  });

  test("a faq atom's pairs are FAQ units wherever they are, before any heading too, where new faq atoms have them", () => {
    const faq = atomFromText(
      '/kb/atoms/faq/general.md',
      '---\ntitle: General questions\nsummary: The questions people ask first.\ntype: faq\nauthor: a\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [faq]\nrelated: []\n---\n\nThe questions people ask first.\n\nQ: Does it work on Windows?\nA:\n\nYes. It uses junctions there.\n\nQ: Is there a CLI?\nA: Yes.\n\n## Setup\n\nQ: How do I install it?\nA: With npm.\n',
      { root: '/kb/atoms', base: '/docs', locales: [] },
    );
    const units = chunkAtom(faq, options);
    expect(units.map((u) => [u.id, u.kind, u.section])).toEqual([
      ['faq/general#', 'lead', undefined],
      ['faq/general#/1', 'faq', 'Does it work on Windows?'],
      ['faq/general#/2', 'faq', 'Is there a CLI?'],
      ['faq/general#setup/1', 'faq', 'How do I install it?'],
    ]);
    expect(units[0]!.text).toBe('The questions people ask first.');
    expect(units[1]).toMatchObject({ question: 'Does it work on Windows?', answer: 'Yes. It uses junctions there.', url: '/docs/faq/general/#q-does-it-work-on-windows' });
  });

  test("an imported draft's template prompts make no unit, the numbered one of its Steps included", () => {
    const units = chunkAtom(atom('## Steps\n\n1. Numbered steps, one action each.\n\n## Causes\n\nThe proxy strips the header.\n'), options);
    expect(units.map((u) => u.section)).toEqual(['Causes']);
  });

  test('the embedded text carries title, summary and heading; the unit keeps its atom context', () => {
    const [unit] = chunkAtom(atom('## Causes\n\nA typo.\n', 'error_codes: [E1]\n'), options);
    expect(unit!.embedText).toBe('Sample error\nWhat the sample error means and how to fix it.\nCauses\n\nA typo.');
    expect(unit).toMatchObject({ atomId: 'error/sample', type: 'error', tags: ['lint'], language: 'en', errorCodes: ['E1'], title: 'Sample error' });
  });

  test('a long section is cut on paragraph boundaries, every part under the budget', () => {
    const paragraph = (i: number) => `Paragraph ${i} ${'word '.repeat(40).trim()}.`;
    const body = `## Steps\n\n${Array.from({ length: 10 }, (_, i) => paragraph(i)).join('\n\n')}\n`;
    const units = chunkAtom(atom(body), { ...options, maxTokens: 128 });
    expect(units.length).toBeGreaterThan(2);
    expect(units.every((u) => u.parts === units.length && u.tokens <= 128)).toBe(true);
    expect(units.map((u) => u.id)).toContain('error/sample#steps@2');
    // Cut between paragraphs, never inside one.
    for (const unit of units) expect(unit.text.split('\n\n').every((p) => /^Paragraph \d+ .*\.$/.test(p))).toBe(true);
  });

  test('a long numbered list is cut between steps, so a code block inside a step stays whole', () => {
    const step = (i: number) => `${i}. Step ${i} ${'word '.repeat(30).trim()}:\n\n   \`\`\`sh\n   npx atomkit lint --step ${i}\n   \`\`\``;
    const units = chunkAtom(atom(`## Steps\n\n${Array.from({ length: 8 }, (_, i) => step(i + 1)).join('\n\n')}\n`), { ...options, maxTokens: 128 });
    expect(units.length).toBeGreaterThan(2);
    for (const unit of units) {
      expect(unit.text).toMatch(/^\d+\. Step/);
      expect(unit.text.match(/```/g)!.length % 2).toBe(0);
      expect(unit.text).not.toMatch(/^```/m);
    }
  });

  test('one long item with a nested list is cut before a nested item, never inside the wrapped lines of one', () => {
    // Node.js-style API docs: one `options` item whose nested items wrap at 80 columns.
    const option = (i: number) => `  * \`option${i}\` {number} Limits the total number of distinct origins that may\n    receive requests at the same time. When set to \`Infinity\`, no limit is\n    enforced. Must be a number greater than \`0\`. **Default:** \`${i}\`.`;
    const list = `* \`options\` {AgentOptions} (optional)\n${Array.from({ length: 12 }, (_, i) => option(i)).join('\n')}`;
    const units = chunkAtom(atom(`## Input\n\n${list}\n`), { ...options, maxTokens: 128 });
    expect(units.length).toBeGreaterThan(2);
    for (const unit of units.slice(1)) expect(unit.text).toMatch(/^ {2}\* `option\d+`/);
    expect(units.map((unit) => unit.text).join('\n')).toBe(list);
  });

  test('a code block longer than the budget is cut into lines, each part fenced again', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `key_${i}: value number ${i}`).join('\n');
    const units = chunkAtom(atom(`## Template\n\n\`\`\`yaml\n${lines}\n\`\`\`\n`), { ...options, maxTokens: 128 });
    expect(units.length).toBeGreaterThan(2);
    for (const unit of units) expect(unit.text).toMatch(/^```yaml\n[\s\S]*\n```$/);
    expect(units.map((u) => u.text.split('\n').slice(1, -1).join('\n')).join('\n')).toBe(lines);
  });

  test('a part that goes on with a block cut from the part before says so; one that opens with a block of its own does not', () => {
    const lines = Array.from({ length: 120 }, (_, i) => `key_${i}: value number ${i}`).join('\n');
    const cutBlock = chunkAtom(atom(`## Template\n\n\`\`\`yaml\n${lines}\n\`\`\`\n`), { ...options, maxTokens: 128 });
    expect(cutBlock.map((unit) => unit.continues ?? false)).toEqual(cutBlock.map((_, i) => i > 0));
    // Two code blocks alike, each near the budget: the second opens the next part, and is its own block.
    const block = (n: number) => `\`\`\`mjs\n${Array.from({ length: 14 }, (_, i) => `call(${n}, ${i})`).join('\n')}\n\`\`\``;
    const twoBlocks = chunkAtom(atom(`## Example\n\n${block(1)}\n\n${block(2)}\n`), { ...options, maxTokens: 128 });
    expect(twoBlocks).toHaveLength(2);
    expect(twoBlocks.map((unit) => unit.continues ?? false)).toEqual([false, false]);
  });

  test('a table longer than the budget is cut into rows, each part under the table head again', () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| \`--option-${i}\` | What option ${i} does |`);
    const units = chunkAtom(atom(`## Options\n\n| Option | Meaning |\n| --- | --- |\n${rows.join('\n')}\n`), { ...options, maxTokens: 128 });
    expect(units.length).toBeGreaterThan(2);
    for (const unit of units) expect(unit.text).toMatch(/^\| Option \| Meaning \|\n\| --- \| --- \|\n\| `--option-\d+`/);
    expect(units.flatMap((u) => u.text.split('\n').slice(2))).toEqual(rows);
  });

  test('a table of codes cut into parts gives each part the codes of its own rows, a part of one row too', () => {
    const long = 'A long description of what went wrong and how to solve it. '.repeat(3);
    const rows = ['FSTWRN001', 'FSTWRN003', 'FSTWRN004'].map((code) => `| ${code} | ${long} |`);
    const units = chunkAtom(atom(`## Warning codes\n\n| Code | Description |\n| --- | --- |\n${rows.join('\n')}\n`), { ...options, maxTokens: 128 });
    expect(units.map((u) => u.entryCodes)).toEqual([['FSTWRN001'], ['FSTWRN003'], ['FSTWRN004']]);
  });

  test('a table padded to a wide column is cut into whole rows under its head, its padding collapsed', () => {
    const pad = (text: string, width: number) => text.padEnd(width);
    const rows = Array.from({ length: 30 }, (_, i) => `| ${pad(`\`--option-${i}\``, 20)} | ${pad(`What option ${i} does`, 180)} |`);
    const head = `| ${pad('Option', 20)} | ${pad('', 180)} |\n| ${'-'.repeat(20)} | ${'-'.repeat(180)} |`;
    const units = chunkAtom(atom(`## Options\n\n${head}\n${rows.join('\n')}\n`), { ...options, maxTokens: 128 });
    expect(units.length).toBeGreaterThan(1);
    for (const unit of units) expect(unit.text).toMatch(/^\| Option \| \|\n\| --- \| --- \|\n(\| `--option-\d+` \| What option \d+ does \|\n?)+$/);
    expect(units.flatMap((u) => u.text.split('\n').slice(2))).toEqual(rows.map((row) => row.replace(/ {2,}\|/g, ' |')));
  });

  test('a single paragraph longer than the budget is cut into sentences, then words', () => {
    const units = chunkAtom(atom(`## Steps\n\n${'one two three four five. '.repeat(200)}\n`), { ...options, maxTokens: 64 });
    expect(units.length).toBeGreaterThan(5);
    expect(units.every((u) => estimateTokens(u.embedText) <= 64 + 4)).toBe(true);
  });

  test('a section holding only the prompt its template left (an imported draft) has no unit; one with its own text keeps it', () => {
    const units = chunkAtom(atom('## Symptom\n\nThe build fails on Windows.\n\n## Checks\n\nWhat to check, in order, and what each result means.\n\n## Fix\n\nHow to make it work again.\n\nRemove the `&` from the path.\n'), options);
    expect(units.map((u) => [u.section, u.text])).toEqual([
      ['Symptom', 'The build fails on Windows.'],
      ['Fix', 'Remove the `&` from the path.'],
    ]);
  });

  test("a section's reference links are written inline from the page's definitions, which make no text of their own", () => {
    const units = chunkAtom(atom('## What it means\n\n`true` after [`agent.close()`][] has been called.\n\n## How to resolve\n\nSee [the pool][pool].\n\n[`agent.close()`]: /docs/agent/#close\n[pool]: /docs/pool/\n'), options);
    expect(units.map((u) => u.text)).toEqual(['`true` after [`agent.close()`](/docs/agent/#close) has been called.', 'See [the pool](/docs/pool/).']);
  });

  test("a FAQ pair's reference links are written inline too: its answer is quoted apart from the page", () => {
    const units = chunkAtom(atom('## FAQ\n\nQ: Is it incompatible with Windows?\nA: Early versions had issues (see [this issue]). Not any more.\n\nQ: Who named it?\nA: A user did.\n\n[this issue]: https://github.com/npm/npm/issues/3697\n'), options);
    const [windows, named] = units.filter((unit) => unit.kind === 'faq');
    expect(windows!.answer).toBe('Early versions had issues (see [this issue](https://github.com/npm/npm/issues/3697)). Not any more.');
    expect(windows!.text).toContain('[this issue](https://github.com/npm/npm/issues/3697)');
    // The definitions at the end of the last pair make no text of its answer.
    expect(named!.answer).toBe('A user did.');
  });

  test('a code fence indented less than its list item is quoted with its code, not a fence at the margin over indented code', () => {
    const units = chunkAtom(atom("## Steps\n\n1. Install it.\n2. Start the logger:\n  ```js\n  const pino = require('pino')\n    .child({})\n  ```\n3. Log.\n"), options);
    expect(units[0]!.text).toContain("```js\nconst pino = require('pino')\n  .child({})\n```");
  });

  test('an atom without a valid header has no units', () => {
    const broken = atomFromText('/kb/atoms/x.md', '---\ntitle: X\n---\n\n## A\n\nB\n', { root: '/kb/atoms' });
    expect(chunkAtom(broken, options)).toEqual([]);
  });

  test('the language comes from the header, then the locale folder, then the default', () => {
    const ja = atomFromText('/kb/atoms/ja/error/x.md', '---\ntitle: エラー\nsummary: 日本語の要約です。十文字以上。\ntype: error\nauthor: a\ncreated: 2025-01-01\nversion: 1.0.0\ntags: []\nrelated: []\n---\n\n## 意味\n\n本文。\n', { root: '/kb/atoms', locales: ['ja'] });
    expect(chunkAtom(ja, options)[0]).toMatchObject({ language: 'ja', anchor: '意味' });
  });

  test('a translation names the atom it translates; other atoms name none', () => {
    const ja = atomFromText('/kb/atoms/ja/error/sample.md', '---\ntitle: サンプルのエラー\nsummary: サンプルのエラーの意味と直し方です。\ntype: error\nauthor: a\ncreated: 2025-01-01\nversion: 1.0.0\ntags: []\nrelated: []\nlanguage: ja\ntranslation_of: Sample error\n---\n\n## 意味\n\n本文。\n', { root: '/kb/atoms', locales: ['ja'] });
    expect(chunkAtom(ja, options).map((unit) => unit.translationOf)).toEqual(['Sample error']);
    expect(chunkAtom(atom('## Causes\n\nA typo.\n'), options)[0]).not.toHaveProperty('translationOf');
  });
});

describe('estimateTokens', () => {
  test('counts English words, CJK characters and punctuation', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Hello, world')).toBeGreaterThanOrEqual(3);
    expect(estimateTokens('日本語')).toBe(3);
  });
});

describe('chunkAtom: long steps', () => {
  const step = [
    '1. Read the output:',
    '',
    '   ```text',
    ...Array.from({ length: 30 }, (_, i) => `   atoms/x.md:${i + 1}:1  error  something is wrong on this line  rule/code`),
    '',
    '       hint: quote the value',
    '   ```',
    '',
    '   Then fix it.',
    '2. Lint again.',
  ].join('\n');

  test('a code block cut between parts is closed and reopened, blank lines and indentation kept', () => {
    const parts = chunkAtom(atom(`## How to resolve\n\n${step}\n`), options).map((u) => u.text);
    expect(parts.length).toBeGreaterThan(1);
    for (const text of parts) {
      const fences = text.split('\n').filter((line) => /^\s*```/.test(line)).length;
      expect(fences % 2).toBe(0);
    }
    const all = parts.join('\n');
    expect(all).toContain('\n       hint: quote the value');
    expect(all).toContain('\n   Then fix it.');
  });
});
