import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkThresholds, loadThresholds } from './thresholds.js';

const metrics = (hit5: number, mrr: number) => ({ n: 10, hit1: 0, hit3: 0, hit5, mrr, ndcg5: 0 });

function thresholdsFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atomkit-thresholds-')), 'thresholds.json');
  writeFileSync(file, content);
  return file;
}

describe('checkThresholds', () => {
  test('passes figures at or above their minimums', () => {
    expect(checkThresholds([{ name: 'hybrid', overall: metrics(0.9, 0.8) }], { hybrid: { hit5: 0.9, mrr: 0.75 } })).toEqual([]);
  });

  test('names each figure below its minimum', () => {
    expect(checkThresholds([{ name: 'hybrid', overall: metrics(0.89, 0.7) }], { hybrid: { hit5: 0.9, mrr: 0.75 } })).toEqual([
      { system: 'hybrid', metric: 'hit5', minimum: 0.9, actual: 0.89 },
      { system: 'hybrid', metric: 'mrr', minimum: 0.75, actual: 0.7 },
    ]);
  });

  test('fails a gated system that did not run', () => {
    expect(checkThresholds([{ name: 'hybrid' }], { hybrid: { hit5: 0.5 } })).toEqual([{ system: 'hybrid', metric: 'hit5', minimum: 0.5, actual: null }]);
  });

  test('does not fail a mean that equals the minimum up to float noise', () => {
    expect(checkThresholds([{ name: 'hybrid', overall: metrics(0.1 + 0.2 - 0.0000000001, 1) }], { hybrid: { hit5: 0.3 } })).toEqual([]);
  });
});

describe('loadThresholds', () => {
  test('reads systems and metric minimums, skipping the comment', () => {
    expect(loadThresholds(thresholdsFile('{"$comment": "why", "hybrid": {"hit5": 0.9}}'))).toEqual({ hybrid: { hit5: 0.9 } });
  });

  test.each([
    ['broken JSON', '{"hybrid": ', /cannot read the thresholds/],
    ['a list', '[1]', /expected an object of systems/],
    ['an unknown metric', '{"hybrid": {"recall": 0.5}}', /unknown metric `hybrid.recall`/],
    ['a figure above 1', '{"hybrid": {"mrr": 75}}', /must be a number from 0 to 1, found 75/],
  ])('refuses %s with a message naming the file', (_name, content, message) => {
    const file = thresholdsFile(content);
    expect(() => loadThresholds(file)).toThrow(message);
    expect(() => loadThresholds(file)).toThrow(file);
  });
});
