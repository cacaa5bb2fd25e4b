/**
 * Ranking metrics over atom ids: hit@k, reciprocal rank and nDCG@5 with binary relevance (an
 * atom is relevant when it is one of the question's gold atoms), and their means over groups.
 */

/** Ranks deeper than this do not count (MRR is MRR@10). */
export const MAX_RANK = 10;

export interface QuestionScore {
  /** 1-based rank of the first gold atom within MAX_RANK, or null. */
  readonly rank: number | null;
  readonly hit1: number;
  readonly hit3: number;
  readonly hit5: number;
  readonly rr: number;
  readonly ndcg5: number;
}

export interface Metrics {
  /** Number of questions. */
  readonly n: number;
  readonly hit1: number;
  readonly hit3: number;
  readonly hit5: number;
  readonly mrr: number;
  readonly ndcg5: number;
}

/**
 * Keeps the first occurrence of each id, in order (several sections of one atom count once).
 *
 * @example distinctInOrder(['a', 'b', 'a', 'c']) //=> ['a', 'b', 'c']
 */
export function distinctInOrder(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

/**
 * Scores one ranked list of distinct atom ids against the gold ids.
 *
 * @example scoreRanking(['x', 'gold'], ['gold']).rr //=> 0.5
 */
export function scoreRanking(ranked: readonly string[], gold: readonly string[]): QuestionScore {
  const relevant = new Set(gold);
  const top = ranked.slice(0, MAX_RANK);
  const index = top.findIndex((id) => relevant.has(id));
  const rank = index === -1 ? null : index + 1;
  const within = (k: number) => (rank !== null && rank <= k ? 1 : 0);
  return { rank, hit1: within(1), hit3: within(3), hit5: within(5), rr: rank === null ? 0 : 1 / rank, ndcg5: ndcgAt(top, relevant, 5) };
}

/**
 * nDCG@k with binary gains: DCG of the ranking over the DCG of a ranking that puts every gold atom
 * (at most k) first.
 *
 * @example ndcgAt(['a', 'g'], new Set(['g']), 5) //=> 0.6309297535714575
 */
export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Means over the scores (all zero for an empty group). */
export function aggregate(scores: readonly QuestionScore[]): Metrics {
  const n = scores.length;
  const mean = (pick: (score: QuestionScore) => number) => (n === 0 ? 0 : scores.reduce((sum, score) => sum + pick(score), 0) / n);
  return { n, hit1: mean((s) => s.hit1), hit3: mean((s) => s.hit3), hit5: mean((s) => s.hit5), mrr: mean((s) => s.rr), ndcg5: mean((s) => s.ndcg5) };
}

/** Groups items by a key (an item may be in several groups) and aggregates each group, keys sorted. */
export function aggregateBy<T>(items: readonly T[], keys: (item: T) => readonly string[], score: (item: T) => QuestionScore): Record<string, Metrics> {
  const groups = new Map<string, QuestionScore[]>();
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const group = groups.get(key) ?? [];
      group.push(score(item));
      groups.set(key, group);
    }
  }
  return Object.fromEntries([...groups.keys()].sort().map((key) => [key, aggregate(groups.get(key) ?? [])]));
}
