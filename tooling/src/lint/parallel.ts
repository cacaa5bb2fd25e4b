/**
 * Lints many files on every core: the main thread and worker threads pull batches from one queue
 * (the Markdown parser dominates the cost, and it is CPU-bound). Workers run a bundle of the lint
 * code made with esbuild (about 15 ms), so they start without compiling TypeScript; where the
 * bundle cannot be written they load the sources through tsx, which is slower to start.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
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
/** Below this many files, starting workers (about a second) costs more than it saves. */
const AUTO_MIN_FILES = 400;

export interface LintFilesOptions {
  readonly load: Omit<LoadOptions, 'root'>;
  readonly settings: EngineSettings;
  /** Threads to use, the main one included (`0`: one per core for 400 files or more). @default 1 */
  readonly threads?: number;
  /** Called as batches of files are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Lints files, in order of `jobs`. */
export async function lintFiles(jobs: readonly FileJob[], options: LintFilesOptions): Promise<FileResult[]> {
  // `0` (auto): one thread per core once the corpus is large enough to repay starting workers.
  const threads = options.threads === 0 ? (jobs.length < AUTO_MIN_FILES ? 1 : availableParallelism()) : (options.threads ?? 1);
  const lintOne = (job: FileJob): FileResult => {
    const atom = readAtom(job.file, { ...options.load, root: job.root });
    const broken = atom.problems.some((p) => p.code.startsWith('file/'));
    return { diagnostics: lintAtom(atom, job.shown, options.settings), facts: broken ? undefined : factsOfAtom(atom, job.shown, options.settings.rule.defaultLanguage) };
  };
  let done = 0;
  const advance = (count: number) => options.onProgress?.((done += count), jobs.length);
  if (threads <= 1 || jobs.length <= BATCH) {
    const results: FileResult[] = [];
    for (let start = 0; start < jobs.length; start += BATCH) {
      for (const job of jobs.slice(start, start + BATCH)) results.push(lintOne(job));
      advance(Math.min(BATCH, jobs.length - start));
    }
    return results;
  }
  const setup: WorkerSetup = {
    load: options.load,
    settings: { rule: options.settings.rule, site: options.settings.site },
    severities: [...options.settings.severities],
  };
  const results: FileResult[] = new Array(jobs.length);
  let next = 0;
  const script = await workerScript();
  const workers = Array.from({ length: Math.min(threads - 1, Math.ceil(jobs.length / BATCH) - 1) }, () => new Worker(script, { workerData: setup }));
  // The main thread takes batches too, yielding between them so worker replies are handled.
  const mainThread = async () => {
    while (next < jobs.length) {
      const start = next;
      next = Math.min(jobs.length, next + BATCH);
      for (let i = start; i < next; i++) results[i] = lintOne(jobs[i]!);
      advance(next - start);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([
      mainThread(),
      ...workers.map(
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
              advance(batch.length);
              send();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (next < jobs.length || code !== 0 ? reject(new Error(`A lint worker stopped (exit code ${code}).`)) : resolve()));
            send();
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

const BUNDLE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/atomkit/', import.meta.url));

/** The worker's code as one ES module (dependencies stay imports), or the tsx entry as a fallback. */
async function workerScript(): Promise<URL> {
  try {
    const { build } = await import('esbuild');
    mkdirSync(BUNDLE_DIR, { recursive: true });
    const out = `${BUNDLE_DIR}lint-worker.mjs`;
    // Written aside and renamed, so a run that starts at the same time never loads half a file.
    const temp = `${out}.${process.pid}.tmp.mjs`;
    await build({
      entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: temp,
      logLevel: 'silent',
    });
    renameSync(temp, out);
    return new URL(`file://${out}`);
  } catch {
    return new URL('./worker-entry.js', import.meta.url);
  }
}
