/**
 * The project's own atoms indexed as a machine without the embedding model indexes them (lexical
 * only), into a temporary folder: what the tests that read answers and rankings of the real atoms search.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AtomkitConfig } from '../src/config/load.js';
import { buildIndex } from '../src/retrieval/build.js';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function offlineProjectIndex(): Promise<{ config: AtomkitConfig; remove(): void }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'atomkit-project-index-'));
  const base = loadConfig({ cwd: projectRoot, env: { ATOMKIT_EMBEDDER: 'none' } });
  const config = { ...base, index: { ...base.index, dir: path.join(tmp, 'index'), cache: path.join(tmp, 'embeddings.sqlite') } } as AtomkitConfig;
  await buildIndex(config, { onWarning: () => {} });
  return { config, remove: () => rmSync(tmp, { recursive: true, force: true }) };
}
