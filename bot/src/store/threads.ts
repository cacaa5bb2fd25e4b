/**
 * Conversation threads and their messages. A question and its answer are written together, so a
 * thread never holds a question without its answer. Exchanges that arrive together are written in
 * one transaction (group commit): under load one commit serves many requests, and each request
 * still gets its reply only after its rows are committed. A commit waits for at most
 * MAX_GROUP exchanges: committing once per poll of the sockets made every request of a burst wait
 * for the whole burst, and left the process idle while the clients read the replies all at once.
 *
 * Thread and message ids are time-ordered UUIDs (version 7, 74 random bits): new rows append to
 * the end of the id indexes, where random ids dirtied a page anywhere in them for every row (a
 * third of the cost of storing an exchange under load).
 */
import { v7 as uuidv7 } from 'uuid';
import type { TokenUsage } from '../answer/llm.js';
import type { Answer, Citation, ThreadResponse } from '../contract.js';
import { prepare, transaction } from '../../../tooling/src/sqlite/database.js';
import { nowIso, type Db } from './db.js';
import type { ThreadRepository } from './store.js';

export interface ExchangeInput {
  /** An existing thread (checked by the caller), or undefined to start one. */
  readonly threadId: string | undefined;
  readonly question: string;
  readonly language: string;
  readonly answer: Answer;
  readonly cached: boolean;
  readonly latencyMs: number;
  /** Tokens the model calls for this answer used (translation included); undefined when none were made or the endpoint did not say. */
  readonly usage?: TokenUsage | undefined;
}

export interface HistoryTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

interface MessageRow {
  id: string;
  thread_id: string;
  seq: number;
  role: 'user' | 'assistant';
  content: string;
  language: string | null;
  citations: string | null;
  mode: 'llm' | 'extractive' | null;
  model: string | null;
  answered: number | null;
  degraded: number | null;
  cached: number | null;
  latency_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  created_at: string;
}

/** One question with its answer, as `atomkit conversations export` writes it. */
export interface ExportedExchange {
  threadId: string;
  messageId: string;
  askedAt: string;
  question: string;
  language: string | null;
  answer: string;
  citations: Citation[];
  answered: boolean;
  mode: string | null;
  model: string | null;
  degraded: boolean;
  cached: boolean;
  latencyMs: number | null;
  /** Tokens the answer cost, as the model endpoint reported them; null when unknown (extractive, cached, not reported). */
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  feedback: { rating: string; comment: string | null; createdAt: string }[];
}

/** Exchanges per commit at most (8 commit in about a third of the time of 8 commits of one). */
export const MAX_GROUP = 8;

interface PendingExchange {
  readonly input: ExchangeInput;
  readonly threadId: string;
  readonly messageId: string;
  resolve(ids: { threadId: string; messageId: string }): void;
  reject(error: Error): void;
}

export class ThreadStore implements ThreadRepository {
  readonly #db: Db;
  readonly #queue: PendingExchange[] = [];
  readonly #insertThread;
  readonly #touchThread;
  readonly #nextSeq;
  readonly #insertMessage;
  readonly #threadById;
  readonly #messagesOf;
  readonly #recentMessages;

  constructor(db: Db) {
    this.#db = db;
    this.#insertThread = db.prepare('INSERT INTO threads (id, created_at, updated_at) VALUES (?, ?, ?)');
    this.#touchThread = db.prepare('UPDATE threads SET updated_at = ? WHERE id = ?');
    this.#nextSeq = prepare<[string], { seq: number }>(db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM messages WHERE thread_id = ?');
    this.#insertMessage = db.prepare(
      `INSERT INTO messages (id, thread_id, seq, role, content, language, citations, mode, model, answered, degraded, cached, latency_ms,
         prompt_tokens, completion_tokens, total_tokens, created_at)
       VALUES (@id, @thread_id, @seq, @role, @content, @language, @citations, @mode, @model, @answered, @degraded, @cached, @latency_ms,
         @prompt_tokens, @completion_tokens, @total_tokens, @created_at)`,
    );
    this.#threadById = prepare<[string], { id: string; created_at: string }>(db, 'SELECT id, created_at FROM threads WHERE id = ?');
    this.#messagesOf = prepare<[string], MessageRow>(db, 'SELECT * FROM messages WHERE thread_id = ? ORDER BY seq');
    this.#recentMessages = prepare<[string, number], MessageRow>(
      db,
      'SELECT * FROM (SELECT * FROM messages WHERE thread_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    );
  }

  async exists(threadId: string): Promise<boolean> {
    return this.#threadById.get(threadId) !== undefined;
  }

  /**
   * Stores a question and its answer; resolves with the thread and the answer's message id once
   * they are committed.
   */
  addExchange(input: ExchangeInput): Promise<{ threadId: string; messageId: string }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, threadId: input.threadId ?? uuidv7(), messageId: uuidv7(), resolve, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
      else if (this.#queue.length >= MAX_GROUP) this.#flush();
    });
  }

  #flush(): void {
    const batch = this.#queue.splice(0);
    if (batch.length === 0) return;
    try {
      transaction(this.#db, () => {
        for (const pending of batch) this.#write(pending);
      });
      for (const pending of batch) pending.resolve({ threadId: pending.threadId, messageId: pending.messageId });
    } catch {
      // One exchange that cannot be written must not fail the others: retry them one by one.
      for (const pending of batch) {
        try {
          transaction(this.#db, () => this.#write(pending));
          pending.resolve({ threadId: pending.threadId, messageId: pending.messageId });
        } catch (error) {
          pending.reject(error as Error);
        }
      }
    }
  }

  #write({ input, threadId, messageId }: PendingExchange): void {
    const now = nowIso();
    let seq = 1;
    if (input.threadId === undefined) {
      this.#insertThread.run(threadId, now, now);
    } else {
      this.#touchThread.run(now, threadId);
      seq = this.#nextSeq.get(threadId)!.seq;
    }
    const base = { thread_id: threadId, language: input.language, created_at: now, prompt_tokens: null, completion_tokens: null, total_tokens: null };
    this.#insertMessage.run({
      ...base,
      id: uuidv7(),
      seq,
      role: 'user',
      content: input.question,
      citations: null,
      mode: null,
      model: null,
      answered: null,
      degraded: null,
      cached: null,
      latency_ms: null,
    });
    const { answer } = input;
    this.#insertMessage.run({
      ...base,
      id: messageId,
      seq: seq + 1,
      role: 'assistant',
      content: answer.answer,
      citations: JSON.stringify(answer.citations),
      mode: answer.mode,
      model: answer.model,
      answered: answer.answered ? 1 : 0,
      degraded: answer.degraded ? 1 : 0,
      cached: input.cached ? 1 : 0,
      latency_ms: input.latencyMs,
      prompt_tokens: input.usage?.promptTokens ?? null,
      completion_tokens: input.usage?.completionTokens ?? null,
      total_tokens: input.usage?.totalTokens ?? null,
    });
  }

  /** The last `turns` questions and answers of a thread, oldest first. */
  async history(threadId: string, turns: number): Promise<HistoryTurn[]> {
    if (turns <= 0) return [];
    return this.#recentMessages.all(threadId, turns * 2).map((row) => ({ role: row.role, content: row.content }));
  }

  async get(threadId: string): Promise<ThreadResponse | undefined> {
    const thread = this.#threadById.get(threadId);
    if (!thread) return undefined;
    return {
      id: thread.id,
      createdAt: thread.created_at,
      messages: this.#messagesOf.all(threadId).map((row) =>
        row.role === 'user'
          ? { id: row.id, role: row.role, content: row.content, createdAt: row.created_at }
          : {
              id: row.id,
              role: row.role,
              content: row.content,
              createdAt: row.created_at,
              citations: row.citations ? (JSON.parse(row.citations) as Citation[]) : [],
              mode: row.mode ?? 'extractive',
              model: row.model,
              answered: row.answered === 1,
              degraded: row.degraded === 1,
              cached: row.cached === 1,
              latencyMs: row.latency_ms ?? 0,
            },
      ),
    };
  }

  /** Every answered exchange asked at or after `since` (ISO date or time), oldest first. */
  async *exportSince(since: string): AsyncGenerator<ExportedExchange> {
    const rows = prepare<[string], MessageRow & { question: string; asked_at: string }>(
      this.#db,
      `SELECT a.*, q.content AS question, q.created_at AS asked_at
         FROM messages a JOIN messages q ON q.thread_id = a.thread_id AND q.seq = a.seq - 1
         WHERE a.role = 'assistant' AND q.created_at >= ? ORDER BY q.created_at, a.thread_id, a.seq`,
    ).iterate(since);
    const feedbackOf = prepare<[string], { rating: string; comment: string | null; created_at: string }>(
      this.#db,
      'SELECT rating, comment, created_at FROM feedback WHERE message_id = ? ORDER BY id',
    );
    for (const row of rows) {
      yield {
        threadId: row.thread_id,
        messageId: row.id,
        askedAt: row.asked_at,
        question: row.question,
        language: row.language,
        answer: row.content,
        citations: row.citations ? (JSON.parse(row.citations) as Citation[]) : [],
        answered: row.answered === 1,
        mode: row.mode,
        model: row.model,
        degraded: row.degraded === 1,
        cached: row.cached === 1,
        latencyMs: row.latency_ms,
        promptTokens: row.prompt_tokens,
        completionTokens: row.completion_tokens,
        totalTokens: row.total_tokens,
        feedback: feedbackOf.all(row.id).map((f) => ({ rating: f.rating, comment: f.comment, createdAt: f.created_at })),
      };
    }
  }
}
