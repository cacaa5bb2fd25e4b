/**
 * The committed regression thresholds (`eval/thresholds.json`): the lowest figures retrieval may
 * show on the project's own atoms before `npm test` fails.
 */
import { readFileSync } from 'node:fs';
import type { Metrics } from './metrics.js';
import type { SystemReport } from './retrieval.js';

type Gated = 'hit1' | 'hit3' | 'hit5' | 'mrr' | 'ndcg5';
/** Per system, the minimum of each gated metric. */
export type Thresholds = Readonly<Record<string, Readonly<Partial<Record<Gated, number>>>>>;

const GATED: readonly Gated[] = ['hit1', 'hit3', 'hit5', 'mrr', 'ndcg5'];

/** Reads and checks the thresholds file; a bad file throws an Error naming the file and the entry. */
export function loadThresholds(file: string): Thresholds {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the thresholds: ${(error as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: expected an object of systems, found ${JSON.stringify(data)}.`);
  for (const [system, limits] of Object.entries(data)) {
    if (system === '$comment') continue;
    if (!limits || typeof limits !== 'object' || Array.isArray(limits)) throw new Error(`${file}: \`${system}\` must be an object of metric minimums.`);
    for (const [metric, value] of Object.entries(limits)) {
      if (!GATED.includes(metric as Gated)) throw new Error(`${file}: unknown metric \`${system}.${metric}\`, expected one of ${GATED.join(', ')}.`);
      if (typeof value !== 'number' || value < 0 || value > 1) throw new Error(`${file}: \`${system}.${metric}\` must be a number from 0 to 1, found ${JSON.stringify(value)}.`);
    }
  }
  const { $comment: _comment, ...thresholds } = data as Record<string, unknown>;
  return thresholds as Thresholds;
}

export interface ThresholdFailure {
  readonly system: string;
  readonly metric: Gated;
  readonly minimum: number;
  /** null when the system did not run. */
  readonly actual: number | null;
}

/**
 * Metrics below their thresholds (a gated system that did not run fails too).
 *
 * @example checkThresholds([{ name: 'hybrid', overall: { n: 1, hit1: 0, hit3: 0, hit5: 0.8, mrr: 0.8, ndcg5: 0.8 } }], { hybrid: { hit5: 0.9 } })
 * //=> [{ system: 'hybrid', metric: 'hit5', minimum: 0.9, actual: 0.8 }]
 */
export function checkThresholds(systems: readonly Pick<SystemReport, 'name' | 'overall'>[], thresholds: Thresholds): ThresholdFailure[] {
  const failures: ThresholdFailure[] = [];
  for (const [system, limits] of Object.entries(thresholds)) {
    const overall: Metrics | undefined = systems.find((s) => s.name === system)?.overall;
    for (const metric of GATED) {
      const minimum = limits[metric];
      if (minimum === undefined) continue;
      const actual = overall ? overall[metric] : null;
      // Compared at 6 decimals, so float noise in a mean never fails a gate it meets.
      if (actual === null || Math.round(actual * 1e6) < Math.round(minimum * 1e6)) failures.push({ system, metric, minimum, actual });
    }
  }
  return failures;
}
