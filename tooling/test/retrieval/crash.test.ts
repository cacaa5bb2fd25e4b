import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openRetriever } from '../../src/retrieval/api.js';
import { buildIndex } from '../../src/retrieval/build.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { makeProject, type TestProject } from './project.js';

const BIN = fileURLToPath(new URL('../../../bin/atomkit.js', import.meta.url));
const quiet = { env: {}, onWarning: (message: string) => void message };
let project: TestProject;
beforeEach(() => {
  project = makeProject();
});
afterEach(() => project.remove());

const leftovers = () => readdirSync(path.join(project.root, '.atomkit')).filter((name) => name.startsWith('index.'));

test('a build killed while embedding leaves the previous index in place and loadable', { timeout: 120_000 }, async () => {
  const config = project.config();
  const first = await buildIndex(config, quiet);
  generateCorpus({ dir: path.join(project.atoms, 'bulk'), count: 40 });

  const child = spawn(process.execPath, [BIN, '-C', project.root, 'index'], {
    env: { ...process.env, CI: '1', ATOMKIT_MODEL_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exit = await new Promise<NodeJS.Signals | null>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes('Embedding:') && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('close', (_code, signal) => resolve(signal));
  });
  expect(exit).toBe('SIGKILL');
  expect(leftovers().some((name) => name.startsWith('index.tmp-'))).toBe(true);

  const retriever = await openRetriever(config, quiet);
  expect(retriever.manifest.contentHash).toBe(first.manifest.contentHash);
  expect(retriever.manifest.counts.units).toBe(first.manifest.counts.units);
  const [hit] = await retriever.search('restore the database from a backup', { k: 1 });
  expect(hit?.atomId).toBe('procedure/restore-database-backup');
  retriever.close();

  // The next build clears what the killed one left and finishes.
  const next = await buildIndex(config, quiet);
  expect(next.report.atoms).toBe(first.report.atoms + 40);
  expect(leftovers()).toEqual([]);
});
