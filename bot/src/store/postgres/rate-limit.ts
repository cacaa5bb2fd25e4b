/**
 * Rate-limit counters in PostgreSQL, so `bot.rateLimit.max` is per client across every replica.
 * A fixed window per client: one upsert per request increments the client's row, or restarts it
 * when its window is over, and returns the count and the window's start. Windows are cut by the
 * database clock, so replicas with drifting clocks still agree.
 *
 * A request whose counter cannot be written is let through (`skipOnError`): a database outage
 * suspends the limit, it does not take the API down.
 */
import type pg from 'pg';

interface RateLimitCallback {
  (error: Error | null, result?: { current: number; ttl: number }): void;
}

/** Old rows (clients not seen for a window) are deleted at most this often per process. */
const SWEEP_EVERY_MS = 60_000;

/** The store class @fastify/rate-limit instantiates (its `store` option), over `pool`. */
export function postgresRateLimitStore(pool: pg.Pool) {
  let lastSweep = 0;
  return class PostgresRateLimitStore {
    incr(key: string, callback: RateLimitCallback, timeWindow: number): void {
      pool
        .query<{ hits: number; ttl: string }>({
          name: 'rate_limit_incr',
          text: `WITH now AS (SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)
                 INSERT INTO rate_limits AS r (key, window_start, hits)
                 SELECT $1, ms - ms % $2, 1 FROM now
                 ON CONFLICT (key) DO UPDATE SET
                   hits = CASE WHEN r.window_start = excluded.window_start THEN r.hits + 1 ELSE 1 END,
                   window_start = excluded.window_start
                 RETURNING hits, (window_start + $2 - (SELECT ms FROM now)) AS ttl`,
          values: [key, timeWindow],
        })
        .then(
          ({ rows }) => {
            callback(null, { current: rows[0]!.hits, ttl: Number(rows[0]!.ttl) });
            if (Date.now() - lastSweep > Math.max(SWEEP_EVERY_MS, timeWindow)) {
              lastSweep = Date.now();
              void pool
                .query('DELETE FROM rate_limits WHERE window_start < floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint - $1', [2 * timeWindow])
                .catch(() => {});
            }
          },
          (error: Error) => callback(error),
        );
    }

    child(): PostgresRateLimitStore {
      return new PostgresRateLimitStore();
    }
  };
}
