/** `atomkit start` (what `npm start` runs): lint, index and build when stale, then serve everything on one URL. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineStart: DefineCommand = (program, io, setExitCode) => {
  program
    .command('start')
    .description('lint, build the index and the site when they are stale, then serve the docs site and the chat API on one local URL')
    .option('--port <n>', 'port to listen on; 0 picks a free one (default: bot.port)')
    .option('--host <host>', 'address to listen on (default: bot.host)')
    .option('--force', 'rebuild the index and the site even when nothing changed')
    .action(async (options: { port?: string; host?: string; force?: boolean }, command) => {
      const { runStart } = await import('../../start/start.js');
      setExitCode(await runStart(configFor(command), { ...options, development: process.env.NODE_ENV !== 'production' }, io));
    });
};
