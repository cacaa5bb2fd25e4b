import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { aggregate, aggregateBy, distinctInOrder, MAX_RANK, ndcgAt, scoreRanking } from './metrics.js';

describe('scoreRanking', () => {
  test.each([
    { ranked: ['g', 'x'], gold: ['g'], rank: 1, hits: [1, 1, 1], rr: 1 },
    { ranked: ['x', 'y', 'g'], gold: ['g'], rank: 3, hits: [0, 1, 1], rr: 1 / 3 },
    { ranked: ['a', 'b', 'c', 'd', 'g'], gold: ['g'], rank: 5, hits: [0, 0, 1], rr: 0.2 },
    { ranked: ['a', 'b', 'c', 'd', 'e', 'g'], gold: ['g'], rank: 6, hits: [0, 0, 0], rr: 1 / 6 },
    { ranked: ['a', 'b'], gold: ['g'], rank: null, hits: [0, 0, 0], rr: 0 },
    { ranked: ['a', 'h', 'g'], gold: ['g', 'h'], rank: 2, hits: [0, 1, 1], rr: 0.5 },
  ])('ranks the first gold atom of $ranked at $rank', ({ ranked, gold, rank, hits, rr }) => {
    const score = scoreRanking(ranked, gold);
    expect(score.rank).toBe(rank);
    expect([score.hit1, score.hit3, score.hit5]).toEqual(hits);
    expect(score.rr).toBeCloseTo(rr);
  });

  test('does not count gold atoms below rank 10', () => {
    const ranked = [...Array.from({ length: MAX_RANK }, (_, i) => `x${i}`), 'g'];
    expect(scoreRanking(ranked, ['g']).rr).toBe(0);
  });
});

describe('ndcgAt', () => {
  test('is 1 when every gold atom leads', () => {
    expect(ndcgAt(['a', 'b', 'x'], new Set(['a', 'b']), 5)).toBe(1);
  });

  test('discounts a gold atom at rank 2 by log2(3)', () => {
    expect(ndcgAt(['x', 'g'], new Set(['g']), 5)).toBeCloseTo(1 / Math.log2(3));
  });

  test('rewards finding more of several gold atoms', () => {
    const one = ndcgAt(['a', 'x', 'y'], new Set(['a', 'b']), 5);
    const both = ndcgAt(['a', 'x', 'b'], new Set(['a', 'b']), 5);
    expect(both).toBeGreaterThan(one);
  });

  test('stays within 0..1 and hit@k never decreases with k', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 8 }), fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'z'), { minLength: 1 }), (ranked, gold) => {
        const score = scoreRanking(ranked, gold);
        expect(score.ndcg5).toBeGreaterThanOrEqual(0);
        expect(score.ndcg5).toBeLessThanOrEqual(1 + 1e-12);
        expect(score.hit1).toBeLessThanOrEqual(score.hit3);
        expect(score.hit3).toBeLessThanOrEqual(score.hit5);
        expect(score.rr).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('aggregate', () => {
  test('averages each metric', () => {
    const m = aggregate([scoreRanking(['g'], ['g']), scoreRanking(['x', 'g'], ['g'])]);
    expect(m).toMatchObject({ n: 2, hit1: 0.5, hit3: 1, hit5: 1, mrr: 0.75 });
  });

  test('gives zeros for no questions instead of NaN', () => {
    expect(aggregate([])).toEqual({ n: 0, hit1: 0, hit3: 0, hit5: 0, mrr: 0, ndcg5: 0 });
  });

  test('groups an item under each of its keys once', () => {
    const items = [
      { keys: ['error', 'error', 'procedure'], ranked: ['g'] },
      { keys: ['error'], ranked: ['x'] },
    ];
    const groups = aggregateBy(items, (i) => i.keys, (i) => scoreRanking(i.ranked, ['g']));
    expect(Object.keys(groups)).toEqual(['error', 'procedure']);
    expect(groups.error).toMatchObject({ n: 2, hit1: 0.5 });
    expect(groups.procedure).toMatchObject({ n: 1, hit1: 1 });
  });
});

test('distinctInOrder keeps the first place of each atom', () => {
  expect(distinctInOrder(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
});
