/** The implementation of `atomkit lint`, loaded only when the command runs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AtomkitConfig } from '../config/load.js';
import { repositoryRoot } from '../config/repository.js';
import { GitError } from './changed.js';
import { docsUrlFor } from './engine.js';
import { RULE_CODES, RULE_METAS } from './registry.js';
import { REPORTERS } from './reporters/index.js';
import { engineSettings, LintUsageError, runLint } from './run.js';
import type { Diagnostic } from './types.js';
import type { CliIo } from '../cli/io.js';
import { UsageError } from '../cli/usage-error.js';
import { progress } from '../cli/progress.js';
import type { LintCliOptions } from '../cli/commands/lint.js';

/**
 * Formats read by a code host, which places a finding by its path in the repository: a knowledge
 * base in a folder of one (`docs/kb`) names its files from the repository's root.
 */
const FROM_REPOSITORY_ROOT: ReadonlySet<string> = new Set(['github', 'gitlab', 'sarif']);

/** Runs shorter than this many parsed files finish before a bar would help. */
const PROGRESS_MIN_FILES = 200;

/** The diagnostics with their files named from the root of the repository that holds `root`. */
function fromRepositoryRoot(diagnostics: readonly Diagnostic[], root: string): readonly Diagnostic[] {
  const top = repositoryRoot(root);
  const folder = top === undefined ? '' : path.relative(top, root).split(path.sep).join('/');
  return folder === '' ? diagnostics : diagnostics.map((d) => ({ ...d, file: `${folder}/${d.file}` }));
}

export async function runLintCommand(paths: readonly string[], options: LintCliOptions, config: AtomkitConfig, io: CliIo, cwd: string): Promise<number> {
  let maxWarnings: number | undefined;
  if (options.maxWarnings !== undefined) {
    if (!/^\d+$/.test(options.maxWarnings)) throw new UsageError(`--max-warnings expects a whole number, got \`${options.maxWarnings}\`.`);
    maxWarnings = Number(options.maxWarnings);
  }
  if (!/^\d+$/.test(options.threads)) throw new UsageError(`--threads expects a whole number, got \`${options.threads}\`.`);
  if (options.base !== undefined && !options.changed) throw new UsageError('--base only makes sense with --changed.');
  if (options.changed && paths.length > 0) throw new UsageError('--changed picks the files itself; give either paths or --changed.');
  const settings = engineSettings(config);
  if (options.listRules) {
    for (const code of RULE_CODES) io.stdout(`${code.padEnd(40)} ${settings.severities.get(code)}  ${RULE_METAS.get(code)!.description}\n`);
    return 0;
  }
  // A bar for long runs on a terminal only: CI logs and piped reports stay as they are.
  const bar = progress(io, { label: 'Linting', unit: 'files' });
  let result;
  try {
    result = await runLint({
      config,
      paths,
      cwd,
      threads: Number(options.threads),
      ...(options.changed ? { changed: { ...(options.base ? { base: options.base } : {}) } } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.cacheLocation !== undefined ? { cacheFile: path.resolve(cwd, options.cacheLocation) } : {}),
      onProgress(done, total) {
        if (total >= PROGRESS_MIN_FILES) bar.update(done, total);
      },
    });
  } catch (error) {
    bar.stop();
    if (error instanceof LintUsageError || error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  bar.stop();
  const found = options.quiet ? result.diagnostics.filter((d) => d.severity === 'error') : result.diagnostics;
  const diagnostics = FROM_REPOSITORY_ROOT.has(options.format) ? fromRepositoryRoot(found, config.root) : found;
  const sources = new Map<string, string>();
  if (options.format === 'pretty') {
    for (const file of new Set(diagnostics.map((d) => d.file))) {
      try {
        sources.set(file, readFileSync(path.resolve(config.root, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
      } catch {
        // No code frame for a file that cannot be read (its diagnostic says why).
      }
    }
  }
  const rules = new Map(RULE_CODES.map((code) => [code, { description: RULE_METAS.get(code)!.description, docsUrl: docsUrlFor(code, settings.docs) }]));
  if (result.cacheProblem) io.stderr(`atomkit lint: the lint cache could not be written (${result.cacheProblem}); the results above are complete.\n`);
  io.stdout(REPORTERS[options.format](diagnostics, { color: options.color && io.colors.isColorSupported, sources, files: result.files, cached: result.cached, rules }));
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`atomkit lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}
