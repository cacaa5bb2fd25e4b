import { describe, expect, test } from 'vitest';
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import { MarkerFilter, checkCitations, type Source } from './citations.js';

const hit = (unitId: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  unitId,
  atomId: `procedure/${unitId}`,
  title: `Title ${unitId}`,
  summary: 'A summary.',
  type: 'procedure',
  tags: [],
  language: 'en',
  kind: 'section',
  section: 'Steps',
  anchor: 'steps',
  pageUrl: `/procedure/${unitId}/`,
  url: `/procedure/${unitId}/#steps`,
  text: '1. Run `npx atomkit lint`.\n2. Fix what it reports.',
  score: 1,
  confidence: 0.9,
  ...extra,
});
const sources: Source[] = [
  { n: 1, hit: hit('a') },
  { n: 2, hit: hit('b') },
];

describe('checkCitations', () => {
  test('keeps markers of retrieved units and drops invented ones with their space', () => {
    const { text, citations } = checkCitations('Run the linter [1][7]. Then fix it [2] [12].', sources);
    expect(text).toBe('Run the linter [1]. Then fix it [2].');
    expect(citations.map((c) => [c.n, c.url])).toEqual([
      [1, '/procedure/a/#steps'],
      [2, '/procedure/b/#steps'],
    ]);
  });

  test('rewrites a list marker as separate markers, keeping only valid numbers', () => {
    expect(checkCitations('Both [2, 1, 9].', sources).text).toBe('Both [2][1].');
  });

  test('leaves brackets that are not citations alone', () => {
    expect(checkCitations('Use `arr[0]` or [the docs](/x/).', sources).text).toBe('Use `arr[0]` or [the docs](/x/).');
  });

  test('an answer without markers cites nothing', () => {
    expect(checkCitations('The atoms do not cover this.', sources).citations).toEqual([]);
  });
});

describe('MarkerFilter', () => {
  test('holds back a marker split across tokens until it is complete', () => {
    const filter = new MarkerFilter(2);
    const out = [filter.push('Run it ['), filter.push('1'), filter.push('] and ['), filter.push('8]'), filter.push(' done.'), filter.flush()];
    expect(out.join('')).toBe('Run it [1] and done.');
    expect(out[0]).toBe('Run it');
    expect(filter.used).toEqual([1]);
  });

  test('streamed and whole-text filtering give the same text', () => {
    const text = 'Steps [1], config [3] and more [2, 5].';
    const filter = new MarkerFilter(2);
    const streamed = [...text].map((c) => filter.push(c)).join('') + filter.flush();
    expect(streamed).toBe(checkCitations(text, sources).text);
  });
});
