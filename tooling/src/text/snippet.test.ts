import { describe, expect, test } from 'vitest';
import { snippet } from './snippet.js';

describe('snippet', () => {
  test('reduces Markdown to plain text', () => {
    expect(snippet('## Steps\n\n1. Run `npx atomkit lint` ([docs](/x/)).')).toBe('Steps 1. Run npx atomkit lint (docs).');
  });

  test('leaves out code fences and HTML or MDX tags, keeping the text between them', () => {
    expect(snippet('<DontEditWarning />\n\nCommon leaks:\n\n```text\nERROR status=401\n```\n\n<Tabs><TabItem value="npm">Use npm.</TabItem></Tabs>')).toBe('Common leaks: ERROR status=401 Use npm.');
  });

  test('keeps what is text: a comparison, a name with underscores, a table\'s cells', () => {
    expect(snippet('Use a value < 5 and > 2.')).toBe('Use a value < 5 and > 2.');
    expect(snippet('Put it in `error_codes`, _not_ in the **body**.')).toBe('Put it in error_codes, not in the body.');
    expect(snippet('> **Note**\n>\n> Quoted.\n\n| code | meaning |\n| --- | --- |\n| `E1` | bad |')).toBe('Note Quoted. code meaning E1 bad');
  });

  // How long the hostile lines take is measured in tooling/bench/hostile.bench.ts.
  test('reads a linked badge as its text, and a line of brackets or spaces as what it says', () => {
    expect(snippet('[![coverage](https://codecov.io/x.svg)](https://codecov.io) and [docs](/docs/)')).toBe('coverage and docs');
    expect(snippet('['.repeat(200_000))).toMatch(/^\[+…?$/);
    expect(snippet(`| --- |${' '.repeat(200_000)}x`)).toMatch(/x$/);
  });

  test('cuts long text at a word boundary with an ellipsis', () => {
    const s = snippet('word '.repeat(100), 50);
    expect(s.length).toBeLessThanOrEqual(51);
    expect(s.endsWith('word…')).toBe(true);
  });
});
