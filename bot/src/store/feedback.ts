/** Ratings of answers. Every post is kept (a log), so a changed mind is visible too. */
import { nowIso, type Db } from './db.js';
import type { FeedbackRepository } from './store.js';

export class FeedbackStore implements FeedbackRepository {
  readonly #insert;

  constructor(db: Db) {
    // One statement checks the message and inserts, so there is no window between the two.
    this.#insert = db.prepare(
      `INSERT INTO feedback (message_id, rating, comment, created_at)
       SELECT @messageId, @rating, @comment, @createdAt
       WHERE EXISTS (SELECT 1 FROM messages WHERE id = @messageId AND role = 'assistant')`,
    );
  }

  /** Returns the new row id, or undefined when no answer has this message id. */
  async add(messageId: string, rating: 'up' | 'down', comment: string | undefined): Promise<number | undefined> {
    const result = this.#insert.run({ messageId, rating, comment: comment ?? null, createdAt: nowIso() });
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }
}
