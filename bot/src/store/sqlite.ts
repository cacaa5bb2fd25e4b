/** The chat service's SQLite store: one connection and the tables' repositories over it. */
import { openDatabase, type Db } from './db.js';
import { AnswerCache } from './cache.js';
import { FeedbackStore } from './feedback.js';
import { ThreadStore } from './threads.js';
import { UnansweredStore } from './unanswered.js';

export interface Store {
  readonly db: Db;
  readonly threads: ThreadStore;
  readonly feedback: FeedbackStore;
  readonly cache: AnswerCache;
  readonly unanswered: UnansweredStore;
  counts(): { threads: number; messages: number; feedback: number; unanswered: number; cachedAnswers: number };
  close(): void;
}

export function openStore(file: string): Store {
  const db = openDatabase(file);
  const counts = db.prepare<[], { threads: number; messages: number; feedback: number; unanswered: number; cachedAnswers: number }>(
    `SELECT (SELECT COUNT(*) FROM threads) AS threads, (SELECT COUNT(*) FROM messages) AS messages,
            (SELECT COUNT(*) FROM feedback) AS feedback, (SELECT COUNT(*) FROM unanswered) AS unanswered,
            (SELECT COUNT(*) FROM answer_cache) AS cachedAnswers`,
  );
  const cache = new AnswerCache(db);
  return {
    db,
    threads: new ThreadStore(db),
    feedback: new FeedbackStore(db),
    cache,
    unanswered: new UnansweredStore(db),
    counts: () => counts.get()!,
    close: () => {
      cache.close();
      db.close();
    },
  };
}
