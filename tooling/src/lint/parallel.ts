/**
 * Lints many files on every core: the main thread and worker threads pull batches from one queue
 * (the Markdown parser dominates the cost, and it is CPU-bound). Workers run the compiled worker
 * module; run from the TypeScript sources (tests), they load them through tsx.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { readAtom, type LoadOptions } from '../atom/load.js';
import { RUNS_COMPILED } from '../package/files.js';
import { factsOfAtom, type EntryFacts } from './corpus.js';
import { lintAtom, type EngineSettings } from './engine.js';
import type { Diagnostic } from './types.js';

export interface FileJob {
  readonly file: string;
  /** Folder ids are relative to. */
  readonly root: string;
  /** Path shown in diagnostics. */
  readonly shown: string;
  /** The file's bytes, when they were read already. */
  readonly bytes?: Uint8Array;
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
  readonly jobs: readonly FileJob[];
  /** The shared queue: index 0 holds the next unclaimed job. */
  readonly queue: Int32Array;
}

/** Files per claim: small enough that no thread is left with a long tail at the end. */
const BATCH = 20;
/** Below this many files, starting workers costs more than it saves. */
const AUTO_MIN_FILES = 400;

export interface LintFilesOptions {
  readonly load: Omit<LoadOptions, 'root'>;
  readonly settings: EngineSettings;
  /** Threads to use, the main one included (`0`: one per core for 400 files or more). @default 1 */
  readonly threads?: number;
  /** Called as batches of files are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Lints one file: its diagnostics, and the header facts the cross-file rules need. */
export function lintJob(job: FileJob, load: Omit<LoadOptions, 'root'>, settings: EngineSettings): FileResult {
  const atom = readAtom(job.file, { ...load, root: job.root }, job.bytes);
  const broken = atom.problems.some((p) => p.code.startsWith('file/'));
  return { diagnostics: lintAtom(atom, job.shown, settings), facts: broken ? undefined : factsOfAtom(atom, job.shown, settings.rule.defaultLanguage) };
}

/** Takes the next batch off the shared queue: `[start, end)`, or undefined when none is left. */
export function claimBatch(queue: Int32Array, total: number): [number, number] | undefined {
  const start = Atomics.add(queue, 0, BATCH);
  return start < total ? [start, Math.min(total, start + BATCH)] : undefined;
}

/**
 * Lints files, in order of `jobs`. With threads, every thread (the main one too) claims batches
 * from one queue in shared memory, so none waits for another to hand it work: a worker that is
 * still starting simply joins late, and the main thread only stores what workers send back.
 */
export async function lintFiles(jobs: readonly FileJob[], options: LintFilesOptions): Promise<FileResult[]> {
  // `0` (auto): one thread per core once the corpus is large enough to repay starting workers.
  const threads = options.threads === 0 ? (jobs.length < AUTO_MIN_FILES ? 1 : availableParallelism()) : (options.threads ?? 1);
  const results: FileResult[] = new Array(jobs.length);
  let done = 0;
  const advance = (count: number) => options.onProgress?.((done += count), jobs.length);
  const queue = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const mainThread = async () => {
    for (let batch = claimBatch(queue, jobs.length); batch; batch = claimBatch(queue, jobs.length)) {
      const [start, end] = batch;
      for (let i = start; i < end; i++) results[i] = lintJob(jobs[i]!, options.load, options.settings);
      advance(end - start);
      // Lets the progress bar draw and worker replies land.
      if (threads > 1) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  if (threads <= 1 || jobs.length <= BATCH) {
    await mainThread();
    return results;
  }
  const setup: WorkerSetup = {
    load: options.load,
    settings: { rule: options.settings.rule, docs: options.settings.docs },
    severities: [...options.settings.severities],
    jobs,
    queue,
  };
  const script = workerScript();
  const workers = Array.from({ length: Math.min(threads - 1, Math.ceil(jobs.length / BATCH) - 1) }, () => new Worker(script, { workerData: setup }));
  try {
    await Promise.all([
      mainThread(),
      ...workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.on('message', ({ start, batch }: { start: number; batch: FileResult[] }) => {
              batch.forEach((result, i) => (results[start + i] = result));
              advance(batch.length);
            });
            worker.once('error', reject);
            // A worker ends once the queue is empty; any other ending loses the batch it held.
            worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`A lint worker stopped (exit code ${code}).`))));
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

/** The worker's code: the compiled module, or the sources through tsx. */
function workerScript(): URL {
  return new URL(RUNS_COMPILED ? './worker.js' : './worker-entry.js', import.meta.url);
}
