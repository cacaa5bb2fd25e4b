/**
 * "Did you mean …?" suggestions: the closest candidate, only when it is near enough to be a typo
 * or a small rewording rather than a different word.
 */
import { closest, distance } from 'fastest-levenshtein';

export interface DidYouMeanOptions {
  /**
   * Largest edit distance, as a share of the longer string, still worth suggesting. Field names
   * and codes want typos only; titles are reworded, so callers allow more.
   * @default 1/3
   */
  readonly maxEditRatio?: number;
}

/**
 * @example didYouMean('titel', ['title', 'summary']) //=> 'title'
 * @example didYouMean('zzz', ['title', 'summary']) //=> undefined
 */
export function didYouMean(value: string, candidates: readonly string[], options: DidYouMeanOptions = {}): string | undefined {
  if (candidates.length === 0) return undefined;
  const guess = closest(value, [...candidates]);
  const limit = Math.max(2, Math.floor(Math.max(value.length, guess.length) * (options.maxEditRatio ?? 1 / 3)));
  return distance(value.toLowerCase(), guess.toLowerCase()) <= limit ? guess : undefined;
}
