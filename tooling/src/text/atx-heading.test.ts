import { describe, expect, test } from 'vitest';
import { atxHeading } from './atx-heading.js';

describe('atxHeading', () => {
  test('reads the level and the text, closing hashes left out, a hash inside the text kept', () => {
    expect(atxHeading('## Install')).toEqual({ level: 2, text: 'Install' });
    expect(atxHeading('   #### `--force` ##  ')).toEqual({ level: 4, text: '`--force`' });
    expect(atxHeading('### Using C#')).toEqual({ level: 3, text: 'Using C#' });
    expect(atxHeading('##')).toEqual({ level: 2, text: '' });
  });

  test('is no heading without a space after the hashes, indented four spaces, or with seven hashes', () => {
    expect([atxHeading('#hashtag'), atxHeading('    ## code'), atxHeading('####### seven')]).toEqual([undefined, undefined, undefined]);
  });

  // How long it takes is measured in tooling/bench/hostile.bench.ts.
  test('reads a line of a hundred thousand spaces', () => {
    expect(atxHeading(`### a${' '.repeat(100_000)}x`)?.text).toMatch(/^a +x$/);
    expect(atxHeading(`### a${' #'.repeat(50_000)}x`)?.level).toBe(3);
  });
});
