/**
 * A lint worker thread: parses and lints the batches of files it is sent, and returns their
 * diagnostics and the header facts the cross-file rules need.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readAtom } from '../atom/load.js';
import { factsOfAtom } from './corpus.js';
import { lintAtom } from './engine.js';
import type { FileJob, FileResult, WorkerSetup } from './parallel.js';
import type { SeveritySetting } from './types.js';
import { RULE_CODES } from './registry.js';

const setup = workerData as WorkerSetup;
const settings = { ...setup.settings, severities: new Map(setup.severities as [string, SeveritySetting][]) };

parentPort!.on('message', (jobs: FileJob[]) => {
  const results: FileResult[] = jobs.map((job) => {
    const atom = readAtom(job.file, { ...setup.load, root: job.root });
    const broken = atom.problems.some((p) => p.code.startsWith('file/'));
    return { diagnostics: lintAtom(atom, job.shown, settings), facts: broken ? undefined : factsOfAtom(atom, job.shown, setup.settings.rule.defaultLanguage) };
  });
  parentPort!.postMessage(results);
});
// Keeps the registry (and its rule modules) loaded before the first batch arrives.
void RULE_CODES;
