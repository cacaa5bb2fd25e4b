/** `atomkit extract <transcript>`: draft atoms from an interview transcript. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineExtract: DefineCommand = (program, io, setExitCode) => {
  program
    .command('extract')
    .description('propose draft atoms from an interview transcript (with a model when bot.llm.baseUrl is set); never overwrites')
    .argument('<transcript>', 'an interview transcript, e.g. interviews/operator.md')
    .option('--out <dir>', 'folder to write drafts to (default: the atoms folder)')
    .option('--dry-run', 'show the drafts as diffs without writing them')
    .option('--json', 'print the report as JSON')
    .option('--no-llm', 'use the deterministic extractor even when a model endpoint is configured')
    .action(async (transcript: string, options: { out?: string; dryRun?: boolean; json?: boolean; llm: boolean }, command) => {
      const [{ runExtract }, { runStudioCommand }] = await Promise.all([import('../../studio/extract/run.js'), import('../../studio/errors.js')]);
      setExitCode(
        await runStudioCommand(io, () => {
          const config = configFor(command);
          // The key is a secret named by the config, read here at the boundary and passed down.
          const apiKey = process.env[config.bot.llm.apiKeyEnv];
          return runExtract({ transcript, ...options, ...(apiKey ? { apiKey } : {}) }, config, io);
        }),
      );
    });
};
