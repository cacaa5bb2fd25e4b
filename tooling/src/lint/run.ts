/**
 * Lints a project: picks the files (the configured atoms folder, given paths, or what git says
 * changed), parses them, runs the per-file rules on each and the cross-file rules on the whole
 * corpus, and returns sorted diagnostics.
 */
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { projectPath, type AtomkitConfig } from '../config/load.js';
import { findAtomFiles } from '../atom/load.js';
import { linksOutside } from '../atom/outside-links.js';
import { contentHash, lintFingerprint, openLintCache, type LintCache } from './cache.js';
import { changedFiles } from './changed.js';
import { headerData, readHeaderEntry, titleKey, toEntry } from './corpus.js';
import { lintCorpus, sortDiagnostics, type EngineSettings } from './engine.js';
import { lintInterviewFiles } from './interviews.js';
import { lintFiles, type FileJob, type FileResult, type LintFilesOptions } from './parallel.js';
import { resolveSeverities } from './severity.js';
import type { CorpusEntry, Diagnostic } from './types.js';

export interface LintRunOptions {
  readonly config: AtomkitConfig;
  /** Files or folders to lint (relative to `cwd`); default: the configured atoms folder. */
  readonly paths?: readonly string[];
  /** Lint only what changed since this git ref (`true`: the default base). */
  readonly changed?: boolean | { readonly base?: string };
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Worker threads (0: one per core). @default 1 (the main thread) */
  readonly threads?: number;
  /** Reuse the results of unchanged files from the lint cache. @default config.lint.cache */
  readonly cache?: boolean;
  /** @default config.lint.cacheFile */
  readonly cacheFile?: string;
  /** Called as files are parsed and linted (files taken from the cache are not counted). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LintRunResult {
  readonly diagnostics: Diagnostic[];
  /** How many files were linted in full. */
  readonly files: number;
  /** How many atoms the cross-file checks saw. */
  readonly corpus: number;
  /** How many of the files linted in full took their results from the cache. */
  readonly cached: number;
  /** Why the cache could not be written, when it could not. */
  readonly cacheProblem?: string;
}

/** A path that does not exist, or another mistake in how lint was called (exit 2). */
export class LintUsageError extends Error {
  override name = 'LintUsageError';
}

/** Project-relative POSIX path of a file. */
export function projectFile(config: Pick<AtomkitConfig, 'root'>, absolute: string): string {
  const rel = path.relative(config.root, absolute);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel).split(path.sep).join('/');
}

/** The engine settings of a configuration (severities validated here: unknown codes throw ConfigError). */
export function engineSettings(config: AtomkitConfig): EngineSettings {
  return {
    severities: resolveSeverities(config),
    rule: { minWords: config.lint.minWords, maxWords: config.lint.maxWords, languages: config.lint.languages, defaultLanguage: config.atoms.defaultLanguage, siteBase: config.site.base },
    docs: docsSite(config.lint.docsUrl),
  };
}

/**
 * Origin and base path of the site that documents the rules.
 *
 * @example docsSite('https://docs.example.org/kb') //=> { url: 'https://docs.example.org', base: '/kb/' }
 */
export function docsSite(docsUrl: string): EngineSettings['docs'] {
  const url = new URL(docsUrl);
  return { url: url.origin, base: url.pathname.replace(/\/?$/, '/') };
}

function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * @example (await runLint({ config })).diagnostics //=> [{ code: 'frontmatter/schema', file: 'atoms/x.md', ... }]
 */
export async function runLint(options: LintRunOptions): Promise<LintRunResult> {
  const { config } = options;
  const cwd = options.cwd ?? process.cwd();
  const settings = engineSettings(config);
  const atomsDir = config.atoms.dirAbs;
  const ignored = (absolute: string) => config.lint.ignore.some((glob) => minimatch(projectFile(config, absolute), glob, { dot: true }));

  // Which files are linted in full, and against which root their ids are computed.
  const targets = new Map<string, string>();
  const transcripts = new Set<string>();
  const isTranscript = (absolute: string) => inside(config.atoms.interviewsAbs, absolute) && /\.md$/i.test(absolute);
  const keys = new Set<string>();
  let corpusFromAtomsDir = true;
  if (options.changed) {
    const base = typeof options.changed === 'object' ? options.changed.base : undefined;
    const git = changedFiles(cwd, base);
    for (const file of git.changed) {
      if (ignored(file)) continue;
      if (isTranscript(file)) transcripts.add(file);
      else if (inside(atomsDir, file) && /\.md$/i.test(file)) targets.set(file, atomsDir);
    }
    // Titles an atom had at the base and lost: links to them in unchanged atoms broke here.
    for (const file of [...git.changed, ...git.deleted]) {
      if (!inside(atomsDir, file) || !/\.md$/i.test(file)) continue;
      const before = git.readAtBase(file);
      const title = before === undefined ? undefined : (headerData(before) as { title?: unknown } | undefined)?.title;
      if (typeof title === 'string') keys.add(`title:${titleKey(title)}`);
    }
  } else if (options.paths && options.paths.length > 0) {
    for (const given of options.paths) {
      const absolute = path.resolve(cwd, given);
      try {
        lstatSync(absolute);
      } catch {
        throw new LintUsageError(`No such file or folder: ${given}`);
      }
      const root = inside(atomsDir, absolute) ? atomsDir : isDir(absolute) ? absolute : path.dirname(absolute);
      const files = findAtomFiles(absolute, config.root).filter((file) => !ignored(file));
      for (const file of files.filter(isTranscript)) transcripts.add(file);
      const atoms = files.filter((file) => !isTranscript(file));
      if (atoms.length > 0 && root !== atomsDir) corpusFromAtomsDir = false;
      for (const file of atoms) targets.set(file, root);
    }
  } else {
    for (const file of findAtomFiles(atomsDir, config.root)) if (!ignored(file) && file !== atomsDir) targets.set(file, atomsDir);
    if (isDir(config.atoms.interviewsAbs)) for (const file of findAtomFiles(config.atoms.interviewsAbs, config.root)) if (!ignored(file)) transcripts.add(file);
  }

  const diagnostics: Diagnostic[] = [];
  const entries: CorpusEntry[] = [];
  const jobs = [...targets].map(([file, root]) => ({ file, root, shown: projectFile(config, file) }));
  const { maxFileBytes } = config.lint;
  const load = { base: config.site.base, locales: config.atoms.locales, maxFileBytes };
  const lintOptions: LintFilesOptions = { load: { ...load, projectRoot: config.root }, settings, ...(options.threads !== undefined ? { threads: options.threads } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  const useCache = options.cache ?? config.lint.cache;
  const cache = useCache
    ? openLintCache(projectPath(config, options.cacheFile ?? config.lint.cacheFile), lintFingerprint({ load, rule: settings.rule, docs: settings.docs, severities: [...settings.severities] }))
    : undefined;
  const { results, cached } = cache ? await lintWithCache(jobs, lintOptions, cache, { maxFileBytes, projectRoot: config.root }) : { results: await lintFiles(jobs, lintOptions), cached: 0 };
  const cacheProblem = cache?.save((shown) => existsSync(path.resolve(config.root, shown)));
  results.forEach((result, i) => {
    keys.add(`file:${jobs[i]!.shown}`);
    diagnostics.push(...result.diagnostics);
    if (result.facts) entries.push(toEntry(result.facts));
  });

  // The rest of the atoms folder takes part in cross-file checks from a header-only read.
  if (corpusFromAtomsDir && isDir(atomsDir)) {
    for (const file of findAtomFiles(atomsDir, config.root)) {
      if (targets.has(file) || ignored(file)) continue;
      const shown = projectFile(config, file);
      entries.push(
        readHeaderEntry(file, path.relative(atomsDir, file), { root: atomsDir, projectRoot: config.root, locales: config.atoms.locales, defaultLanguage: config.atoms.defaultLanguage, file: shown }),
      );
    }
  }
  for (const finding of lintCorpus(entries, settings)) {
    if (finding.involves.some((key) => keys.has(key))) diagnostics.push(finding.diagnostic);
  }
  diagnostics.push(...lintInterviewFiles([...transcripts], settings, { root: config.root, maxFileBytes }));
  return { diagnostics: sortDiagnostics(diagnostics), files: targets.size + transcripts.size, corpus: entries.length, cached, ...(cacheProblem ? { cacheProblem } : {}) };
}

/** Lints the files whose bytes the cache has not seen, and takes the rest from it. */
async function lintWithCache(
  jobs: readonly FileJob[],
  options: LintFilesOptions,
  cache: LintCache,
  limits: { readonly maxFileBytes: number; readonly projectRoot: string },
): Promise<{ results: FileResult[]; cached: number }> {
  const results: FileResult[] = new Array(jobs.length);
  const misses: { index: number; hash: string | undefined; bytes: Buffer | undefined }[] = [];
  jobs.forEach((job, index) => {
    let bytes: Buffer | undefined;
    try {
      // Oversized, unreadable and linked-out files are never cached: the loader reports them each time.
      if (statSync(job.file).size <= limits.maxFileBytes && !linksOutside(job.file, limits.projectRoot)) bytes = readFileSync(job.file);
    } catch {
      bytes = undefined;
    }
    const hash = bytes && contentHash(bytes);
    const hit = hash === undefined ? undefined : cache.get(job.shown, job.root, hash);
    if (hit) results[index] = hit;
    // A miss is parsed from the bytes just hashed: read once, and stored under the hash of what was linted.
    else misses.push({ index, hash, bytes });
  });
  const fresh = await lintFiles(
    misses.map((miss) => ({ ...jobs[miss.index]!, ...(miss.bytes ? { bytes: miss.bytes } : {}) })),
    options,
  );
  misses.forEach((miss, i) => {
    const result = fresh[i]!;
    results[miss.index] = result;
    if (miss.hash !== undefined) cache.set(jobs[miss.index]!.shown, jobs[miss.index]!.root, miss.hash, result);
  });
  return { results, cached: jobs.length - misses.length };
}

function isDir(target: string): boolean {
  try {
    return statSync(target).isDirectory();
  } catch {
    return false;
  }
}
