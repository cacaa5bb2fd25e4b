import { describe, expect, test } from 'vitest';
import { headerData, scanSimpleYaml } from './corpus.js';

describe('scanSimpleYaml', () => {
  test('reads plain, quoted and listed values the way YAML does', () => {
    expect(scanSimpleYaml("title: Run it\nsummary: x\nrelated:\n  - A\n  - 'B''s'\nlanguage: \"ja\"\nversion: 1.0.0\ntags: [a, b]")).toEqual({ title: 'Run it', related: ['A', "B's"], language: 'ja', version: '1.0.0' });
  });

  test.each([['version: 1.0'], ['title: |\n  folded'], ['title: &a x'], ['related: [a, "b"]'], ['title: yes'], ['title: a: b']])('gives up on %j so the YAML parser decides', (yaml) => {
    expect(scanSimpleYaml(yaml)).toBeUndefined();
  });
});

describe('headerData', () => {
  test('falls back to the YAML parser for complex headers', () => {
    expect(headerData('---\ntitle: "5 ways"\nversion: 1.0.0\n---\nbody')).toEqual({ title: '5 ways', version: '1.0.0' });
  });

  test('is undefined without a header', () => {
    expect(headerData('# No header')).toBeUndefined();
  });
});
