import { describe, expect, test } from 'vitest';
import { checkCitations, retryAfterSeconds } from './api.js';

describe(retryAfterSeconds, () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  test.each([
    ['30', 30],
    ['0', 1],
    ['2.2', 3],
    [' 45 ', 45],
    ['-5', 1],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 1],
    ['soon', 60],
    ['', 60],
    [null, 60],
  ])('Retry-After %j waits %i s', (header, seconds) => {
    expect(retryAfterSeconds(header, now)).toBe(seconds);
  });
});

describe(checkCitations, () => {
  const good = { n: 1, title: 'Rotate the signing key', url: '/procedure/rotate/#steps', section: 'Steps', snippet: '1. Generate', atomId: 'procedure/rotate' };

  test('keeps well-formed citations as they are', () => {
    expect(checkCitations([good])).toEqual([good]);
  });

  test('drops citations without a URL or a title, and anything that is not an object', () => {
    expect(checkCitations([{ ...good, url: '' }, { ...good, url: 42 }, { ...good, title: undefined }, null, 'x', [good], good])).toEqual([good]);
  });

  test('fills what is optional and numbers citations without a usable number by position', () => {
    expect(checkCitations([{ title: 'A', url: '/a/', n: -1, section: 7 }])).toEqual([{ n: 1, title: 'A', url: '/a/', section: null, snippet: '', atomId: '' }]);
  });

  test.each([undefined, null, 'citations', { citations: [] }, 3])('reads %j as no citations', (value) => {
    expect(checkCitations(value)).toEqual([]);
  });
});
