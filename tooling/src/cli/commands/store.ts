/** `atomkit store migrate-from-sqlite`: moves the chat service's SQLite store into PostgreSQL. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineStore: DefineCommand = (program, io, setExitCode) => {
  const store = program.command('store').description("the chat service's conversation store");
  store
    .command('migrate-from-sqlite')
    .description('copy threads, messages, feedback, unanswered questions and cached answers from a SQLite store into PostgreSQL')
    .argument('<file>', 'the SQLite file (bot.db) to copy from')
    .option('--store <url>', 'the PostgreSQL connection string to copy into (default: bot.store, env ATOMKIT_DATABASE_URL)')
    .action(async (file: string, options: { store?: string }, command) => {
      const { runMigrateFromSqlite } = await import('../../../../bot/src/cli/store.js');
      setExitCode(await runMigrateFromSqlite(configFor(command), { file, ...(options.store ? { store: options.store } : {}) }, io));
    });
};
