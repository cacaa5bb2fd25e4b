import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-lint-threads-'));
  generateCorpus({ dir: path.join(root, 'atoms'), count: 150 });
  // One broken atom, so the comparison covers diagnostics and not only clean files.
  writeFileSync(path.join(root, 'atoms', 'broken.md'), '---\ntitle: Broken\nrelated: [Nothing by this name]\n---\n\nText.\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test('worker threads find exactly what the main thread alone finds', async () => {
  const config = loadConfig({ cwd: root });
  const alone = await runLint({ config, cwd: root, threads: 1 });
  const shared = await runLint({ config, cwd: root, threads: 2 });
  expect(alone.diagnostics.some((d) => d.file === 'atoms/broken.md' && d.code === 'related/unresolved')).toBe(true);
  expect(shared).toEqual(alone);
});

test('worker threads parse the bytes the cache hashed, and a second run takes every file from the cache', async () => {
  const config = loadConfig({ cwd: root });
  const cacheFile = path.join(root, '.atomkit', 'threads-cache.json');
  const alone = await runLint({ config, cwd: root, threads: 1 });
  const filling = await runLint({ config, cwd: root, threads: 2, cache: true, cacheFile });
  const reusing = await runLint({ config, cwd: root, threads: 2, cache: true, cacheFile });
  expect(filling.cached).toBe(0);
  expect(reusing.cached).toBe(alone.files);
  expect(filling.diagnostics).toEqual(alone.diagnostics);
  expect(reusing.diagnostics).toEqual(alone.diagnostics);
});
