/**
 * Questions the atoms did not cover, kept for coverage analysis (schema in migrations.ts).
 */
import { nowIso, type Db } from './db.js';
import { normalizeQuestion } from './cache.js';
import type { UnansweredRepository } from './store.js';

export interface UnansweredInput {
  readonly question: string;
  readonly language: string;
  /** Confidence of the best hit, if there was any hit at all. */
  readonly topScore: number | undefined;
  readonly topAtomId: string | undefined;
  readonly threadId: string;
  readonly messageId: string;
}

export class UnansweredStore implements UnansweredRepository {
  readonly #insert;

  constructor(db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO unanswered (question, normalized, language, top_score, top_atom_id, thread_id, message_id, created_at)
       VALUES (@question, @normalized, @language, @topScore, @topAtomId, @threadId, @messageId, @createdAt)`,
    );
  }

  async record(input: UnansweredInput): Promise<void> {
    // Named one by one: node:sqlite refuses a key the statement does not name.
    this.#insert.run({
      question: input.question,
      language: input.language,
      threadId: input.threadId,
      messageId: input.messageId,
      normalized: normalizeQuestion(input.question),
      topScore: input.topScore ?? null,
      topAtomId: input.topAtomId ?? null,
      createdAt: nowIso(),
    });
  }
}
