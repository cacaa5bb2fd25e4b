/**
 * `GET /api/signals`: where readers and the knowledge base say an atom is missing or behind:
 * questions the chat could not answer and down-voted answers (read-only, from the chat service's
 * store through its own functions), translations behind their source, and orphans (atoms no other
 * atom lists in `related`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { servedHeader, servedQuestionSet } from '../../../../../bot/src/cli/served-questions.js';
import { openDatabase } from '../../../../../bot/src/store/db.js';
import { ThreadStore } from '../../../../../bot/src/store/threads.js';
import { UsageError } from '../../../cli/usage-error.js';
import { StudioApiError } from '../errors.js';
import { sourceOf, titleKey } from '../../../lint/corpus.js';
import { readBotSignals } from '../../coverage/bot-store.js';
import type { StudioContext } from '../app.js';

export interface DownVotedAnswer {
  readonly question: string;
  readonly answer: string;
  readonly askedAt: string;
  readonly comments: readonly string[];
  readonly cited: readonly string[];
}

/** The chat store, read only; one that cannot be read (damaged, not SQLite) is a 503 saying what to do. */
function readStore(dbFile: string) {
  try {
    return openDatabase(dbFile, { readonly: true });
  } catch (error) {
    if (error instanceof UsageError) throw new StudioApiError('ATOMKIT_ERR_STORE_UNAVAILABLE', error.message);
    throw error;
  }
}

/** Answers readers voted down, newest first (at most `limit`). */
export async function downVotedAnswers(dbFile: string, limit = 50): Promise<DownVotedAnswer[]> {
  if (!existsSync(dbFile)) return [];
  const db = readStore(dbFile);
  try {
    const out: DownVotedAnswer[] = [];
    for await (const exchange of new ThreadStore(db).exportSince('0000')) {
      const down = exchange.feedback.filter((feedback) => feedback.rating === 'down');
      if (down.length === 0) continue;
      out.push({
        question: exchange.question,
        answer: exchange.answer,
        askedAt: exchange.askedAt,
        comments: down.flatMap((feedback) => (feedback.comment ? [feedback.comment] : [])),
        cited: exchange.citations.map((citation) => citation.title),
      });
    }
    return out.reverse().slice(0, limit);
  } finally {
    db.close();
  }
}

/** Where a drafted question set is meant to be saved, relative to the project: `atomkit eval` reads it from there. */
export const SERVED_SET = 'eval/questions.served.yaml';

export const signalRoutes: FastifyPluginAsync<StudioContext> = async (app, { config, linter }) => {
  // Readers' questions as a question set to check and calibrate `bot.minScore` on, as
  // `atomkit conversations export --format questions` drafts it; downloaded, since the studio
  // writes only atoms and interviews.
  app.get('/api/signals/question-set', async (_request, reply) => {
    const dbFile = path.resolve(config.root, config.bot.db);
    if (!existsSync(dbFile)) throw new StudioApiError('ATOMKIT_ERR_NOT_FOUND', `No chat store at ${config.bot.db}: questions appear once the chat service has answered some.`);
    const db = readStore(dbFile);
    try {
      const drafted = await servedQuestionSet(new ThreadStore(db).exportSince('0000'), servedHeader(undefined, path.join(config.root, SERVED_SET), SERVED_SET));
      if (drafted.yaml === undefined) throw new StudioApiError('ATOMKIT_ERR_NOT_FOUND', 'No question has opened a conversation yet.');
      return reply.type('application/yaml; charset=utf-8').header('content-disposition', `attachment; filename="${path.basename(SERVED_SET)}"`).send(drafted.yaml);
    } finally {
      db.close();
    }
  });

  app.get('/api/signals', async () => {
    const dbFile = path.resolve(config.root, config.bot.db);
    const bot = readBotSignals(dbFile, config.bot.db);
    let downVoted: DownVotedAnswer[] = [];
    let note = bot.note;
    try {
      downVoted = bot.available ? await downVotedAnswers(dbFile) : [];
    } catch (error) {
      note = `cannot read the down-voted answers: ${(error as Error).message}`;
    }
    const atoms = [...linter.atoms()];
    const entries = atoms.map(([, atom]) => atom.entry);
    const source = sourceOf(entries);
    const translationsBehind = atoms.flatMap(([shown, atom]) => {
      const of = source(atom.entry);
      if (!of || of.version === undefined || atom.entry.sourceVersion === of.version) return [];
      return [{ path: shown, title: atom.entry.title ?? shown, language: atom.entry.language, source: of.title ?? of.file, sourcePath: of.file, translated: atom.entry.sourceVersion ?? null, current: of.version }];
    });
    const linked = new Set(entries.flatMap((entry) => entry.related.map(titleKey)));
    const orphans = atoms
      .filter(([, atom]) => atom.entry.title !== undefined && atom.entry.translationOf === undefined && !linked.has(titleKey(atom.entry.title)))
      .map(([shown, atom]) => ({ path: shown, title: atom.entry.title! }))
      .sort((a, b) => a.title.localeCompare(b.title));
    return {
      store: { available: bot.available, ...(note ? { note } : {}) },
      unanswered: bot.unanswered,
      downVoted,
      translationsBehind,
      orphans,
    };
  });
};
