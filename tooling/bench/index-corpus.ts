/**
 * A generated corpus (generate-corpus.ts) in a temporary project whose config points at the
 * generated test model, standing in for the default embedding model (no hub access here).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AtomkitConfig } from '../src/config/load.js';
import { generateCorpus } from './generate-corpus.js';

const MODEL_DIR = fileURLToPath(new URL('../test/fixtures/models', import.meta.url));

export interface BenchProject {
  readonly root: string;
  readonly atoms: string;
  readonly config: AtomkitConfig;
  remove(): void;
}

export function benchProject(count: number): BenchProject {
  const root = mkdtempSync(path.join(os.tmpdir(), `atomkit-index-bench-${count}-`));
  const atoms = path.join(root, 'atoms');
  generateCorpus({ dir: atoms, count });
  writeFileSync(
    path.join(root, 'atomkit.config.yaml'),
    `index:\n  embedder:\n    model: atomkit-test/tiny-bert\n    modelDir: ${JSON.stringify(MODEL_DIR)}\n    allowRemote: false\n`,
  );
  return { root, atoms, config: loadConfig({ cwd: root, env: {} }), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** One measurement line in the protocol of results.ts. */
export function bench(name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`BENCH ${JSON.stringify({ name, value: Math.round(value * 1000) / 1000, unit, ...extra })}\n`);
}

export function countArg(fallback: number): number {
  const n = Number(process.argv[2]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Wall-clock and CPU seconds of `fn` (CPU: this process, all threads), and the machine's load
 * average meanwhile: on a shared machine the wall clock alone says more about the neighbours.
 */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number; load: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  return { result, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, load: Math.round(os.loadavg()[0]! * 10) / 10 };
}

const QUERY_WORDS = 'queue worker retries request token cache deploy cluster replica index backup restore timeout latency error alert dashboard release rollback migration schema quota storage network gateway certificate secret permission session batch threshold capacity'.split(' ');
const QUERY_NOUNS = 'Billing Ingest Search Auth Payments Reports Export Scheduler Gateway Storage'.split(' ');

/**
 * Question `i` of a fixed sequence asked of a generated corpus of `count` atoms: how-to, keyword,
 * pasted log line (an error code of the corpus) and why questions in turn, the same in every run.
 */
export function benchQuery(i: number, count: number): string {
  let seed = 7 + i * 48271;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  switch (i % 4) {
    case 0:
      return `how do I ${pick(QUERY_WORDS)} the ${pick(QUERY_NOUNS)} ${pick(QUERY_WORDS)} when the ${pick(QUERY_WORDS)} fails`;
    case 1:
      return `${pick(QUERY_WORDS)} ${pick(QUERY_WORDS)} ${pick(QUERY_WORDS)}`;
    case 2:
      return `2025-03-14T10:22:01Z ERROR [${pick(QUERY_NOUNS)}] E${1000 + Math.floor(rand() * count)} ${pick(QUERY_WORDS)} ${pick(QUERY_WORDS)} exceeded`;
    default:
      return `why does the ${pick(QUERY_NOUNS)} service ${pick(QUERY_WORDS)} keep hitting the ${pick(QUERY_WORDS)} ${pick(QUERY_WORDS)} limit after a release?`;
  }
}
