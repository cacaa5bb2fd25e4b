/** `atomkit serve`: the chat API (and, with --site, the built docs site on the same origin). */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineServe: DefineCommand = (program, io, setExitCode) => {
  program
    .command('serve')
    .description('serve the chat API over the search index (extractive answers unless bot.llm.baseUrl is set)')
    .option('--port <n>', 'port to listen on; 0 picks a free one (default: bot.port)')
    .option('--host <host>', 'address to listen on (default: bot.host)')
    .option('--index-dir <dir>', 'search index folder built by `atomkit index` (default: index.dir)')
    .option('--db <file>', 'SQLite file for threads, feedback and the answer cache (default: bot.db)')
    .option('--store <url>', '`sqlite`, or a PostgreSQL connection string shared by several replicas (default: bot.store, env ATOMKIT_DATABASE_URL)')
    .option('--site <dir>', 'also serve this built site folder (e.g. site/dist) from /')
    .option('--workers <n>', 'processes serving the API on the one port; 0: one per CPU core (default: bot.workers)')
    .action(async (options: { port?: string; host?: string; indexDir?: string; db?: string; store?: string; site?: string; workers?: string }, command) => {
      const { runServe } = await import('../../../../bot/src/cli/serve.js');
      setExitCode(await runServe(configFor(command), options, io));
    });
};
