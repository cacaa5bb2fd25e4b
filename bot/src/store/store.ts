/**
 * What the chat service keeps, whichever database holds it: one asynchronous interface with a
 * SQLite implementation (sqlite.ts, one file, the default) and a PostgreSQL one (postgres/, shared
 * by replicas). store-contract.test.ts runs the same tests against both.
 */
import type { Answer, ThreadResponse } from '../contract.js';
import type { CacheKeyParts } from './cache.js';
import type { ExchangeInput, ExportedExchange, HistoryTurn } from './threads.js';
import type { UnansweredInput } from './unanswered.js';

export interface StoreCounts {
  threads: number;
  messages: number;
  feedback: number;
  unanswered: number;
  cachedAnswers: number;
}

export interface ThreadRepository {
  exists(threadId: string): Promise<boolean>;
  /** Stores a question and its answer; resolves with the thread and the answer's message id once committed. */
  addExchange(input: ExchangeInput): Promise<{ threadId: string; messageId: string }>;
  /** The last `turns` questions and answers of a thread, oldest first. */
  history(threadId: string, turns: number): Promise<HistoryTurn[]>;
  get(threadId: string): Promise<ThreadResponse | undefined>;
  /** Every answered exchange asked at or after `since` (ISO time), oldest first. */
  exportSince(since: string): AsyncIterable<ExportedExchange>;
}

export interface FeedbackRepository {
  /** Returns the new row id, or undefined when no answer has this message id. */
  add(messageId: string, rating: 'up' | 'down', comment: string | undefined): Promise<number | undefined>;
}

export interface CacheRepository {
  /** The cached answer, or undefined. */
  get(key: string): Promise<Answer | undefined>;
  set(key: string, parts: CacheKeyParts, answer: Answer): Promise<void>;
}

export interface UnansweredRepository {
  record(input: UnansweredInput): Promise<void>;
}

/** What `atomkit coverage` reads: uncovered questions and the citations of down-voted answers. */
export interface CoverageRows {
  readonly unanswered: { question: string; normalized: string; topAtom: string | null; createdAt: string }[];
  readonly downVotes: { citations: string | null; comment: string | null }[];
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it is, safe to print (a connection string without its password). */
  readonly location: string;
  readonly threads: ThreadRepository;
  readonly feedback: FeedbackRepository;
  readonly cache: CacheRepository;
  readonly unanswered: UnansweredRepository;
  counts(): Promise<StoreCounts>;
  coverageRows(): Promise<CoverageRows>;
  /** Why the store cannot be reached now, or undefined while it can (for `/healthz`). */
  problem(): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * The database cannot be reached (refused, lost, timed out). The service keeps answering;
 * what it could not store is reported instead of failing the request.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}
