/** `atomkit conversations export`: questions and answers as JSONL, or as a question set to review and evaluate on. */
import { Option } from 'commander';
import type { DefineCommand } from '../command.js';
import { configFor } from '../command.js';

export const defineConversations: DefineCommand = (program, io, setExitCode) => {
  const conversations = program.command('conversations').description("the chat service's stored conversations");
  conversations
    .command('export')
    .description('write every question with its answer, citations and feedback as one JSON line, or draft a question set from them (--format questions)')
    .requiredOption('--since <date>', 'first day (YYYY-MM-DD) or time (ISO 8601, UTC) to include')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--db <file>', 'SQLite file of the chat service (default: bot.db)')
    .option('--store <url>', '`sqlite`, or the PostgreSQL connection string the service uses (default: bot.store, env ATOMKIT_DATABASE_URL)')
    .addOption(
      new Option('--format <format>', '`jsonl`, or `questions`: a question set (YAML) of the questions that opened conversations, their citations as proposed gold, to review and run `atomkit eval` on')
        .choices(['jsonl', 'questions'])
        .default('jsonl'),
    )
    .option('--append', 'with --format questions: add the questions not yet in the --out set after its own, leaving what is there as it is')
    .action(async (options: { since: string; out?: string; db?: string; store?: string; format: 'jsonl' | 'questions'; append?: boolean }, command) => {
      const { runExport } = await import('../../../../bot/src/cli/conversations.js');
      setExitCode(await runExport(configFor(command), options, io));
    });
};
