/**
 * The conversation store's schema, one migration per version. `PRAGMA user_version` records how
 * many have run; a new version is appended here, never edited in place.
 *
 * The `unanswered` table is read by coverage analysis: one row per question the atoms did not
 * cover (`question` as asked, `normalized` for grouping, the best retrieval `top_score` and
 * `top_atom_id`, the thread and assistant message, ISO `created_at`).
 *
 * An assistant message's `prompt_tokens`, `completion_tokens` and `total_tokens` are what its
 * model calls used, as the endpoint reported them (`atomkit conversations export` carries them).
 */
import { pragma, transaction, type Database } from '../../../tooling/src/sqlite/database.js';
import { assertKnownVersion } from './schema-version.js';

export const MIGRATIONS: readonly string[] = [
  // 1: threads, messages, feedback, unanswered questions, answer cache.
  `
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content TEXT NOT NULL,
    language TEXT,
    citations TEXT,
    mode TEXT CHECK (mode IN ('llm', 'extractive')),
    model TEXT,
    answered INTEGER,
    degraded INTEGER,
    cached INTEGER,
    latency_ms REAL,
    created_at TEXT NOT NULL,
    UNIQUE (thread_id, seq)
  );
  CREATE INDEX messages_created_at ON messages(created_at);
  CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    comment TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX feedback_message ON feedback(message_id);
  CREATE TABLE unanswered (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    normalized TEXT NOT NULL,
    language TEXT NOT NULL,
    top_score REAL,
    top_atom_id TEXT,
    thread_id TEXT,
    message_id TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX unanswered_normalized ON unanswered(normalized);
  CREATE TABLE answer_cache (
    key TEXT PRIMARY KEY,
    normalized TEXT NOT NULL,
    index_hash TEXT NOT NULL,
    mode TEXT NOT NULL,
    model TEXT,
    answer TEXT NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_hit_at TEXT
  );
  CREATE INDEX answer_cache_index_hash ON answer_cache(index_hash);
  `,
  // 2: tokens each answer cost, as the model endpoint reported them (null: unknown or no model call).
  `
  ALTER TABLE messages ADD COLUMN prompt_tokens INTEGER;
  ALTER TABLE messages ADD COLUMN completion_tokens INTEGER;
  ALTER TABLE messages ADD COLUMN total_tokens INTEGER;
  `,
];

/** Runs the migrations the database has not seen, each in its own transaction. */
export function migrate(db: Database): { from: number; to: number } {
  const from = pragma(db, 'user_version') as number;
  assertKnownVersion(from, MIGRATIONS.length);
  for (let version = from; version < MIGRATIONS.length; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version]!);
      db.exec(`PRAGMA user_version = ${version + 1}`);
    });
  }
  return { from, to: MIGRATIONS.length };
}
