/** `atomkit index`: builds the search index (chunks, embeddings, hnswlib, lexical) and its report. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineIndex: DefineCommand = (program, io, setExitCode) => {
  program
    .command('index')
    .description('build the search index of the atoms (dense + lexical) with a report')
    .option('--require-dense', 'fail when no embedding model can be loaded instead of building the lexical index only')
    .option('--full', 'rebuild from scratch instead of reusing the previous index (embeddings still come from the cache)')
    .option('--json', 'print the report as JSON')
    .action(async (options: IndexCliOptions, command) => {
      const { runIndexCommand } = await import('../../retrieval/cli.js');
      setExitCode(await runIndexCommand(configFor(command), options, io));
    });
};

export interface IndexCliOptions {
  readonly requireDense?: boolean;
  readonly full?: boolean;
  readonly json?: boolean;
}
