/**
 * `atomkit eval`: every question set of the project (eval/questions*.yaml, and eval/corpora/*.yaml
 * about other projects' imported docs), each measured on its dev part (what tuning may look at)
 * and its test part (only ever reported): retrieval, extractive answers, and refusals of the
 * questions the atoms do not answer.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import { openRetriever } from '../retrieval/api.js';
import { mostConfident } from '../retrieval/confidence.js';
import type { AnswerResult, AnswersRun, Refusal } from './answers.js';
import { refusal } from './answers.js';
import { aggregate, type Metrics, type QuestionScore } from './metrics.js';
import type { Question, Split } from './questions.js';
import type { QuestionResult } from './retrieval.js';
import { runAnswersEval } from './run-answers.js';
import { loadEvalInputs, runRetrievalEval } from './run-retrieval.js';
import { preferredHits } from './ranker.js';

/** The figures of one part of one set (or of a group of parts). */
export interface PartFigures {
  readonly questions: number;
  /** Retrieval over the answerable questions. */
  readonly retrieval: Metrics;
  readonly refusal: Refusal;
  readonly citationPrecision: number;
  readonly factRecall: number;
  readonly factQuestions: number;
}

export interface SetResult {
  /** The set file, relative to the project root. */
  readonly set: string;
  /** The corpus folder, for sets about imported docs. */
  readonly corpus?: string;
  readonly atoms: number;
  /** `lexical`, or `hybrid` when the index has dense vectors. */
  readonly system: string;
  readonly parts: Partial<Record<Split, PartFigures>>;
  readonly questions: readonly HeldoutQuestion[];
}

/** One question's outcome, enough to group figures any way. */
export interface HeldoutQuestion {
  readonly id: string;
  readonly text: string;
  /** Atoms that answer it (empty when the atoms do not). */
  readonly gold: readonly string[];
  readonly split: Split;
  readonly kind: string;
  readonly language: string;
  readonly unanswerable: boolean;
  /** Its retrieval score; null for a question the atoms do not answer. */
  readonly score: QuestionScore | null;
  readonly answered: boolean;
  /** The highest confidence of its hits, as the chat service retrieves and judges them (what `bot.minScore` is compared with). */
  readonly confidence: number;
  /** The atom ranked first, when there is one. */
  readonly first: string | null;
  readonly precision: number;
  readonly factsFound: number;
  readonly facts: number;
}

export interface HeldoutReport {
  readonly generatedAt: string;
  /** The configured `bot.minScore` the answers were refused by. */
  readonly minScore: number;
  readonly sets: readonly SetResult[];
}

/** The project's question sets, in a stable order. */
export function questionSetFiles(root: string): string[] {
  const list = (dir: string, pattern: RegExp) => (existsSync(dir) ? readdirSync(dir).filter((name) => pattern.test(name)).sort().map((name) => path.join(dir, name)) : []);
  return [...list(path.join(root, 'eval'), /^questions.*\.ya?ml$/), ...list(path.join(root, 'eval', 'corpora'), /\.ya?ml$/)];
}

/** Which questions of each set a run measures: tuning runs `dev`, reports run `all`. */
export type Part = Split | 'all';

export interface HeldoutOptions {
  readonly config: AtomkitConfig;
  /** @default 'all' */
  readonly part?: Part;
  /** @default every set `questionSetFiles` finds */
  readonly files?: readonly string[];
  readonly onSet?: (file: string) => void;
  readonly onWarning?: (message: string) => void;
}

export async function runHeldoutEval(options: HeldoutOptions): Promise<HeldoutReport> {
  const { config } = options;
  const part = options.part ?? 'all';
  const sets: SetResult[] = [];
  for (const file of options.files ?? questionSetFiles(config.root)) {
    options.onSet?.(file);
    const loaded = await loadEvalInputs(config, file, options.onWarning);
    // The other part's questions are never searched, so nothing of them can be seen.
    const inputs = part === 'all' ? loaded : { ...loaded, set: { ...loaded.set, questions: loaded.set.questions.filter((q) => q.split === part) } };
    const retriever = await openRetriever(inputs.config, options.onWarning ? { onWarning: options.onWarning } : {});
    try {
      const system = retriever.dense ? 'hybrid' : 'lexical';
      const retrieval = await runRetrievalEval({ config, inputs, retriever, systems: [system] });
      const answers = await runAnswersEval({ config, inputs, retriever, judge: false });
      const ranked = retrieval.systems.find((s) => s.name === system)?.results ?? [];
      const best = new Map<string, BestHit>();
      for (const q of inputs.set.questions) {
        const hits = await preferredHits(retriever, { text: q.text, language: q.language }, { k: 8, mode: 'hybrid', minScore: inputs.config.bot.minScore });
        // Refused as the chat service refuses: by the most confident of its hits, not the first.
        best.set(q.id, { confidence: mostConfident(hits)?.confidence ?? 0, atomId: hits[0]?.atomId ?? null });
      }
      const questions = joinResults(inputs.set.questions, ranked, answers.runs[0]!, best);
      const splits: readonly Split[] = part === 'all' ? ['dev', 'test'] : [part];
      sets.push({
        set: path.relative(config.root, file).split(path.sep).join('/'),
        ...(inputs.set.corpus ? { corpus: path.relative(config.root, inputs.set.corpus).split(path.sep).join('/') } : {}),
        atoms: inputs.atoms.length,
        system,
        parts: Object.fromEntries(splits.map((split) => [split, figures(questions.filter((q) => q.split === split))])),
        questions,
      });
    } finally {
      retriever.close();
    }
  }
  return { generatedAt: new Date().toISOString(), minScore: config.bot.minScore, sets };
}

interface BestHit {
  readonly confidence: number;
  readonly atomId: string | null;
}

function joinResults(questions: readonly Question[], ranked: readonly QuestionResult[], run: AnswersRun, best: ReadonlyMap<string, BestHit>): HeldoutQuestion[] {
  const ranks = new Map(ranked.map((r) => [r.id, r]));
  const answers = new Map<string, AnswerResult>(run.results.map((r) => [r.id, r]));
  return questions.map((question) => {
    const answer = answers.get(question.id)!;
    const result = ranks.get(question.id);
    return {
      id: question.id,
      text: question.text,
      gold: question.gold,
      split: question.split,
      kind: question.kind,
      language: question.language,
      unanswerable: question.unanswerable,
      score: result?.score ?? null,
      answered: answer.answered,
      confidence: best.get(question.id)?.confidence ?? 0,
      first: best.get(question.id)?.atomId ?? null,
      precision: answer.precision,
      factsFound: answer.factsFound.length,
      facts: question.facts.length,
    };
  });
}

/** Figures of any group of question outcomes. */
export function figures(questions: readonly HeldoutQuestion[]): PartFigures {
  const answerable = questions.filter((q) => !q.unanswerable);
  const withFacts = answerable.filter((q) => q.facts > 0);
  const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    questions: questions.length,
    retrieval: aggregate(answerable.flatMap((q) => (q.score ? [q.score] : []))),
    refusal: refusal(questions),
    citationPrecision: mean(answerable.map((q) => q.precision)),
    factRecall: mean(withFacts.map((q) => q.factsFound / q.facts)),
    factQuestions: withFacts.length,
  };
}

/** At most this share of answerable dev questions may be refused at the calibrated threshold. */
export const MAX_ANSWERABLE_REFUSED = 0.05;

/**
 * The `bot.minScore` the dev parts suggest. Of the thresholds that refuse at most
 * MAX_ANSWERABLE_REFUSED of the answerable dev questions, those that refuse the most unanswerable
 * ones; of those, the one midway between the most confident unanswerable question it refuses and
 * the least confident answerable one above it, to the hundredth. Any higher refuses more
 * answerable questions and no more unanswerable ones; midway leaves a margin on both sides for
 * questions nobody tuned for. With no unanswerable dev question to refuse, the highest allowed
 * threshold, rounded down. Test parts never take part.
 *
 * @example calibrateMinScore([{ split: 'dev', unanswerable: false, confidence: 0.308 }, { split: 'dev', unanswerable: true, confidence: 0.1 }]) //=> 0.2
 */
export function calibrateMinScore(questions: readonly Pick<HeldoutQuestion, 'split' | 'unanswerable' | 'confidence'>[]): number {
  const dev = questions.filter((q) => q.split === 'dev');
  const answerable = dev.filter((q) => !q.unanswerable).map((q) => q.confidence).sort((a, b) => a - b);
  if (answerable.length === 0) return 0;
  // Refusing below the k-th lowest answerable confidence refuses the k questions under it.
  const ceiling = answerable[Math.floor(answerable.length * MAX_ANSWERABLE_REFUSED)]!;
  // Rounded down to a hundredth, it refuses no more answerable questions than the rule allows.
  const highest = Math.floor(ceiling * 100 + 1e-9) / 100;
  const refusable = dev.filter((q) => q.unanswerable && q.confidence < highest).map((q) => q.confidence);
  if (refusable.length === 0) return highest;
  const hardest = Math.max(...refusable);
  const next = answerable.find((confidence) => confidence > hardest) ?? highest;
  const midway = Math.round(((hardest + next) / 2) * 100) / 100;
  return Math.min(highest, midway > hardest ? midway : (Math.floor(hardest * 100 + 1e-9) + 1) / 100);
}

/** Refusal figures of a threshold: a question is refused when its best confidence is below it. */
export function refusalAt(questions: readonly Pick<HeldoutQuestion, 'unanswerable' | 'confidence'>[], minScore: number): Refusal {
  return refusal(questions.map((q) => ({ unanswerable: q.unanswerable, answered: q.confidence >= minScore })));
}
