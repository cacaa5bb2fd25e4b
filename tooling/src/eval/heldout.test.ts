import { describe, expect, test } from 'vitest';
import { calibrateMinScore, figures, refusalAt, type HeldoutQuestion } from './heldout.js';
import { testMisses } from './heldout-report.js';

const q = (split: 'dev' | 'test', unanswerable: boolean, confidence: number, rank: number | null = 1): HeldoutQuestion => ({
  id: `${split}-${confidence}-${unanswerable}`,
  text: 'a question',
  gold: unanswerable ? [] : ['faq/x'],
  split,
  kind: 'vague',
  language: 'en',
  unanswerable,
  score: unanswerable ? null : { rank, hit1: rank === 1 ? 1 : 0, hit3: rank !== null && rank <= 3 ? 1 : 0, hit5: rank !== null && rank <= 5 ? 1 : 0, rr: rank ? 1 / rank : 0, ndcg5: 0 },
  answered: true,
  confidence,
  first: null,
  precision: 1,
  factsFound: 1,
  facts: 1,
});

describe('calibrateMinScore', () => {
  test('picks from the dev part only a threshold that refuses at most 5% of answerable questions, and as many unanswerable ones as that allows', () => {
    const dev = Array.from({ length: 20 }, (_, i) => q('dev', false, 0.1 + i * 0.01));
    const questions = [...dev, q('dev', true, 0.05), q('test', false, 0.01), q('test', true, 0.5)];
    // Midway between the unanswerable question at 0.05 and the answerable one at 0.10: any higher
    // up to the 5% allowed (0.11) refuses an answerable question and no more unanswerable ones.
    expect(calibrateMinScore(questions)).toBeCloseTo(0.08, 5);
    expect(refusalAt(questions.filter((x) => x.split === 'dev'), 0.08)).toEqual({ unanswerable: 1, precision: 1, recall: 1, answerableRefused: 0 });
  });

  test('refuses an unanswerable question that scores above answerable ones when the 5% allows it, and none that would take more', () => {
    const dev = Array.from({ length: 40 }, (_, i) => q('dev', false, i === 0 ? 0.2 : 0.4 + i * 0.01));
    // 0.25 is refusable at the cost of one answerable question (2.5%); 0.45 would cost more than 5%.
    const questions = [...dev, q('dev', true, 0.25), q('dev', true, 0.45)];
    expect(calibrateMinScore(questions)).toBeCloseTo(0.33, 5);
    expect(refusalAt(questions, 0.33)).toMatchObject({ unanswerable: 2, recall: 0.5, answerableRefused: 0.025 });
  });

  test('rounds down to a hundredth, so a confidence moving in the third decimal leaves it where it was', () => {
    const dev = (third: number) => Array.from({ length: 20 }, (_, i) => q('dev', false, i === 0 ? 0.05 : i === 1 ? 0.1 + third : 0.2 + i * 0.01));
    expect(calibrateMinScore(dev(0.003))).toBe(0.1);
    expect(calibrateMinScore(dev(0.008))).toBe(0.1);
    // Rounded down, it refuses no more answerable questions than the rule allows.
    expect(refusalAt(dev(0.008), 0.1).answerableRefused).toBe(0.05);
  });
});

describe('figures', () => {
  test('counts retrieval over answerable questions and refusals over all', () => {
    const part = figures([q('test', false, 0.5, 1), q('test', false, 0.5, 7), q('test', true, 0.01)]);
    expect(part.retrieval).toMatchObject({ n: 2, hit1: 0.5, hit5: 0.5 });
    expect(part.refusal).toMatchObject({ unanswerable: 1, recall: 0 });
  });
});

describe('testMisses', () => {
  test('counts the test questions that went wrong by outcome, without naming them or any dev question', () => {
    const questions = [q('test', false, 0.5, 7), q('test', false, 0.5, 2), { ...q('test', false, 0.01, 1), answered: false }, q('test', true, 0.9), q('dev', false, 0.5, 9)];
    const report = { generatedAt: '', minScore: 0.1, sets: [{ set: 'eval/q.yaml', atoms: 1, system: 'lexical', parts: {}, questions }] };
    const text = testMisses(report);
    expect(text).toBe('3: 1 not in the top 5, 1 refused, 1 answered, but the atoms do not answer it');
    expect(text).not.toContain('test-');
  });
});
