import { describe, expect, test } from 'vitest';
import { fencedCode } from './fences.js';

describe('fencedCode', () => {
  test('marks the lines of a fenced block, its fences too, closed only by a fence as long', () => {
    const code = fencedCode();
    expect(['text', '````md', '```', '### inside', '````', '~~~', 'x', '~~~', 'after'].map(code)).toEqual([false, true, true, true, true, true, true, true, false]);
  });
});
