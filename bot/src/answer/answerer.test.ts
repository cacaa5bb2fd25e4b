import { describe, expect, test } from 'vitest';
import { chunks, quotable } from './answerer.js';

describe('chunks', () => {
  test('cuts at spaces and gives back the whole text', () => {
    const text = 'From **Run lint locally** › Steps [1]:\n\n1. Open a terminal in the repository root and run `npx atomkit lint`.';
    const parts = chunks(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    expect(parts.every((part) => part.length <= 48)).toBe(true);
  });

  test('cuts text without spaces by code points, never inside a surrogate pair', () => {
    const text = '😀'.repeat(60) + 'リントを実行します'.repeat(10);
    const parts = chunks(text);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(part).toBe(Array.from(part).join(''));
    expect(parts.every((part) => !/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(part))).toBe(true);
  });
});

describe('quotable', () => {
  test('an answer is made from the atom the search ranked first, every unit of it, though another atom holds more of the question', () => {
    const hit = (atomId: string, confidence: number) => ({ atomId, confidence });
    const hits = [hit('server-options', 0.05), hit('troubleshooting-cli', 0.3), hit('server-options', 0.05), hit('features', 0.02)];
    expect(quotable(hits, 0.13)).toEqual([hits[0], hits[1], hits[2]]);
    expect(quotable([], 0.13)).toEqual([]);
  });
});
