/** `atomkit lint [paths...]`: checks atoms and prints diagnostics; exit 0 clean, 1 findings, 2 usage/config error. */
import { Option, type Command } from 'commander';
import type { ReporterName } from '../../lint/reporters/index.js';
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineLint: DefineCommand = (program, io, setExitCode) => {
  program
    .command('lint')
    .description('check atoms: header schema, structure, links, size, Markdown style')
    .argument('[paths...]', 'files or folders to lint (default: the atoms folder)')
    .addOption(new Option('-f, --format <format>', 'output format (github: annotations in GitHub Actions; gitlab: a GitLab Code Quality report; sarif: code scanning)').choices(['pretty', 'json', 'github', 'gitlab', 'sarif']).default('pretty'))
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('-q, --quiet', 'report errors only')
    .option('--changed', 'lint only atoms git says changed (plus the cross-file checks they affect)')
    .option('--base <ref>', 'with --changed: diff against the merge base with this ref (default origin/HEAD, the remote default branch; then origin/main, main, HEAD)')
    .option('--threads <n>', 'threads, the main one included (0: one per core when there are 400 files or more)', '0')
    .option('--cache', 'reuse the results of unchanged files from the lint cache (config: lint.cache)')
    .option('--no-cache', 'parse every file, whatever the config says')
    .option('--cache-location <file>', 'where the lint cache is kept (config: lint.cacheFile, default .atomkit/lint-cache.json)')
    .option('--no-color', 'plain output')
    .option('--list-rules', 'print every rule code with its severity and exit')
    .action(async (paths: string[], options: LintCliOptions, command: Command) => {
      const { runLintCommand } = await import('../../lint/cli.js');
      const cwd = command.optsWithGlobals<{ cwd?: string }>().cwd ?? process.cwd();
      setExitCode(await runLintCommand(paths, options, configFor(command), io, cwd));
    });
};

export interface LintCliOptions {
  readonly format: ReporterName;
  readonly maxWarnings?: string;
  readonly quiet?: boolean;
  readonly changed?: boolean;
  readonly base?: string;
  readonly color: boolean;
  readonly threads: string;
  readonly cache?: boolean;
  readonly cacheLocation?: string;
  readonly listRules?: boolean;
}
