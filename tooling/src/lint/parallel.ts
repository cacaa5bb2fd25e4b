/**
 * Lints many files on every core: worker threads pull batches from a queue (the Markdown parser
 * dominates the cost, and it is CPU-bound). By default everything runs on the main thread: each
 * worker loads the whole toolchain first, which only pays off on large corpora and idle cores.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readAtom, type LoadOptions } from '../atom/load.js';
import { factsOfAtom, type EntryFacts } from './corpus.js';
import { lintAtom, type EngineSettings } from './engine.js';
import type { Diagnostic } from './types.js';

export interface FileJob {
  readonly file: string;
  /** Folder ids are relative to. */
  readonly root: string;
  /** Path shown in diagnostics. */
  readonly shown: string;
}

export interface FileResult {
  readonly diagnostics: Diagnostic[];
  /** Undefined for files that could not be read. */
  readonly facts: EntryFacts | undefined;
}

export interface WorkerSetup {
  readonly load: Omit<LoadOptions, 'root'>;
  readonly settings: Omit<EngineSettings, 'severities'>;
  readonly severities: [string, string][];
}

const BATCH = 40;

export interface LintFilesOptions {
  readonly load: Omit<LoadOptions, 'root'>;
  readonly settings: EngineSettings;
  /** Worker threads to use (`0`: one per core). @default 1 (the main thread) */
  readonly threads?: number;
}

/** Lints files, in order of `jobs`. */
export async function lintFiles(jobs: readonly FileJob[], options: LintFilesOptions): Promise<FileResult[]> {
  const threads = options.threads === 0 ? availableParallelism() : (options.threads ?? 1);
  if (threads <= 1) {
    return jobs.map((job) => {
      const atom = readAtom(job.file, { ...options.load, root: job.root });
      const broken = atom.problems.some((p) => p.code.startsWith('file/'));
      return { diagnostics: lintAtom(atom, job.shown, options.settings), facts: broken ? undefined : factsOfAtom(atom, job.shown, options.settings.rule.defaultLanguage) };
    });
  }
  const setup: WorkerSetup = {
    load: options.load,
    settings: { rule: options.settings.rule, site: options.settings.site },
    severities: [...options.settings.severities],
  };
  const results: FileResult[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, Math.ceil(jobs.length / BATCH)) }, () => new Worker(new URL('./worker-entry.js', import.meta.url), { workerData: setup }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let start = 0;
            const send = () => {
              if (next >= jobs.length) return resolve();
              start = next;
              next = Math.min(jobs.length, next + BATCH);
              worker.postMessage(jobs.slice(start, next));
            };
            worker.on('message', (batch: FileResult[]) => {
              batch.forEach((result, i) => (results[start + i] = result));
              send();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (next < jobs.length || code !== 0 ? reject(new Error(`A lint worker stopped (exit code ${code}).`)) : resolve()));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
