/**
 * The answer cache: identical questions do not pay twice. The key covers the normalized question,
 * the index content hash (a rebuilt index with other content invalidates every old answer), the
 * mode and model, the answer language and the filters.
 */
import { createHash } from 'node:crypto';
import { answerSchema, type Answer } from '../contract.js';
import { nowIso, type Db } from './db.js';

export interface CacheKeyParts {
  readonly question: string;
  readonly indexHash: string;
  readonly mode: 'llm' | 'extractive';
  /** The first configured model in llm mode (the one a fresh answer is asked from). */
  readonly model: string | null;
  readonly language: string;
  readonly filters?: unknown;
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

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256')
    .update(
      JSON.stringify([normalizeQuestion(parts.question), parts.indexHash, parts.mode, parts.model, parts.language, parts.filters ?? null]),
    )
    .digest('hex');
}

export class AnswerCache {
  readonly #get;
  readonly #hit;
  readonly #put;
  readonly #count;

  constructor(db: Db) {
    this.#get = db.prepare<[string], { answer: string }>('SELECT answer FROM answer_cache WHERE key = ?');
    this.#hit = db.prepare('UPDATE answer_cache SET hits = hits + 1, last_hit_at = ? WHERE key = ?');
    this.#put = db.prepare(
      `INSERT INTO answer_cache (key, normalized, index_hash, mode, model, answer, created_at)
       VALUES (@key, @normalized, @indexHash, @mode, @model, @answer, @createdAt)
       ON CONFLICT(key) DO UPDATE SET answer = excluded.answer, created_at = excluded.created_at`,
    );
    this.#count = db.prepare('SELECT COUNT(*) FROM answer_cache').pluck();
  }

  /** The cached answer, or undefined. A row that no longer parses is treated as a miss. */
  get(key: string): Answer | undefined {
    const row = this.#get.get(key);
    if (!row) return undefined;
    const parsed = answerSchema.safeParse(JSON.parse(row.answer));
    if (!parsed.success) return undefined;
    this.#hit.run(nowIso(), key);
    return parsed.data;
  }

  set(key: string, parts: CacheKeyParts, answer: Answer): void {
    this.#put.run({
      key,
      normalized: normalizeQuestion(parts.question),
      indexHash: parts.indexHash,
      mode: parts.mode,
      model: parts.model,
      answer: JSON.stringify(answer),
      createdAt: nowIso(),
    });
  }

  count(): number {
    return this.#count.get() as number;
  }
}
