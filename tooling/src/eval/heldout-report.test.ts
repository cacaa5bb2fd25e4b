import { describe, expect, test } from 'vitest';
import type { HeldoutQuestion, HeldoutReport } from './heldout.js';
import { minScoreAdvice, targetRows } from './heldout-report.js';

const question = (id: string, language: string, rank: number | null): HeldoutQuestion => ({
  id,
  text: id,
  gold: ['procedure/x'],
  split: 'test',
  kind: 'paraphrase',
  language,
  unanswerable: false,
  score: rank === null ? null : { rank, hit1: rank === 1 ? 1 : 0, hit3: rank <= 3 ? 1 : 0, hit5: rank <= 5 ? 1 : 0, rr: 1 / rank, ndcg5: rank <= 5 ? 1 : 0 },
  answered: true,
  confidence: 0.5,
  first: 'procedure/x',
  precision: rank === 1 ? 1 : 0,
  factsFound: 0,
  facts: 0,
});

const set = (name: string, corpus: string | undefined, questions: HeldoutQuestion[]): HeldoutReport['sets'][number] => ({
  set: name,
  ...(corpus ? { corpus } : {}),
  atoms: 1,
  system: 'lexical',
  parts: {},
  questions,
});

describe('targetRows', () => {
  test("groups the test parts by language on the project's atoms, and other projects' docs also by the questions asked in Japanese", () => {
    const report: HeldoutReport = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      minScore: 0.1,
      sets: [
        set('eval/questions.yaml', undefined, [question('en-1', 'en', 1), { ...question('en-dev', 'en', 1), split: 'dev' }]),
        set('eval/questions.ja.yaml', undefined, [question('ja-1', 'ja', 2)]),
        set('eval/corpora/pnpm.yaml', '../corpora/pnpm', [question('pnpm-1', 'en', 1)]),
        set('eval/corpora/pnpm-ja.yaml', '../corpora/pnpm', [question('pnpmja-1', 'ja', 3), question('pnpmja-2', 'ja', 1)]),
      ],
    };
    const rows = targetRows(report);
    expect(rows.slice(1).map((row) => [row[0], row[2], row[3]])).toEqual([
      ['English, this project', '1', '1.00'],
      ['Japanese, this project', '1', '0.00'],
      ["other projects' docs", '3', '0.67'],
      ["other projects' docs, asked in Japanese", '2', '0.50'],
      ['all', '5', '0.60'],
    ]);
  });
  test('a group with no answerable question shows no retrieval or citation figure, rather than 0.00', () => {
    const report: HeldoutReport = {
      generatedAt: '2026-01-01T00:00:00.000Z',
      minScore: 0.1,
      sets: [set('eval/served.yaml', undefined, [{ ...question('off-topic', 'en', null), unanswerable: true, answered: false, confidence: 0.01 }])],
    };
    const [header, english] = targetRows(report);
    const cell = (name: string) => english![header!.indexOf(name)];
    expect(['hit@1', 'hit@5', 'MRR', 'citation precision'].map(cell)).toEqual(['-', '-', '-', '-']);
    expect(['unanswerable', 'refusal recall'].map(cell)).toEqual(['1', '1.00']);
  });
});

describe('minScoreAdvice', () => {
  const dev = (id: string, confidence: number, unanswerable = false): HeldoutQuestion => ({ ...question(id, 'en', unanswerable ? null : 1), split: 'dev', confidence, unanswerable });
  const report = (questions: HeldoutQuestion[]): HeldoutReport => ({ generatedAt: '2026-01-01T00:00:00.000Z', minScore: 0.13, sets: [set('eval/questions.yaml', undefined, questions)] });

  test('says what to set when the configured threshold refuses more answerable dev questions than the calibration allows, and what each refuses', () => {
    const advice = minScoreAdvice(report([dev('a', 0.05), dev('b', 0.08), dev('c', 0.4), dev('d', 0.02, true), dev('e', 0.06, true)]));
    expect(advice).toBe(
      'bot.minScore 0.13 refuses 2 of the 3 answerable dev questions (and 2 of the 2 the atoms do not answer); 0.04, the threshold the dev parts suggest, refuses 0 of them (and 1 of the 2). To use it, set `minScore: 0.04` under `bot:` in atomkit.config.yaml.',
    );
  });

  test('says what to set when a lower threshold refuses as many unanswerable dev questions and fewer answerable ones', () => {
    const answerable = [dev('low', 0.1), ...Array.from({ length: 19 }, (_, i) => dev(`a${i}`, 0.5 + i * 0.01))];
    expect(minScoreAdvice(report([...answerable, dev('off', 0.02, true)]))).toBe(
      'bot.minScore 0.13 refuses 1 of the 20 answerable dev questions (and 1 of the 1 the atoms do not answer); 0.06, the threshold the dev parts suggest, refuses 0 of them (and 1 of the 1). To use it, set `minScore: 0.06` under `bot:` in atomkit.config.yaml.',
    );
  });

  test('says nothing when the configured threshold is within the rule, or there is no dev part', () => {
    expect(minScoreAdvice(report([dev('a', 0.5), dev('b', 0.6), dev('c', 0.02, true)]))).toBeUndefined();
    expect(minScoreAdvice(report([{ ...dev('a', 0.05), split: 'test' }]))).toBeUndefined();
  });
});
