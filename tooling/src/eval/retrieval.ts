/**
 * Runs every ranker over every question and scores the rankings: overall, per question kind, per
 * atom type of the gold atoms and per question language.
 */
import { aggregate, aggregateBy, scoreRanking, type Metrics, type QuestionScore } from './metrics.js';
import type { Question, Split } from './questions.js';
import type { Ranker, SystemName, Unavailable } from './ranker.js';

export interface QuestionResult {
  readonly id: string;
  readonly kind: string;
  readonly language: string;
  readonly split: Split;
  readonly gold: readonly string[];
  /** Atom types of the gold atoms. */
  readonly types: readonly string[];
  readonly ranked: readonly string[];
  readonly score: QuestionScore;
  readonly ms: number;
}

export interface SystemReport {
  readonly name: SystemName;
  /** Why the system did not run; the other fields are absent then. */
  readonly unavailable?: string;
  readonly overall?: Metrics;
  readonly byKind?: Record<string, Metrics>;
  readonly byType?: Record<string, Metrics>;
  readonly byLanguage?: Record<string, Metrics>;
  /** The dev part (tuned on) and the test part (only reported). */
  readonly bySplit?: Record<string, Metrics>;
  /** Questions the system returned nothing for. */
  readonly noResults?: number;
  /** Per-question latency. */
  readonly latencyMs?: { readonly p50: number; readonly p95: number };
  readonly results?: readonly QuestionResult[];
}

export interface RunOptions {
  readonly questions: readonly Question[];
  /** Atom id -> atom type, for the per-type breakdown. */
  readonly atomTypes: ReadonlyMap<string, string>;
  readonly onQuestion?: (system: SystemName, done: number, total: number) => void;
}

export async function evaluateRankers(rankers: readonly (Ranker | Unavailable)[], options: RunOptions): Promise<SystemReport[]> {
  const reports: SystemReport[] = [];
  for (const ranker of rankers) {
    reports.push('unavailable' in ranker ? { name: ranker.name, unavailable: ranker.unavailable } : await evaluateRanker(ranker, options));
  }
  return reports;
}

export async function evaluateRanker(ranker: Ranker, { questions, atomTypes, onQuestion }: RunOptions): Promise<SystemReport> {
  const results: QuestionResult[] = [];
  for (const question of questions) {
    const started = performance.now();
    const ranked = await ranker.rank({ text: question.text, language: question.language });
    const ms = performance.now() - started;
    const types = question.gold.map((id) => atomTypes.get(id) ?? 'unknown');
    results.push({ id: question.id, kind: question.kind, language: question.language, split: question.split, gold: question.gold, types, ranked, score: scoreRanking(ranked, question.gold), ms });
    onQuestion?.(ranker.name, results.length, questions.length);
  }
  const score = (result: QuestionResult) => result.score;
  return {
    name: ranker.name,
    overall: aggregate(results.map(score)),
    byKind: aggregateBy(results, (r) => [r.kind], score),
    byType: aggregateBy(results, (r) => r.types, score),
    byLanguage: aggregateBy(results, (r) => [r.language], score),
    bySplit: aggregateBy(results, (r) => [r.split], score),
    noResults: results.filter((r) => r.ranked.length === 0).length,
    latencyMs: { p50: percentile(results.map((r) => r.ms), 0.5), p95: percentile(results.map((r) => r.ms), 0.95) },
    results,
  };
}

/**
 * Nearest-rank percentile, rounded to 0.1 ms.
 *
 * @example percentile([1, 2, 3, 4], 0.5) //=> 2
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  return Math.round(value * 10) / 10;
}

/** Questions a system missed within the top 5, for the failure list of the report. */
export function misses(report: SystemReport): QuestionResult[] {
  return (report.results ?? []).filter((result) => result.score.hit5 === 0);
}
