import { describe, expect, test } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe(didYouMean, () => {
  test.each([
    ['titel', ['title', 'summary'], 'title'],
    ['Run lint locally', ['Run the linter locally', 'Lint configuration template'], 'Run the linter locally'],
    ['howto', ['procedure', 'faq'], undefined],
    ['Lint configuration template', ['Run the linter locally'], undefined],
    ['anything', [], undefined],
  ] as const)('suggests for %j among %j: %j', (value, candidates, expected) => {
    expect(didYouMean(value, candidates)).toBe(expected);
  });
});

test('allows reworded titles when asked to', () => {
  expect(didYouMean('Alpha one', ['Alpha renamed', 'Beta'])).toBeUndefined();
  expect(didYouMean('Alpha one', ['Alpha renamed', 'Beta'], { maxEditRatio: 0.6 })).toBe('Alpha renamed');
  expect(didYouMean('Run lint locally', ['Lint configuration template'], { maxEditRatio: 0.6 })).toBeUndefined();
});
