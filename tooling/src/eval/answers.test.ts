import { describe, expect, test } from 'vitest';
import { containsFact, evaluateAnswers, refusal, scoreAnswer, type AnswerLike } from './answers.js';
import type { Judge } from './judge.js';
import { parseQuestionSet } from './questions.js';

const { questions } = parseQuestionSet(
  `questions:
  - {id: q1, text: why is version a number, kind: paraphrase, gold: [error/frontmatter-schema], facts: ['"1.0.0"', quote]}
  - {id: q2, text: lint my branch, kind: keyword, gold: [procedure/run-the-linter-locally, procedure/fix-a-failing-atoms-check-on-a-pull-request]}
`,
  'q.yaml',
);
const [q1, q2] = questions as [(typeof questions)[0], (typeof questions)[0]];

const answer = (text: string, cited: string[], extra: Partial<AnswerLike> = {}): AnswerLike => ({
  answer: text,
  answered: true,
  mode: 'extractive',
  degraded: false,
  citations: cited.map((atomId) => ({ atomId })),
  ...extra,
});

describe('containsFact', () => {
  test.each([
    ['Write `version: "1.0.0"`.', '"1.0.0"', true],
    ['Run  **npx atomkit\nlint** now', 'npx atomkit lint', true],
    ['QUOTE the value', 'quote', true],
    ['version 1.0.0', '"1.0.0"', false],
    ['From **Errors: ERR\\_REQUIRE\\_ESM** [1]', 'ERR_REQUIRE_ESM', true],
    ['C:\\Users\\me', 'C:\\Users\\me', true],
  ])('finds %j in the answer: %s', (text, fact, found) => {
    expect(containsFact(text, fact)).toBe(found);
  });
});

describe('scoreAnswer', () => {
  test('counts cited gold atoms for precision and recall, once per atom', () => {
    const score = scoreAnswer(q2, answer('…', ['procedure/run-the-linter-locally', 'procedure/run-the-linter-locally', 'error/file-bom']));
    expect(score).toMatchObject({ cited: ['procedure/run-the-linter-locally', 'error/file-bom'], precision: 0.5, recall: 0.5 });
  });

  test('gives an answer without citations zero precision and recall', () => {
    expect(scoreAnswer(q1, answer('I do not know.', [], { answered: false }))).toMatchObject({ precision: 0, recall: 0, answered: false, factsMissed: ['"1.0.0"', 'quote'] });
  });

  test('lists found and missing facts', () => {
    expect(scoreAnswer(q1, answer('Quote it.', ['error/frontmatter-schema']))).toMatchObject({ factsFound: ['quote'], factsMissed: ['"1.0.0"'], precision: 1, recall: 1 });
  });
});

describe('evaluateAnswers', () => {
  test('averages over questions and over the questions with facts only for fact recall', async () => {
    const run = await evaluateAnswers({
      questions,
      answer: async (q) => (q.id === 'q1' ? answer('Quote it: "1.0.0"', ['error/frontmatter-schema']) : answer('Run lint', ['procedure/run-the-linter-locally'])),
    });
    expect(run).toMatchObject({ mode: 'extractive', n: 2, answeredRate: 1, citationPrecision: 1, citationRecall: 0.75, factRecall: 1, factQuestions: 1, degraded: 0 });
    expect(run.judge).toBeUndefined();
    expect(Object.keys(run.byKind)).toEqual(['keyword', 'paraphrase']);
  });

  test('records the judge score, and an unavailable judge when every judgement failed', async () => {
    const judge: Judge = { model: 'j', judge: async (input) => ({ score: input.answer.includes('Quote') ? 1 : 0, reason: 'r' }) };
    const run = await evaluateAnswers({ questions, judge, answer: async (q) => answer(q.id === 'q1' ? 'Quote it' : 'No idea', []) });
    expect(run.judge).toEqual({ model: 'j', correctness: 0.5, judged: 2 });
    const failing: Judge = { model: 'j', judge: async () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const failed = await evaluateAnswers({ questions, judge: failing, answer: async () => answer('x', []) });
    expect(failed.judge).toEqual({ unavailable: 'the judge failed: connect ECONNREFUSED' });
  });

  test('counts answers that fell back from the model', async () => {
    const run = await evaluateAnswers({ questions, answer: async (q) => answer('x', [], { mode: q.id === 'q1' ? 'llm' : 'extractive', degraded: q.id === 'q2' }) });
    expect(run).toMatchObject({ mode: 'llm', degraded: 1 });
  });
});

describe('refusal', () => {
  test('measures refusals against the questions the atoms do not answer', () => {
    const results = [
      { unanswerable: true, answered: false },
      { unanswerable: true, answered: true },
      { unanswerable: false, answered: false },
      { unanswerable: false, answered: true },
      { unanswerable: false, answered: true },
      { unanswerable: false, answered: true },
    ];
    expect(refusal(results)).toEqual({ unanswerable: 2, precision: 0.5, recall: 0.5, answerableRefused: 0.25 });
    expect(refusal([{ unanswerable: false, answered: true }])).toEqual({ unanswerable: 0, precision: null, recall: null, answerableRefused: 0 });
  });

  test('leaves unanswerable questions out of citation precision and fact recall, and reports dev and test parts', async () => {
    const { questions: both } = parseQuestionSet('questions:\n  - {id: q1, text: why is version a number, kind: paraphrase, gold: [error/frontmatter-schema]}\n  - {id: none, text: slack bot?, kind: vague, unanswerable: true}\n', 'q.yaml');
    const run = await evaluateAnswers({ questions: both, answer: async (q) => (q.unanswerable ? answer('not covered', [], { answered: false }) : answer('x', ['error/frontmatter-schema'])) });
    expect(run).toMatchObject({ citationPrecision: 1, answerable: 1, refusal: { precision: 1, recall: 1, answerableRefused: 0 } });
    expect(Object.keys(run.bySplit).sort()).toEqual([...new Set(both.map((q) => q.split))].sort());
  });
});
