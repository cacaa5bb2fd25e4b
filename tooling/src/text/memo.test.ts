import { expect, test } from 'vitest';
import { memoized } from './memo.js';

test('computes each argument once, and starts again once it holds max entries', () => {
  const calls: string[] = [];
  const upper = memoized((word) => {
    calls.push(word);
    return word.toUpperCase();
  }, 2);
  expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
  expect(calls).toEqual(['a', 'b']);
  upper('c');
  expect(upper('a')).toBe('A');
  expect(calls).toEqual(['a', 'b', 'c', 'a']);
});
