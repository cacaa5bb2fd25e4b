/** What `atomkit conversations export` runs: JSONL of exchanges since a date, or a question set drafted from them. */
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { projectPath, type AtomkitConfig } from '../../../tooling/src/config/load.js';
import type { CliIo } from '../../../tooling/src/cli/io.js';
import { normalizeQuestion } from '../store/cache.js';
import { openDatabase } from '../store/db.js';
import { postgresSettings } from '../store/postgres/connection.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import type { ThreadRepository } from '../store/store.js';
import { ThreadStore } from '../store/threads.js';
import { parseQuestionSet, QuestionSetError } from '../../../tooling/src/eval/questions.js';
import { appendQuestions, servedHeader, servedQuestionSet, type KnownQuestions } from './served-questions.js';

export interface ExportOptions {
  readonly since: string;
  readonly out?: string;
  readonly db?: string;
  /** Overrides `bot.store`. */
  readonly store?: string;
  /** `jsonl` (every exchange) or `questions` (a question set to review, then evaluate on). */
  readonly format?: 'jsonl' | 'questions';
  /** With `questions`: add the new questions after those of an existing `--out` set, which stays as it is. */
  readonly append?: boolean;
}

/** `YYYY-MM-DD` or a full ISO time; returned as the ISO string stored timestamps compare with. */
export function parseSince(since: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(since)) return undefined;
  const time = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

export async function runExport(config: AtomkitConfig, options: ExportOptions, io: CliIo): Promise<number> {
  const since = parseSince(options.since);
  if (!since) {
    io.stderr(`${io.colors.red('error')} --since expects a date like 2026-11-01 (or an ISO time), got \`${options.since}\`.\n`);
    return 2;
  }
  if (options.append && (options.format !== 'questions' || options.out === undefined)) {
    io.stderr(`${io.colors.red('error')} --append adds to a question set: use it with --format questions and --out <file>.\n`);
    return 2;
  }
  const out = options.out === undefined ? undefined : projectPath(config, options.out);
  // A reviewed question set is work a person did: a new draft never replaces it.
  let existing: { text: string; known: KnownQuestions } | undefined;
  if (options.format === 'questions' && out !== undefined && existsSync(out)) {
    if (!options.append) {
      io.stderr(`${io.colors.red('error')} ${options.out} exists and may hold reviewed questions; add the new ones after them with --append, or write to another file (--out).\n`);
      return 2;
    }
    try {
      const text = readFileSync(out, 'utf8');
      const { questions } = parseQuestionSet(text, out);
      existing = { text, known: { ids: new Set(questions.map((q) => q.id)), keys: new Set(questions.map((q) => normalizeQuestion(q.text))) } };
    } catch (error) {
      io.stderr(`${io.colors.red('error')} ${error instanceof QuestionSetError ? error.format() : (error as Error).message}: fix the set before adding to it.\n`);
      return 2;
    }
  }
  const opened = await openThreads(config, options);
  if (typeof opened === 'string') {
    io.stderr(`${io.colors.red('error')} ${opened}\n`);
    return 2;
  }
  if (out !== undefined) mkdirSync(path.dirname(out), { recursive: true });
  if (options.format === 'questions') {
    try {
      return await writeQuestions(opened.threads, since, { out, shown: options.out, existing }, io);
    } finally {
      await opened.close();
    }
  }
  try {
    const stream = out ? createWriteStream(out) : undefined;
    let count = 0;
    for await (const exchange of opened.threads.exportSince(since)) {
      const line = `${JSON.stringify(exchange)}\n`;
      if (stream) {
        if (!stream.write(line)) await once(stream, 'drain');
      } else io.stdout(line);
      count++;
    }
    if (stream) {
      stream.end();
      await once(stream, 'finish');
      io.stderr(`wrote ${count} exchange${count === 1 ? '' : 's'} to ${options.out}\n`);
    }
    return 0;
  } finally {
    await opened.close();
  }
}

interface QuestionsTarget {
  /** The file to write, absolute; stdout when undefined. */
  readonly out: string | undefined;
  /** The file as the command line names it. */
  readonly shown: string | undefined;
  /** The set already at `out`, with `--append`: its text and the questions it holds. */
  readonly existing: { text: string; known: KnownQuestions } | undefined;
}

/** Writes the question set drafted from the exchanges since `since` (or adds its new questions to the set there), and says what it left out. */
async function writeQuestions(threads: ThreadRepository, since: string, { out, shown, existing }: QuestionsTarget, io: CliIo): Promise<number> {
  const drafted = await servedQuestionSet(threads.exportSince(since), servedHeader(since, out, shown ?? '<file>'), existing?.known);
  const left = [
    drafted.already > 0 ? `${drafted.already} already in ${shown}` : '',
    drafted.followUps > 0 ? `${drafted.followUps} follow-up${drafted.followUps === 1 ? '' : 's'}` : '',
    drafted.repeats > 0 ? `${drafted.repeats} repeat${drafted.repeats === 1 ? '' : 's'}` : '',
    drafted.tooLong > 0 ? `${drafted.tooLong} longer than 2,000 characters` : '',
    drafted.tooShort > 0 ? `${drafted.tooShort} shorter than 3` : '',
  ].filter(Boolean);
  const leftOut = left.length > 0 ? ` (left out: ${left.join(', ')})` : '';
  if (drafted.yaml === undefined) {
    io.stderr(`no ${existing ? 'new ' : ''}question opened a conversation since ${since}${leftOut}; nothing written.\n`);
    return 0;
  }
  if (existing && out !== undefined) {
    const appended = appendQuestions(existing.text, drafted.yaml);
    if (appended === undefined) {
      io.stderr(`${io.colors.red('error')} ${shown} does not end with its \`questions:\` list (one item per line, not [ ... ]), so new questions cannot be added after them without rewriting it; nothing written.\n`);
      return 2;
    }
    // Written whole or not at all: a reviewed set is never left half written.
    const temporary = `${out}.${process.pid}.tmp`;
    writeFileSync(temporary, appended);
    renameSync(temporary, out);
    io.stderr(`added ${drafted.questions} question${drafted.questions === 1 ? '' : 's'} to ${shown}${leftOut}; review each before measuring on them.\n`);
    return 0;
  }
  if (out === undefined) io.stdout(drafted.yaml);
  else writeFileSync(out, drafted.yaml, { flag: 'wx' });
  io.stderr(`drafted ${drafted.questions} question${drafted.questions === 1 ? '' : 's'}${out === undefined ? '' : ` to ${shown}`}${leftOut}; review each before measuring on them.\n`);
  return 0;
}

/** The threads of the configured store, opened to read (SQLite read-only; PostgreSQL without migrating), or why not. */
async function openThreads(config: AtomkitConfig, options: ExportOptions): Promise<{ threads: ThreadRepository; close(): Promise<void> } | string> {
  const target = options.store ?? config.bot.store;
  if (isPostgresUrl(target)) {
    const { openPostgresStore } = await import('../store/postgres/store.js');
    try {
      const store = await openPostgresStore(postgresSettings(config, target), { migrate: false });
      return { threads: store.threads, close: () => store.close() };
    } catch (error) {
      return (error as Error).message;
    }
  }
  const file = projectPath(config, options.db ?? config.bot.db);
  if (!existsSync(file)) return `no conversation database at ${file}. It is created by \`atomkit serve\`.`;
  const db = openDatabase(file, { readonly: true });
  return {
    threads: new ThreadStore(db),
    close: async () => {
      db.close();
    },
  };
}
