import { describe, expect, test } from 'vitest';
import { mkdocsSnippets } from './mkdocs-snippets.js';

const files: Record<string, string> = {
  'examples/hello.py': 'def hello():\n    # --8<-- [start:body]\n    return "hi"\n    # --8<-- [end:body]\n',
  'snippets/abbr.md': '*[API]: Application Programming Interface\n',
  'snippets/note.md': 'Shared note.\n\n--8<-- "snippets/abbr.md"\n',
  'guide/local.md': 'Next to the page.\n',
  'loop.md': '--8<-- "loop.md"\n',
};
const context = { readFile: (rel: string) => files[rel], folderName: 'docs' };

describe('mkdocsSnippets', () => {
  test('a snippet in a code block becomes the file, its section markers left out', () => {
    const page = '```python\n--8<-- "examples/hello.py"\n```';
    expect(mkdocsSnippets(page, 'guide/index.md', context, [])).toBe('```python\ndef hello():\n    return "hi"\n```');
  });

  test('a named section or a range of lines, indented as the snippet line is', () => {
    expect(mkdocsSnippets('1. Write:\n\n    --8<-- "examples/hello.py:body"', 'a.md', context, [])).toBe('1. Write:\n\n        return "hi"');
    expect(mkdocsSnippets("--8<-- 'examples/hello.py:1:1'", 'a.md', context, [])).toBe('def hello():');
  });

  test('a block of names, each file in turn, snippets inside snippets read too; a name commented out skipped', () => {
    const page = 'Before.\n\n--8<--\nsnippets/note.md\n;snippets/abbr.md\nlocal.md\n--8<--\n\nAfter.';
    expect(mkdocsSnippets(page, 'guide/page.md', context, [])).toBe('Before.\n\nShared note.\n\n*[API]: Application Programming Interface\nNext to the page.\n\nAfter.');
  });

  test("a path from the project's root finds the file in the imported docs folder", () => {
    expect(mkdocsSnippets('--8<-- "docs/guide/local.md"', 'index.md', context, [])).toBe('Next to the page.');
  });

  test('a file outside the folder, a URL and a snippet that includes itself stay as written and are reported, without end', () => {
    const problems: string[] = [];
    expect(mkdocsSnippets('--8<-- "../README.md"\n--8<-- "https://example.com/x.md"', 'a.md', context, problems)).toBe('--8<-- "../README.md"\n--8<-- "https://example.com/x.md"');
    expect(problems).toEqual(['a.md: the snippet `../README.md` is not in the imported folder; kept as written', 'a.md: the snippet `https://example.com/x.md` is not in the imported folder; kept as written']);
    expect(mkdocsSnippets('--8<-- "loop.md"', 'a.md', context, problems)).toBe('--8<-- "loop.md"');
    expect(problems.at(-1)).toBe('a.md: the snippet `loop.md` is nested more than 4 deep (does it include itself?); kept as written');
  });

  test('an escaped snippet shows the syntax without its escape', () => {
    expect(mkdocsSnippets('```md\n;--8<-- "examples/hello.py"\n```', 'a.md', context, [])).toBe('```md\n--8<-- "examples/hello.py"\n```');
  });
});
