import { describe, expect, test } from 'vitest';
import { closeOpenFence, fencedCode } from './fences.js';

describe('fencedCode', () => {
  test('marks the lines of a fenced block, its fences too, closed only by a fence as long', () => {
    const code = fencedCode();
    expect(['text', '````md', '```', '### inside', '````', '~~~', 'x', '~~~', 'after'].map(code)).toEqual([false, true, true, true, true, true, true, true, false]);
  });
});

describe('closeOpenFence', () => {
  test('closes a code block left open with the fence that opened it, as long and as indented', () => {
    expect(closeOpenFence('Run:\n\n```sh\nnpx atomkit lint\n')).toBe('Run:\n\n```sh\nnpx atomkit lint\n```');
    expect(closeOpenFence('1. Run:\n\n   ````md\n   ```\n   inside')).toBe('1. Run:\n\n   ````md\n   ```\n   inside\n   ````');
    expect(closeOpenFence('`'.repeat(40))).toBe(`${'`'.repeat(40)}\n${'`'.repeat(40)}`);
  });

  test('leaves closed code blocks and prose as they are', () => {
    for (const markdown of ['```sh\nls\n```', '~~~\nx\n~~~\n\nText.', 'No code at all.']) expect(closeOpenFence(markdown)).toBe(markdown);
  });
});
