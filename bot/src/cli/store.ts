/**
 * What `atomkit store migrate-from-sqlite` runs: copies a SQLite conversation store into
 * PostgreSQL, in one transaction (a failure leaves the target as it was), into a store that holds
 * no conversations yet (ids are kept, so feedback still points at its answer).
 */
import { existsSync } from 'node:fs';
import type pg from 'pg';
import { projectPath, type AtomkitConfig } from '../../../tooling/src/config/load.js';
import type { CliIo } from '../../../tooling/src/cli/io.js';
import { openSqlite, pragma, type Database } from '../../../tooling/src/sqlite/database.js';
import { MIGRATIONS } from '../store/migrations.js';
import { postgresSettings } from '../store/postgres/connection.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { openPostgresStore } from '../store/postgres/store.js';
import { StoreUnavailableError } from '../store/store.js';

export interface MigrateOptions {
  /** The SQLite file. */
  readonly file: string;
  /** Overrides `bot.store`. */
  readonly store?: string;
}

/** Rows sent per statement. */
const BATCH = 1000;

/** Each table: the SQLite query, and how a row becomes the PostgreSQL row (booleans and JSON typed). */
const TABLES: readonly { table: string; select: string; convert?: (row: Record<string, unknown>) => Record<string, unknown> }[] = [
  // last_seq is set from the copied messages once they are in.
  { table: 'threads', select: 'SELECT id, created_at, updated_at, 0 AS last_seq FROM threads ORDER BY id' },
  {
    table: 'messages',
    select: 'SELECT * FROM messages ORDER BY thread_id, seq',
    convert: (row) => ({
      ...row,
      citations: typeof row.citations === 'string' ? JSON.parse(row.citations) : null,
      answered: bool(row.answered),
      degraded: bool(row.degraded),
      cached: bool(row.cached),
    }),
  },
  { table: 'feedback', select: 'SELECT * FROM feedback ORDER BY id' },
  { table: 'unanswered', select: 'SELECT * FROM unanswered ORDER BY id' },
  { table: 'answer_cache', select: 'SELECT * FROM answer_cache ORDER BY key', convert: (row) => ({ ...row, answer: JSON.parse(String(row.answer)) }) },
];

export async function runMigrateFromSqlite(config: AtomkitConfig, options: MigrateOptions, io: CliIo): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`${io.colors.red('error')} ${message}\n`);
    return 2;
  };
  const target = options.store ?? config.bot.store;
  if (!isPostgresUrl(target)) return fail('migrate-from-sqlite copies into PostgreSQL: give --store postgres://… or set bot.store (or ATOMKIT_DATABASE_URL).');
  const file = projectPath(config, options.file);
  if (!existsSync(file)) return fail(`no SQLite store at ${file}.`);
  let source: Database;
  try {
    source = openSqlite(file, { readOnly: true });
  } catch (error) {
    return fail(`cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    const version = pragma(source, 'user_version') as number;
    if (version !== MIGRATIONS.length) {
      return fail(`${file} is at schema version ${version}, this atomkit copies version ${MIGRATIONS.length}: ${version < MIGRATIONS.length ? 'start `atomkit serve` on it once to migrate it' : 'upgrade atomkit'}.`);
    }
    let store;
    try {
      store = await openPostgresStore(postgresSettings(config, target));
    } catch (error) {
      return fail((error as Error).message);
    }
    try {
      const copied = await copy(source, store.pool);
      if (typeof copied === 'string') return fail(copied);
      io.stderr(`copied ${Object.entries(copied).map(([table, n]) => `${n} ${table}`).join(', ')} from ${options.file} into ${store.location}\n`);
      return 0;
    } catch (error) {
      return fail(error instanceof StoreUnavailableError ? error.message : `the copy failed and was rolled back: ${(error as Error).message}`);
    } finally {
      await store.close();
    }
  } finally {
    source.close();
  }
}

/** Copies every table in one transaction; returns rows per table, or why it refused. */
async function copy(source: Database, pool: pg.Pool): Promise<Record<string, number> | string> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM threads) + (SELECT count(*) FROM feedback) + (SELECT count(*) FROM unanswered) AS n');
    if (Number(rows[0]!.n) > 0) {
      await client.query('ROLLBACK');
      return 'the PostgreSQL store already holds conversations; copy into an empty database.';
    }
    const counts: Record<string, number> = {};
    for (const { table, select, convert } of TABLES) {
      let batch: Record<string, unknown>[] = [];
      counts[table] = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await client.query(`INSERT INTO ${table} SELECT * FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(batch)]);
        counts[table]! += batch.length;
        batch = [];
      };
      for (const row of source.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
        batch.push(convert ? convert(row) : row);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
    }
    // New rows continue after the copied ids and message numbers.
    await client.query(`UPDATE threads t SET last_seq = COALESCE((SELECT max(seq) FROM messages m WHERE m.thread_id = t.id), 0)`);
    for (const table of ['feedback', 'unanswered']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1), (SELECT max(id) FROM ${table}) IS NOT NULL)`);
    }
    await client.query('COMMIT');
    return counts;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function bool(value: unknown): boolean | null {
  return value === null || value === undefined ? null : value === 1;
}
