import { describe, expect, test } from 'vitest';
import { confidence, denseConfidence, lexicalCoverage } from './confidence.js';

const df = (counts: Record<string, number>) => (term: string) => counts[term] ?? 0;

describe('confidence', () => {
  test('is the IDF-weighted share of query terms the unit holds, times the share of terms', () => {
    expect(lexicalCoverage(['backup', 'restore'], new Set(['backup', 'restore']), df({ backup: 3, restore: 3 }), 100)).toBe(1);
    expect(lexicalCoverage([], new Set(['x']), df({}), 100)).toBe(0);
    // A word the corpus never uses weighs most: an off-topic question scores low.
    const offTopic = lexicalCoverage(['cake', 'recip', 'error'], new Set(['error']), df({ error: 40 }), 100);
    expect(offTopic).toBeLessThan(0.2);
  });

  test('rescales cosine similarity from the index baseline', () => {
    expect(denseConfidence(0.2, { mean: 0.15, std: 0.05 })).toBe(0);
    expect(denseConfidence(1, { mean: 0.15, std: 0.05 })).toBe(1);
    expect(denseConfidence(0.6, { mean: 0.15, std: 0.05 })).toBeCloseTo(0.5, 5);
  });

  test('blends both when dense is on, and an exact error code lifts it to 0.9', () => {
    const base = { queryTerms: ['a', 'b'], unitTerms: new Set(['a']), df: df({ a: 1, b: 1 }), units: 10 };
    expect(confidence(base)).toBe(0.25);
    expect(confidence({ ...base, similarity: 1, baseline: { mean: 0, std: 0 } })).toBe(0.625);
    expect(confidence({ ...base, errorCodeMatch: true })).toBe(0.9);
  });
});
