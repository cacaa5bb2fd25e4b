import { describe, expect, test } from 'vitest';
import { sentencesOf, standsAlone } from './sentences.js';

describe('sentencesOf', () => {
  test('reads each list item as a sentence of its own, with or without a full stop', () => {
    expect(sentencesOf('- `json`: an array of diagnostics\n- `sarif`: SARIF for code-scanning tools')).toEqual(['`json`: an array of diagnostics', '`sarif`: SARIF for code-scanning tools']);
  });

  test('leaves out an emphasis mark a sentence would open or close alone, and keeps the pairs inside it', () => {
    expect(sentencesOf('*The logger for the current request is available in every part of the\n[lifecycle](/lifecycle/).*')).toEqual(['The logger for the current request is available in every part of the [lifecycle](/lifecycle/).']);
    expect(sentencesOf('**Note: back up first. Then restore the file.**')).toEqual(['Note: back up first.', 'Then restore the file.']);
    expect(sentencesOf('Set *one* flag, and __only__ that one.')).toEqual(['Set *one* flag, and __only__ that one.']);
  });
});

describe('standsAlone', () => {
  test('is false of a metadata line: a label and only code after it', () => {
    expect(standsAlone('Tags: `headings`')).toBe(false);
    expect(standsAlone('Aliases: `first-line-h1`, `first-line-heading`')).toBe(false);
    expect(standsAlone('This rule is triggered when the first line is not a heading.')).toBe(true);
    expect(standsAlone('Default: `80` characters, or what `line_length` sets.')).toBe(true);
  });

  test.each([
    ['Install pnpm with the standalone script:', false],
    ['A worker script is imported by appending `?', false],
    ['Related: [Public Base Path](/base/)', false],
    ['See also the catalog protocol.', false],
    ['In this example, we use `stderr` for `error` level logs.', false],
    ['As shown above, the option takes a path.', false],
    ['In this case the store is shared.', true],
    ['Run `pnpm store prune` now and then.', true],
    ['Seeding the cache takes a minute.', true],
  ])('%s: %s', (sentence, expected) => {
    expect(standsAlone(sentence)).toBe(expected);
  });

  test('is false of a row of badges or a contents entry, which say nothing besides their links', () => {
    expect(standsAlone('[![coverage][codecov-image]](https://codecov.io/gh/x) [![Downloads](https://img.shields.io/npm/dm/x.svg)](https://npm-stat.com/x)')).toBe(false);
    expect(standsAlone('[Basic globbing](/globbing/#basic-globbing) (Wildcard matching)')).toBe(false);
    expect(standsAlone('Returns [`fs.stat`](https://nodejs.org/api/fs.html) instead of `fs.lstat` for symbolic links.')).toBe(true);
    expect(standsAlone('設定は `atomkit.config.yaml` に書きます。')).toBe(true);
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  test('reads an unclosed bracket before a row of images', () => {
    expect(standsAlone(`[${'![a]'.repeat(40)} and more words`)).toBe(false);
  });
});
