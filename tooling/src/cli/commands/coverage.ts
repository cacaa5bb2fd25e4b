/** `atomkit coverage`: what the atoms cover, and what to write or review next. */
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';
import { UsageError } from '../usage-error.js';

export const defineCoverage: DefineCommand = (program, io, setExitCode) => {
  program
    .command('coverage')
    .description('atoms per type and status, uncited interview passages, orphans, stale atoms, unanswered questions, down-voted atoms')
    .option('--format <format>', 'md or json', 'md')
    .option('--stale-months <n>', 'atoms not updated for this many months are stale', '12')
    .option('--store <url>', "the chat service's store to read questions and votes from: `sqlite` or a PostgreSQL connection string (default: bot.store)")
    .action(async (options: { format: string; staleMonths: string; store?: string }, command) => {
      if (!['md', 'json'].includes(options.format)) throw new UsageError(`Unexpected --format \`${options.format}\`, expected \`md\` or \`json\`.`);
      const staleMonths = Number(options.staleMonths);
      if (!Number.isInteger(staleMonths) || staleMonths < 0) throw new UsageError(`--stale-months must be a whole number of months, got \`${options.staleMonths}\`.`);
      const [{ collectCoverage }, render] = await Promise.all([import('../../studio/coverage/collect.js'), import('../../studio/coverage/render.js')]);
      const report = await collectCoverage(configFor(command), { staleMonths, ...(options.store ? { store: options.store } : {}) });
      io.stdout(options.format === 'json' ? render.renderCoverageJson(report) : render.renderCoverageMarkdown(report));
      setExitCode(0);
    });
};
