import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openRetriever } from '../../src/retrieval/api.js';
import { buildIndex } from '../../src/retrieval/build.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { garbage, overwrite } from './damage.js';
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

/** Runs the CLI until it exits, or until it listens: then asks one question and stops it. */
async function runCli(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; listened: boolean }> {
  const child = spawn(process.execPath, [BIN, '-C', project.root, ...args], {
    env: { ...process.env, CI: '1', ATOMKIT_MODEL_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let listened = false;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const url = /listening on (http:\S+)/.exec(chunk)?.[1];
    if (!url || listened) return;
    listened = true;
    // A server that started on a damaged index: the first question is what used to kill it.
    void fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"restore the database from a backup"}' })
      .catch(() => undefined)
      .finally(() => child.kill('SIGTERM'));
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr, listened })));
}

test('a dense index overwritten past its header stops `atomkit search` and `atomkit serve` with exit 2 and the rebuild message, not a segmentation fault', { timeout: 120_000 }, async () => {
  generateCorpus({ dir: path.join(project.atoms, 'bulk'), count: 40 });
  const { dir } = await buildIndex(project.config(), quiet);
  overwrite(path.join(dir, 'dense.hnsw'), 2000, garbage(60_000));
  const message = 'The search index at .atomkit/index is damaged (dense.hnsw does not match the checksum recorded when the index was built). Rebuild it with `atomkit index --full`.';

  const search = await runCli(['search', 'restore the database from a backup']);
  expect({ code: search.code, signal: search.signal }).toEqual({ code: 2, signal: null });
  expect(search.stderr).toContain(message);

  const serve = await runCli(['serve', '--port', '0', '--host', '127.0.0.1']);
  expect({ code: serve.code, signal: serve.signal, listened: serve.listened }).toEqual({ code: 2, signal: null, listened: false });
  expect(serve.stderr).toContain(message);
});
