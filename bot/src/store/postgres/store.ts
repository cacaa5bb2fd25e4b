/**
 * The chat service's PostgreSQL store: the same repositories as the SQLite store, over a pool that
 * several replicas share. Each write is one statement (one round trip, committed on its own), so
 * a replica killed mid-request leaves either the whole exchange or nothing.
 */
import { v7 as uuidv7 } from 'uuid';
import type pg from 'pg';
import { answerSchema, type Answer, type Citation, type ThreadResponse } from '../../contract.js';
import { HitTally, normalizeQuestion, type CacheKeyParts } from '../cache.js';
import { nowIso } from '../db.js';
import { StoreUnavailableError, type CacheRepository, type CoverageRows, type FeedbackRepository, type Store, type StoreCounts, type ThreadRepository, type UnansweredRepository } from '../store.js';
import type { ExchangeInput, ExportedExchange, HistoryTurn } from '../threads.js';
import type { UnansweredInput } from '../unanswered.js';
import { createPool, isUnreachable, type PostgresSettings } from './connection.js';
import { redactUrl } from './url.js';
import { migratePostgres, assertSchemaCurrent } from './migrations.js';

export interface PostgresStore extends Store {
  readonly kind: 'postgres';
  readonly pool: pg.Pool;
}

/** Runs a statement; a failure to reach the database becomes StoreUnavailableError. */
type Query = <R extends pg.QueryResultRow>(name: string, text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/**
 * Connects, and (unless `migrate` is false, for commands that only read) applies the migrations.
 *
 * @throws StoreUnavailableError when the server cannot be reached; Error when the schema is newer than this atomkit.
 */
export async function openPostgresStore(settings: PostgresSettings, options: { migrate?: boolean } = {}): Promise<PostgresStore> {
  const location = redactUrl(settings.url);
  const pool = await createPool(settings);
  try {
    if (options.migrate === false) await assertSchemaCurrent(pool);
    else await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    if (isUnreachable(error)) throw new StoreUnavailableError(`cannot reach PostgreSQL at ${location}: ${describe(error)}`);
    throw new Error(`PostgreSQL at ${location}: ${describe(error)}`);
  }
  const query: Query = async (name, text, values) => {
    try {
      // Named statements are prepared once per connection.
      return await pool.query({ name, text, values: values ?? [] });
    } catch (error) {
      if (isUnreachable(error)) throw new StoreUnavailableError(`PostgreSQL cannot be reached: ${describe(error)}`);
      throw error;
    }
  };
  const cache = new PostgresAnswerCache(query);
  return {
    kind: 'postgres',
    location,
    pool,
    threads: new PostgresThreads(query),
    feedback: new PostgresFeedback(query),
    cache,
    unanswered: new PostgresUnanswered(query),
    async counts(): Promise<StoreCounts> {
      const { rows } = await query<Record<keyof StoreCounts, string>>(
        'counts',
        `SELECT (SELECT count(*) FROM threads) AS threads, (SELECT count(*) FROM messages) AS messages,
                (SELECT count(*) FROM feedback) AS feedback, (SELECT count(*) FROM unanswered) AS unanswered,
                (SELECT count(*) FROM answer_cache) AS "cachedAnswers"`,
      );
      const row = rows[0]!;
      return { threads: Number(row.threads), messages: Number(row.messages), feedback: Number(row.feedback), unanswered: Number(row.unanswered), cachedAnswers: Number(row.cachedAnswers) };
    },
    async coverageRows(): Promise<CoverageRows> {
      const unanswered = await query<{ question: string; normalized: string; topAtom: string | null; createdAt: Date }>(
        'coverage_unanswered',
        'SELECT question, normalized, top_atom_id AS "topAtom", created_at AS "createdAt" FROM unanswered ORDER BY created_at, id',
      );
      const downVotes = await query<{ citations: unknown; comment: string | null }>(
        'coverage_down_votes',
        `SELECT m.citations, f.comment FROM feedback f JOIN messages m ON m.id = f.message_id WHERE f.rating = 'down' ORDER BY f.created_at, f.id`,
      );
      return {
        unanswered: unanswered.rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
        downVotes: downVotes.rows.map((row) => ({ citations: row.citations === null ? null : JSON.stringify(row.citations), comment: row.comment })),
      };
    },
    async problem() {
      try {
        await pool.query('SELECT 1');
        return undefined;
      } catch (error) {
        return `PostgreSQL at ${location} cannot be reached: ${describe(error)}`;
      }
    },
    async close() {
      await cache.close();
      await pool.end();
    },
  };
}

function describe(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(e?.code ?? error);
  return message.split('\n')[0]!;
}

interface MessageRow {
  id: string;
  thread_id: string;
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  language: string | null;
  citations: Citation[] | null;
  mode: 'llm' | 'extractive' | null;
  model: string | null;
  answered: boolean | null;
  degraded: boolean | null;
  cached: boolean | null;
  latency_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  created_at: Date;
}

/** Exchanges read per round trip by an export. */
const EXPORT_PAGE = 500;

class PostgresThreads implements ThreadRepository {
  constructor(readonly query: Query) {}

  async exists(threadId: string): Promise<boolean> {
    const { rowCount } = await this.query('thread_exists', 'SELECT 1 FROM threads WHERE id = $1', [threadId]);
    return rowCount === 1;
  }

  async addExchange(input: ExchangeInput): Promise<{ threadId: string; messageId: string }> {
    const threadId = input.threadId ?? uuidv7();
    const messageId = uuidv7();
    const { answer, usage } = input;
    // The thread row's update hands out the two message numbers: a concurrent exchange on the
    // same thread waits for the row and then sees the new last_seq, so numbers never collide.
    await this.query(
      'add_exchange',
      `WITH t AS (
         INSERT INTO threads (id, created_at, updated_at, last_seq) VALUES ($1::text, $3::timestamptz, $3::timestamptz, 2)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, last_seq = threads.last_seq + 2
         RETURNING last_seq)
       INSERT INTO messages (id, thread_id, seq, role, content, language, citations, mode, model, answered, degraded, cached, latency_ms,
         prompt_tokens, completion_tokens, total_tokens, created_at)
       SELECT $2::text, $1::text, t.last_seq - 1, 'user', $4::text, $5::text, NULL::json, NULL::text, NULL::text, NULL::boolean, NULL::boolean,
         NULL::boolean, NULL::float8, NULL::integer, NULL::integer, NULL::integer, $3::timestamptz FROM t
       UNION ALL
       SELECT $6::text, $1::text, t.last_seq, 'assistant', $7::text, $5::text, $8::json, $9::text, $10::text, $11::boolean, $12::boolean,
         $13::boolean, $14::float8, $15::integer, $16::integer, $17::integer, $3::timestamptz FROM t`,
      [
        threadId,
        uuidv7(),
        nowIso(),
        input.question,
        input.language,
        messageId,
        answer.answer,
        JSON.stringify(answer.citations),
        answer.mode,
        answer.model,
        answer.answered,
        answer.degraded,
        input.cached,
        input.latencyMs,
        usage?.promptTokens ?? null,
        usage?.completionTokens ?? null,
        usage?.totalTokens ?? null,
      ],
    );
    return { threadId, messageId };
  }

  async history(threadId: string, turns: number): Promise<HistoryTurn[]> {
    if (turns <= 0) return [];
    const { rows } = await this.query<HistoryTurn>(
      'thread_history',
      'SELECT role, content FROM (SELECT role, content, seq FROM messages WHERE thread_id = $1 ORDER BY seq DESC LIMIT $2) recent ORDER BY seq',
      [threadId, turns * 2],
    );
    return rows.map((row) => ({ role: row.role, content: row.content }));
  }

  async get(threadId: string): Promise<ThreadResponse | undefined> {
    const thread = await this.query<{ id: string; created_at: Date }>('thread_by_id', 'SELECT id, created_at FROM threads WHERE id = $1', [threadId]);
    const row = thread.rows[0];
    if (!row) return undefined;
    const messages = await this.query<MessageRow>('thread_messages', 'SELECT * FROM messages WHERE thread_id = $1 ORDER BY seq', [threadId]);
    return {
      id: row.id,
      createdAt: row.created_at.toISOString(),
      messages: messages.rows.map((m) =>
        m.role === 'user'
          ? { id: m.id, role: m.role, content: m.content, createdAt: m.created_at.toISOString() }
          : {
              id: m.id,
              role: m.role,
              content: m.content,
              createdAt: m.created_at.toISOString(),
              citations: m.citations ?? [],
              mode: m.mode ?? 'extractive',
              model: m.model,
              answered: m.answered === true,
              degraded: m.degraded === true,
              cached: m.cached === true,
              latencyMs: m.latency_ms ?? 0,
            },
      ),
    };
  }

  async *exportSince(since: string): AsyncGenerator<ExportedExchange> {
    // Pages by (asked at, thread, seq): a long export holds no transaction or cursor open.
    let after: [Date, string, number] | undefined;
    for (;;) {
      const { rows } = await this.query<MessageRow & { question: string; asked_at: Date }>(
        after ? 'export_page_after' : 'export_page_first',
        `SELECT a.*, q.content AS question, q.created_at AS asked_at
         FROM messages a JOIN messages q ON q.thread_id = a.thread_id AND q.seq = a.seq - 1
         WHERE a.role = 'assistant' AND q.created_at >= $1
         ${after ? 'AND (q.created_at, a.thread_id, a.seq) > ($3, $4, $5)' : ''}
         ORDER BY q.created_at, a.thread_id, a.seq LIMIT $2`,
        after ? [since, EXPORT_PAGE, ...after] : [since, EXPORT_PAGE],
      );
      if (rows.length === 0) return;
      const feedback = await this.query<{ message_id: string; rating: string; comment: string | null; created_at: Date }>(
        'export_feedback',
        'SELECT message_id, rating, comment, created_at FROM feedback WHERE message_id = ANY($1) ORDER BY id',
        [rows.map((row) => row.id)],
      );
      const feedbackOf = new Map<string, ExportedExchange['feedback']>();
      for (const f of feedback.rows) {
        const list = feedbackOf.get(f.message_id) ?? [];
        list.push({ rating: f.rating, comment: f.comment, createdAt: f.created_at.toISOString() });
        feedbackOf.set(f.message_id, list);
      }
      for (const row of rows) {
        yield {
          threadId: row.thread_id,
          messageId: row.id,
          askedAt: row.asked_at.toISOString(),
          question: row.question,
          language: row.language,
          answer: row.content,
          citations: row.citations ?? [],
          answered: row.answered === true,
          mode: row.mode,
          model: row.model,
          degraded: row.degraded === true,
          cached: row.cached === true,
          latencyMs: row.latency_ms,
          promptTokens: row.prompt_tokens,
          completionTokens: row.completion_tokens,
          totalTokens: row.total_tokens,
          feedback: feedbackOf.get(row.id) ?? [],
        };
      }
      const last = rows.at(-1)!;
      after = [last.asked_at, last.thread_id, last.seq];
      if (rows.length < EXPORT_PAGE) return;
    }
  }
}

class PostgresFeedback implements FeedbackRepository {
  constructor(readonly query: Query) {}

  async add(messageId: string, rating: 'up' | 'down', comment: string | undefined): Promise<number | undefined> {
    // One statement checks the message and inserts, so there is no window between the two.
    const { rows } = await this.query<{ id: string }>(
      'add_feedback',
      `INSERT INTO feedback (message_id, rating, comment, created_at)
       SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM messages WHERE id = $1 AND role = 'assistant')
       RETURNING id`,
      [messageId, rating, comment ?? null, nowIso()],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  }
}

class PostgresUnanswered implements UnansweredRepository {
  constructor(readonly query: Query) {}

  async record(input: UnansweredInput): Promise<void> {
    await this.query(
      'add_unanswered',
      `INSERT INTO unanswered (question, normalized, language, top_score, top_atom_id, thread_id, message_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [input.question, normalizeQuestion(input.question), input.language, input.topScore ?? null, input.topAtomId ?? null, input.threadId, input.messageId, nowIso()],
    );
  }
}

class PostgresAnswerCache implements CacheRepository {
  /** Hit counts are lost, not retried, when the database is away. */
  readonly #hits = new HitTally((batch) =>
    this.query(
      'cache_hits',
      `UPDATE answer_cache c SET hits = c.hits + h.n, last_hit_at = h.at
       FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS h(key, n, at) WHERE c.key = h.key`,
      [batch.map(([key]) => key), batch.map(([, [n]]) => n), batch.map(([, [, at]]) => at)],
    ).then(
      () => {},
      () => {},
    ),
  );

  constructor(readonly query: Query) {}

  async get(key: string): Promise<Answer | undefined> {
    const { rows } = await this.query<{ answer: unknown }>('cache_get', 'SELECT answer FROM answer_cache WHERE key = $1', [key]);
    if (!rows[0]) return undefined;
    this.#hits.add(key);
    return rows[0].answer as Answer;
  }

  async set(key: string, parts: CacheKeyParts, answer: Answer): Promise<void> {
    await this.query(
      'cache_set',
      `INSERT INTO answer_cache (key, normalized, index_hash, mode, model, answer, created_at) VALUES ($1, $2, $3, $4, $5, $6::json, $7)
       ON CONFLICT (key) DO UPDATE SET answer = excluded.answer, created_at = excluded.created_at`,
      [key, normalizeQuestion(parts.question), parts.indexHash, parts.mode, parts.model, JSON.stringify(answerSchema.parse(answer)), nowIso()],
    );
  }

  async close(): Promise<void> {
    await this.#hits.stop();
  }
}
