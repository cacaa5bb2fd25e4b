/** `atomkit studio`: the local web app where transcripts become atoms, with live lint and preview. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineStudio: DefineCommand = (program, io, setExitCode) => {
  program
    .command('studio')
    .description('open the authoring studio: a local web app to turn transcripts into atoms, with live lint, preview and a review queue')
    .option('--port <n>', 'port to listen on, on 127.0.0.1 only; 0 picks a free one (default: 4322)')
    .action(async (options: { port?: string }, command) => {
      const { runStudio } = await import('../../studio/web/run.js');
      const config = configFor(command);
      const apiKey = process.env[config.bot.llm.apiKeyEnv];
      setExitCode(await runStudio(config, { ...options, ...(apiKey ? { apiKey } : {}) }, io));
    });
};
