/**
 * Connecting to PostgreSQL: the pool from the `bot.postgres` settings, and which failures mean
 * "the database cannot be reached" (the service keeps answering) rather than a bug. The `pg`
 * package is an optional peer dependency, loaded only when a PostgreSQL store is configured.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { projectPath, type AtomkitConfig } from '../../../../tooling/src/config/load.js';
import { importOptional } from '../../../../tooling/src/package/optional.js';

export interface PostgresSettings {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Connections kept open at most. */
  readonly poolSize: number;
  /** Milliseconds a statement may run before the server cancels it. */
  readonly statementTimeoutMs: number;
  /** Milliseconds to wait for a connection. */
  readonly connectTimeoutMs: number;
  readonly tls: 'disable' | 'require' | 'verify-full';
  /** PEM text of the certificate authority (`verify-full`). */
  readonly ca?: string | undefined;
}

/** The `bot.postgres` settings for `url`. */
export function postgresSettings(config: AtomkitConfig, url: string): PostgresSettings {
  const { poolSize, statementTimeoutMs, connectTimeoutMs, tls, ca } = config.bot.postgres;
  return { url, poolSize, statementTimeoutMs, connectTimeoutMs, tls, ca: ca ? readFileSync(projectPath(config, ca), 'utf8') : undefined };
}

/**
 * A pool that never throws from an idle connection's failure (the next query reports it instead).
 *
 * @throws OptionalDependencyUnavailable when the `pg` package is not installed.
 */
export async function createPool(settings: PostgresSettings, options: { max?: number } = {}): Promise<pg.Pool> {
  const { default: driver } = await importOptional<{ default: typeof pg }>('pg', 'The PostgreSQL store (bot.store: postgres://…)');
  const pool = new driver.Pool({
    connectionString: settings.url,
    max: options.max ?? settings.poolSize,
    statement_timeout: settings.statementTimeoutMs,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    ssl: settings.tls === 'disable' ? false : { rejectUnauthorized: settings.tls === 'verify-full', ...(settings.ca ? { ca: settings.ca } : {}) },
    application_name: 'atomkit',
  });
  // Without a listener, a server restart would crash the process through the idle clients' errors.
  pool.on('error', () => {});
  return pool;
}

/** Node socket errors and SQLSTATE classes that say the server is gone, refusing, or too slow. */
const UNREACHABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Does this failure mean the database cannot be reached now (as opposed to a wrong query)? */
export function isUnreachable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (UNREACHABLE_ERRNO.has(code)) return true;
  // 08: connection exception; 57P: operator intervention (shutdown, cannot connect now); 57014: statement timeout; 53300: too many connections.
  if (/^(08|57P)/.test(code) || code === '57014' || code === '53300') return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i.test(message);
}
