import { describe, expect, test } from 'vitest';
import { headerData } from './corpus.js';

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
