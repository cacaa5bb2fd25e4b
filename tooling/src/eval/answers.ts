/**
 * Answer quality through the chat service's answering code: which atoms each answer cites against
 * the gold atoms (precision and recall), which required facts the answer text contains, and,
 * when a judge is given, an LLM's verdict on correctness.
 */
import type { Judge } from './judge.js';
import type { Question, Split } from './questions.js';

/** What the eval needs of an answer (the chat service's `Answer` has these fields). */
export interface AnswerLike {
  readonly answer: string;
  readonly answered: boolean;
  readonly mode: 'llm' | 'extractive';
  readonly degraded: boolean;
  readonly citations: readonly { readonly atomId: string }[];
}

export type AnswerFn = (question: Question) => Promise<AnswerLike>;

export interface AnswerResult {
  readonly id: string;
  readonly kind: string;
  readonly split: Split;
  /** The atoms do not answer the question: refusing it is right. */
  readonly unanswerable: boolean;
  readonly answered: boolean;
  /** Distinct cited atom ids, in citation order. */
  readonly cited: readonly string[];
  readonly precision: number;
  readonly recall: number;
  readonly factsFound: readonly string[];
  readonly factsMissed: readonly string[];
  /** 0..1 from the judge; absent when not judged. */
  readonly judge?: number;
  readonly judgeReason?: string;
}

export interface AnswersGroup {
  readonly n: number;
  /** Questions the atoms answer: citation and fact figures are means over these. */
  readonly answerable: number;
  readonly citationPrecision: number;
  readonly citationRecall: number;
  readonly factRecall: number;
  readonly factQuestions: number;
  readonly refusal: Refusal;
}

/**
 * How well "not in the atoms" follows what the atoms cover. Precision: share of refusals that
 * were of unanswerable questions; recall: share of unanswerable questions refused; answerable
 * refused: share of answerable questions refused (null when the group has none of that kind).
 */
export interface Refusal {
  readonly unanswerable: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly answerableRefused: number | null;
}

/** One pass over the questions in one answering mode. */
export interface AnswersRun extends AnswersGroup {
  /** `llm` when any answer came from the model (the others fell back to extractive). */
  readonly mode: 'llm' | 'extractive';
  /** Answers that fell back to extractive because the model failed. */
  readonly degraded: number;
  /** Share of all questions answered (not refused). */
  readonly answeredRate: number;
  readonly judge?: { readonly model: string; readonly correctness: number; readonly judged: number } | { readonly unavailable: string };
  readonly byKind: Record<string, AnswersGroup>;
  readonly bySplit: Partial<Record<Split, AnswersGroup>>;
  readonly results: readonly AnswerResult[];
}

export interface AnswersReport {
  readonly generatedAt: string;
  readonly questionSet: string;
  readonly questions: number;
  readonly runs: readonly AnswersRun[];
}

/**
 * Does the answer contain the fact? Case, spacing and Markdown emphasis/code marks and escapes
 * do not count: the reader sees `ERR\_X` as ERR_X.
 *
 * @example containsFact('Run `npm  test` first', 'npm test') //=> true
 */
export function containsFact(answer: string, fact: string): boolean {
  const norm = (text: string) =>
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(/[`*_]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return norm(answer).includes(norm(fact));
}

/**
 * Scores one answer. An answer that cites nothing has precision 0 (it did not point anywhere
 * useful), and recall is the share of gold atoms cited.
 */
export function scoreAnswer(question: Question, answer: AnswerLike): Omit<AnswerResult, 'judge' | 'judgeReason'> {
  const cited = [...new Set(answer.citations.map((c) => c.atomId))];
  const gold = new Set(question.gold);
  const goodCitations = cited.filter((id) => gold.has(id)).length;
  const factsFound = question.facts.filter((fact) => containsFact(answer.answer, fact));
  return {
    id: question.id,
    kind: question.kind,
    split: question.split,
    unanswerable: question.unanswerable,
    answered: answer.answered,
    cited,
    precision: cited.length === 0 ? 0 : goodCitations / cited.length,
    recall: gold.size === 0 ? 0 : goodCitations / gold.size,
    factsFound,
    factsMissed: question.facts.filter((fact) => !factsFound.includes(fact)),
  };
}

export interface AnswersOptions {
  readonly questions: readonly Question[];
  readonly answer: AnswerFn;
  /** Judges correctness when given; `judgeUnavailable` says why not otherwise. */
  readonly judge?: Judge;
  readonly judgeUnavailable?: string;
  /** Gold atom texts for the judge's reference, by atom id. */
  readonly atomTexts?: ReadonlyMap<string, string>;
  readonly onQuestion?: (done: number, total: number) => void;
}

export async function evaluateAnswers(options: AnswersOptions): Promise<AnswersRun> {
  const results: AnswerResult[] = [];
  let mode: 'llm' | 'extractive' = 'extractive';
  let degraded = 0;
  let judgeError: string | undefined;
  for (const question of options.questions) {
    const answer = await options.answer(question);
    if (answer.mode === 'llm') mode = 'llm';
    if (answer.degraded) degraded++;
    let result: AnswerResult = scoreAnswer(question, answer);
    if (options.judge) {
      const reference = question.gold.map((id) => options.atomTexts?.get(id) ?? '').filter(Boolean).join('\n\n---\n\n');
      try {
        const verdict = await options.judge.judge({ question: question.text, answer: answer.answer, facts: question.facts, reference });
        if (verdict) result = { ...result, judge: verdict.score, judgeReason: verdict.reason };
      } catch (error) {
        // One failed judgement leaves that answer unjudged; the run reports how many were judged.
        judgeError = (error as Error).message;
      }
    }
    results.push(result);
    options.onQuestion?.(results.length, options.questions.length);
  }
  const judged = results.filter((r) => r.judge !== undefined);
  let judge: AnswersRun['judge'];
  if (options.judge && judged.length === 0 && judgeError) judge = { unavailable: `the judge failed: ${judgeError}` };
  else if (options.judge) judge = { model: options.judge.model, correctness: mean(judged.map((r) => r.judge ?? 0)), judged: judged.length };
  else if (options.judgeUnavailable) judge = { unavailable: options.judgeUnavailable };
  const byKind: Record<string, AnswersGroup> = {};
  for (const kind of [...new Set(results.map((r) => r.kind))].sort()) byKind[kind] = group(results.filter((r) => r.kind === kind), options.questions);
  const bySplit: Partial<Record<Split, AnswersGroup>> = {};
  for (const split of ['dev', 'test'] as const) {
    const part = results.filter((r) => r.split === split);
    if (part.length > 0) bySplit[split] = group(part, options.questions);
  }
  return {
    mode,
    degraded,
    answeredRate: mean(results.map((r) => (r.answered ? 1 : 0))),
    ...group(results, options.questions),
    ...(judge ? { judge } : {}),
    byKind,
    bySplit,
    results,
  };
}

function group(results: readonly AnswerResult[], questions: readonly Question[]): AnswersGroup {
  const factCounts = new Map(questions.map((q) => [q.id, q.facts.length]));
  const answerable = results.filter((r) => !r.unanswerable);
  const withFacts = answerable.filter((r) => (factCounts.get(r.id) ?? 0) > 0);
  return {
    n: results.length,
    answerable: answerable.length,
    citationPrecision: mean(answerable.map((r) => r.precision)),
    citationRecall: mean(answerable.map((r) => r.recall)),
    factRecall: mean(withFacts.map((r) => r.factsFound.length / (factCounts.get(r.id) ?? 1))),
    factQuestions: withFacts.length,
    refusal: refusal(results),
  };
}

/**
 * @example refusal([{ unanswerable: true, answered: false }, { unanswerable: false, answered: true }]).recall //=> 1
 */
export function refusal(results: readonly Pick<AnswerResult, 'unanswerable' | 'answered'>[]): Refusal {
  const refused = results.filter((r) => !r.answered);
  const unanswerable = results.filter((r) => r.unanswerable);
  const answerable = results.length - unanswerable.length;
  const right = refused.filter((r) => r.unanswerable).length;
  return {
    unanswerable: unanswerable.length,
    precision: refused.length === 0 ? null : right / refused.length,
    recall: unanswerable.length === 0 ? null : right / unanswerable.length,
    answerableRefused: answerable === 0 ? null : (refused.length - right) / answerable,
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
