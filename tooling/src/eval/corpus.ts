/**
 * Question sets about another project's docs (`corpus:` in the set): the docs are imported with
 * `atomkit import` and indexed, at run time, in a workspace under the project's
 * `.atomkit/eval-corpora/`, so neither the docs nor the drafts made from them enter the
 * repository, and every run measures the importer as it is now.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig, type AtomkitConfig } from '../config/load.js';
import { memoryIo } from '../cli/io.js';
import { buildIndex } from '../retrieval/build.js';
import { runImport } from '../studio/import/run.js';

/** Thrown when a corpus cannot be imported or indexed; the CLI prints it as one line. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/**
 * The workspace folder of a question set's corpus: named after the set file, with a hash of the
 * corpus path so two sets about different folders never share one.
 *
 * @example corpusWorkspace('/kb', '/kb/eval/corpora/pnpm.yaml', '/docs/pnpm') //=> '/kb/.atomkit/eval-corpora/pnpm-1f0c…'
 */
export function corpusWorkspace(root: string, setFile: string, corpus: string): string {
  const hash = createHash('sha256').update(path.resolve(corpus)).digest('hex').slice(0, 10);
  return path.join(root, '.atomkit', 'eval-corpora', `${path.basename(setFile).replace(/\.ya?ml$/i, '')}-${hash}`);
}

/**
 * Imports the corpus into a fresh workspace and builds its index with the project's embedder
 * settings; returns the workspace's configuration.
 */
export async function prepareCorpus(config: AtomkitConfig, setFile: string, corpus: string, onWarning?: (message: string) => void): Promise<AtomkitConfig> {
  if (!existsSync(corpus)) throw new CorpusError(`The corpus folder ${corpus} named by ${path.relative(config.root, setFile) || setFile} does not exist.`);
  const dir = corpusWorkspace(config.root, setFile, corpus);
  rmSync(path.join(dir, 'atoms'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'atoms'), { recursive: true });
  const { embedder } = config.index;
  // Embeddings and downloaded models are shared with the project: only the atoms differ.
  const settings = {
    atoms: { dir: 'atoms', locales: [] },
    // Refusing follows the project's calibrated threshold, so the corpus measures the same answerer.
    bot: { minScore: config.bot.minScore },
    index: {
      // Imported pages are drafts until reviewed; the eval measures them as the importer made them.
      includeDrafts: true,
      embedder: {
        ...embedder,
        cacheDir: path.resolve(config.root, embedder.cacheDir),
        ...(embedder.modelDir ? { modelDir: path.resolve(config.root, embedder.modelDir) } : {}),
      },
    },
  };
  writeFileSync(path.join(dir, 'atomkit.config.yaml'), stringify(settings));
  const corpusConfig = loadConfig({ cwd: dir, env: {} });
  const io = memoryIo();
  const code = await runImport({ folder: corpus, out: 'atoms', author: 'atomkit eval', today: '2026-01-01' }, corpusConfig, io);
  if (code !== 0) throw new CorpusError(`Importing ${corpus} failed (exit ${code}): ${io.err.trim().split('\n')[0] ?? ''}`);
  await buildIndex(corpusConfig, { full: true, ...(onWarning ? { onWarning } : {}) });
  return corpusConfig;
}
