import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { headerData, readHeaderEntry } from './corpus.js';

describe('headerData', () => {
  test('reads plain, quoted and listed values the way the full YAML 1.2 parse does', () => {
    expect(headerData("---\ntitle: Run it\nrelated:\n  - A\n  - 'B''s'\nlanguage: \"ja\"\nversion: 1.0.0\ntags: [a, b]\n---\nbody")).toEqual({
      title: 'Run it',
      related: ['A', "B's"],
      language: 'ja',
      version: '1.0.0',
      tags: ['a', 'b'],
    });
  });

  test.each([
    ['version: 1.0', { version: 1 }],
    ['created: 2026-01-01', { created: '2026-01-01' }],
    ['title: yes', { title: 'yes' }],
    ['title: |\n  folded', { title: 'folded\n' }],
  ])('reads %j with the core schema (no YAML 1.1 dates or booleans)', (yaml, expected) => {
    expect(headerData(`---\n${yaml}\n---\n`)).toEqual(expected);
  });

  test('is undefined without a header or with broken YAML', () => {
    expect(headerData('# No header')).toBeUndefined();
    expect(headerData('---\ntitle: [unclosed\n---\n')).toBeUndefined();
  });
});

describe('readHeaderEntry', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-header-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return readHeaderEntry(path.join(dir, name), name, { root: dir, projectRoot: dir, locales: [], defaultLanguage: 'en', file: name });
  };

  test('reads a header longer than the first block of the file', () => {
    const related = Array.from({ length: 800 }, (_, i) => `  - "Related atom number ${i}"`).join('\n');
    const entry = read('long.md', `---\ntitle: Long header\nrelated:\n${related}\n---\n\nBody.\n`);
    expect(entry.title).toBe('Long header');
    expect(entry.related).toHaveLength(800);
    expect(entry.locate(['related', 799]).start.line).toBe(803);
  });

  test('reads a short file whole and locates values by a full parse', () => {
    const entry = read('short.md', '---\ntitle: Short\nrelated: ["A"]\n---\n\nBody.\n');
    expect(entry.title).toBe('Short');
    expect(entry.locate(['related', 0]).start).toEqual({ line: 3, column: 11 });
  });
});
