/**
 * A lint worker thread: claims batches of files from the shared queue until it is empty, and
 * sends back each batch's diagnostics and the header facts the cross-file rules need.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { claimBatch, lintJob, type WorkerSetup } from './parallel.js';
import type { SeveritySetting } from './types.js';

const setup = workerData as WorkerSetup;
const settings = { ...setup.settings, severities: new Map(setup.severities as [string, SeveritySetting][]) };

for (let claim = claimBatch(setup.queue, setup.jobs.length); claim; claim = claimBatch(setup.queue, setup.jobs.length)) {
  const [start, end] = claim;
  parentPort!.postMessage({ start, batch: setup.jobs.slice(start, end).map((job) => lintJob(job, setup.load, settings)) });
}
