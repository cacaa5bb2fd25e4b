/**
 * The rate limit of `atomkit serve --workers` on the SQLite store: the primary keeps one counter
 * per client, and each worker asks it for every request over the cluster's IPC channel, so
 * `bot.rateLimit.max` is per client across the workers (each worker counting on its own would
 * let a client through as many times as there are workers). The counters are not in the SQLite
 * file: a write per request there, with the workers waiting on each other's lock, cut cached
 * answers from 3,650-3,920 to 2,240-2,370 a second with two workers. With PostgreSQL the
 * counters are in the database, shared by every replica (store/postgres/rate-limit.ts).
 */
import type { ClusterMessage } from './cluster.js';

interface RateLimitCallback {
  (error: Error | null, result?: { current: number; ttl: number }): void;
}

/** Clients not seen for a window are forgotten at most this often. */
const SWEEP_EVERY_MS = 60_000;

/**
 * A fixed window per client, cut at multiples of its length (as in PostgreSQL): what the primary
 * keeps for its workers.
 */
export class WindowCounters {
  readonly #rows = new Map<string, { start: number; hits: number }>();
  #lastSweep = 0;

  /** Counts a request of `key`: the requests in its window so far, and the window's milliseconds left. */
  count(key: string, windowMs: number, now = Date.now()): { current: number; ttl: number } {
    const start = now - (now % windowMs);
    let row = this.#rows.get(key);
    if (row?.start !== start) {
      row = { start, hits: 0 };
      this.#rows.set(key, row);
    }
    row.hits++;
    if (now - this.#lastSweep > Math.max(SWEEP_EVERY_MS, windowMs)) {
      this.#lastSweep = now;
      for (const [other, { start: since }] of this.#rows) if (since + windowMs <= now) this.#rows.delete(other);
    }
    return { current: row.hits, ttl: start + windowMs - now };
  }

  /** Clients counted and not yet forgotten. */
  get size(): number {
    return this.#rows.size;
  }
}

/**
 * The store class @fastify/rate-limit instantiates (its `store` option) in a worker: each request
 * is counted by the primary. When the primary is gone the request is let through (`skipOnError`)
 * for the moment the worker has left.
 */
export function primaryRateLimitStore() {
  const pending = new Map<number, RateLimitCallback>();
  let nextId = 0;
  process.on('message', (message: ClusterMessage) => {
    if (message.type !== 'atomkit:counted') return;
    const callback = pending.get(message.id);
    pending.delete(message.id);
    callback?.(null, { current: message.current, ttl: message.ttl });
  });
  process.on('disconnect', () => {
    for (const callback of pending.values()) callback(new Error('the primary process is gone'));
    pending.clear();
  });
  return class PrimaryRateLimitStore {
    incr(key: string, callback: RateLimitCallback, timeWindow: number): void {
      if (!process.connected) return callback(new Error('the primary process is gone'));
      const id = nextId++;
      pending.set(id, callback);
      process.send!({ type: 'atomkit:count', id, key, windowMs: timeWindow } satisfies ClusterMessage);
    }

    child(): PrimaryRateLimitStore {
      return new PrimaryRateLimitStore();
    }
  };
}
