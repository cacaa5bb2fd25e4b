/**
 * The answer cache: identical questions do not pay twice. The key covers the normalized question,
 * the index content hash (a rebuilt index with other content invalidates every old answer), the
 * mode and model, the answer language and the filters.
 */
import { createHash } from 'node:crypto';
import { answerSchema, type Answer } from '../contract.js';
import { prepare, transaction } from '../../../tooling/src/sqlite/database.js';
import { nowIso, type Db } from './db.js';
import type { CacheRepository } from './store.js';

export interface CacheKeyParts {
  readonly question: string;
  readonly indexHash: string;
  readonly mode: 'llm' | 'extractive';
  /** The first configured model in llm mode (the one a fresh answer is asked from). */
  readonly model: string | null;
  readonly language: string;
  readonly filters?: unknown;
  /**
   * What else decides an answer: atomkit's version (its answering code) and the settings that
   * shape answers, such as `bot.minScore`. An upgrade or a new threshold must not keep serving
   * answers composed before it.
   */
  readonly answerer: string;
}

/**
 * Folds case, width and spacing, and drops trailing punctuation, so trivially different
 * spellings of one question share a cache entry.
 *
 * @example normalizeQuestion('  How do I  RUN lint？ ') //=> 'how do i run lint'
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.。？！、,;:]+$/u, '');
}

/** Part of every key: raised when the stored answer's shape changes, so old rows are never read. */
const CACHE_FORMAT = 1;

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(
      JSON.stringify([CACHE_FORMAT, normalizeQuestion(parts.question), parts.indexHash, parts.mode, parts.model, parts.language, parts.filters ?? null, parts.answerer]),
    )
    .digest('hex');
}

/** Hit counts are written in batches, not one write per hit. */
const FLUSH_EVERY_HITS = 200;
const FLUSH_EVERY_MS = 5_000;

/** Hits to write, per cache key: how many, and the ISO time of the last one. */
export type HitBatch = [key: string, [count: number, lastAt: string]][];

/** The hits of a cache gathered between two writes, handed to `write` every 200 hits or 5 s. */
export class HitTally {
  readonly #pending = new Map<string, [number, string]>();
  #hits = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(readonly write: (batch: HitBatch) => void | Promise<void>) {
    this.#timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.#timer.unref();
  }

  add(key: string): void {
    const pending = this.#pending.get(key);
    this.#pending.set(key, [(pending?.[0] ?? 0) + 1, nowIso()]);
    if (++this.#hits >= FLUSH_EVERY_HITS) void this.flush();
  }

  /** Writes the hits gathered since the last flush. */
  flush(): void | Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = [...this.#pending];
    this.#pending.clear();
    this.#hits = 0;
    return this.write(batch);
  }

  /** Flushes and stops the timer. */
  stop(): void | Promise<void> {
    clearInterval(this.#timer);
    return this.flush();
  }
}

export class AnswerCache implements CacheRepository {
  readonly #get;
  readonly #put;
  readonly #count;
  readonly #hits: HitTally;

  constructor(db: Db) {
    this.#get = prepare<[string], { answer: string }>(db, 'SELECT answer FROM answer_cache WHERE key = ?');
    const hit = db.prepare('UPDATE answer_cache SET hits = hits + ?, last_hit_at = ? WHERE key = ?');
    this.#put = db.prepare(
      `INSERT INTO answer_cache (key, normalized, index_hash, mode, model, answer, created_at)
       VALUES (@key, @normalized, @indexHash, @mode, @model, @answer, @createdAt)
       ON CONFLICT(key) DO UPDATE SET answer = excluded.answer, created_at = excluded.created_at`,
    );
    this.#count = prepare<[], { n: number }>(db, 'SELECT COUNT(*) AS n FROM answer_cache');
    this.#hits = new HitTally((batch) => {
      if (!db.isOpen) return;
      transaction(db, () => {
        for (const [key, [count, at]] of batch) hit.run(count, at, key);
      });
    });
  }

  /** The cached answer, or undefined. Rows are only written by `set`, from a checked answer. */
  async get(key: string): Promise<Answer | undefined> {
    const row = this.#get.get(key);
    if (!row) return undefined;
    this.#hits.add(key);
    return JSON.parse(row.answer) as Answer;
  }

  async set(key: string, parts: CacheKeyParts, answer: Answer): Promise<void> {
    this.#put.run({
      key,
      normalized: normalizeQuestion(parts.question),
      indexHash: parts.indexHash,
      mode: parts.mode,
      model: parts.model,
      answer: JSON.stringify(answerSchema.parse(answer)),
      createdAt: nowIso(),
    });
  }

  /** Writes the hit counts gathered since the last flush. */
  flush(): void {
    void this.#hits.flush();
  }

  /** Flushes and stops the flush timer. */
  close(): void {
    void this.#hits.stop();
  }

  count(): number {
    return this.#count.get()!.n;
  }
}
