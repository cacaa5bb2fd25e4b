/** The chat service's SQLite store: one connection and the tables' repositories over it. */
import { prepare } from '../../../tooling/src/sqlite/database.js';
import { openDatabase, type Db } from './db.js';
import { AnswerCache } from './cache.js';
import { FeedbackStore } from './feedback.js';
import type { CoverageRows, Store } from './store.js';
import { ThreadStore } from './threads.js';
import { UnansweredStore } from './unanswered.js';

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly db: Db;
  readonly threads: ThreadStore;
  readonly feedback: FeedbackStore;
  readonly cache: AnswerCache;
  readonly unanswered: UnansweredStore;
}

export function openSqliteStore(file: string): SqliteStore {
  const db = openDatabase(file);
  const counts = prepare<[], { threads: number; messages: number; feedback: number; unanswered: number; cachedAnswers: number }>(
    db,
    `SELECT (SELECT COUNT(*) FROM threads) AS threads, (SELECT COUNT(*) FROM messages) AS messages,
            (SELECT COUNT(*) FROM feedback) AS feedback, (SELECT COUNT(*) FROM unanswered) AS unanswered,
            (SELECT COUNT(*) FROM answer_cache) AS cachedAnswers`,
  );
  const cache = new AnswerCache(db);
  return {
    kind: 'sqlite',
    location: file,
    db,
    threads: new ThreadStore(db),
    feedback: new FeedbackStore(db),
    cache,
    unanswered: new UnansweredStore(db),
    counts: async () => counts.get()!,
    coverageRows: async () => ({ unanswered: unansweredRows(db), downVotes: downVoteRows(db) }),
    // The file is opened once at start; there is no connection to lose.
    problem: async () => undefined,
    close: async () => {
      cache.close();
      db.close();
    },
  };
}

/** What coverage reads of the uncovered questions (also from a store file opened read-only by `atomkit coverage`). */
export function unansweredRows(db: Db): CoverageRows['unanswered'] {
  return db.prepare('SELECT question, normalized, top_atom_id AS topAtom, created_at AS createdAt FROM unanswered ORDER BY created_at').all() as CoverageRows['unanswered'];
}

/** The citations and comments of down-voted answers. */
export function downVoteRows(db: Db): CoverageRows['downVotes'] {
  return db
    .prepare(`SELECT m.citations AS citations, f.comment AS comment FROM feedback f JOIN messages m ON m.id = f.message_id WHERE f.rating = 'down' ORDER BY f.created_at`)
    .all() as CoverageRows['downVotes'];
}
