/**
 * The `atomkit` command line: parses arguments with commander, loads the configuration once,
 * runs one command and returns its exit code (0 clean, 1 findings, 2 usage/config/internal error).
 */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { commands } from './commands.js';
import type { CliIo } from './io.js';
import { processIo } from './io.js';
import { packageVersion } from '../package/files.js';
import { OptionalDependencyUnavailable } from '../package/optional.js';
import { UsageError } from './usage-error.js';

const version = packageVersion();

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('atomkit')
    .description('Knowledge atoms: lint, publish, index and chat over small Markdown files with a YAML header.')
    .version(version, '-v, --version', 'print the atomkit version')
    .option('-c, --config <file>', 'configuration file (default: the nearest atomkit.config.yaml in this folder or above)')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();
  for (const define of commands) {
    define(program, io, (code) => {
      exitCode = code;
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    return reportFatal(error, io);
  }
  return exitCode;
}

function reportFatal(error: unknown, io: CliIo): number {
  const pc = io.colors;
  if (error instanceof ConfigError) {
    const where = error.file ? `${error.file}${error.start ? `:${error.start.line}:${error.start.column}` : ''}: ` : '';
    io.stderr(`${where}${pc.red('config error')} ${error.message}\n`);
    if (error.hint) io.stderr(`  ${pc.dim(error.hint)}\n`);
    return 2;
  }
  if (error instanceof UsageError || error instanceof OptionalDependencyUnavailable) {
    io.stderr(`${pc.red('error')} ${error.message}\n`);
    return 2;
  }
  io.stderr(`${pc.red('atomkit: internal error:')} ${(error as Error)?.message ?? String(error)}\n`);
  if (process.env.ATOMKIT_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
  else io.stderr(pc.dim('Set ATOMKIT_DEBUG=1 to see the stack trace, and please report it.\n'));
  return 2;
}
