/**
 * SQLite through Node's built-in `node:sqlite`: opening a file, reading a pragma, and
 * transactions. Every SQLite file atomkit keeps (the chunk store, the embedding cache, the chat
 * store) is opened here, so no native addon has to be compiled or downloaded at install time.
 */
import { existsSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementResultingChanges } from 'node:sqlite';

export type Database = DatabaseSync;

export interface OpenOptions {
  /** Open without write access (and fail when the file does not exist). @default false */
  readonly readOnly?: boolean;
  /** Refuse to create the file when it does not exist. @default false */
  readonly mustExist?: boolean;
  /**
   * How long a statement waits for another connection's lock before it fails with SQLITE_BUSY
   * (milliseconds): another process on the same file (a second build, a worker of the chat
   * service) makes it wait, not fail. @default 5000
   */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens (or creates) the SQLite file at `file`.
 *
 * @throws Error `<file> does not exist` when `readOnly` or `mustExist` is set and there is no file.
 * @example openSqlite('.atomkit/bot.sqlite', { readOnly: true }).location() //=> '/abs/.atomkit/bot.sqlite'
 */
export function openSqlite(file: string, options: OpenOptions = {}): Database {
  if ((options.readOnly || options.mustExist) && !existsSync(file)) throw new Error(`${file} does not exist`);
  return new DatabaseSync(file, { readOnly: options.readOnly ?? false, timeout: options.busyTimeoutMs ?? 5000 });
}

/** A prepared statement with typed parameters and rows (node:sqlite's rows are untyped records). */
export interface Statement<Params extends unknown[] = SQLInputValue[], Row = Record<string, SQLOutputValue>> {
  run(...params: Params): StatementResultingChanges;
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  iterate(...params: Params): IterableIterator<Row>;
}

/**
 * Prepares `sql` on `db`, typed by what the caller knows of its parameters and columns.
 *
 * @example prepare<[string], { id: string }>(db, 'SELECT id FROM threads WHERE id = ?').get('t1') //=> { id: 't1' }
 */
export function prepare<Params extends unknown[] = SQLInputValue[], Row = Record<string, SQLOutputValue>>(db: Database, sql: string): Statement<Params, Row> {
  return db.prepare(sql) as unknown as Statement<Params, Row>;
}

/**
 * The value of a pragma that returns one (the first column of its first row), or undefined.
 *
 * @example pragma(db, 'user_version') //=> 2
 * @example pragma(db, 'journal_mode') //=> 'wal'
 */
export function pragma(db: Database, name: string): SQLOutputValue | undefined {
  const row = db.prepare(`PRAGMA ${name}`).get();
  return row === undefined ? undefined : Object.values(row)[0];
}

let savepoints = 0;

/**
 * Runs `fn` in a transaction: committed when it returns, rolled back when it throws. Inside
 * another transaction it runs in a savepoint, so a failing inner part undoes only itself.
 *
 * @example transaction(db, () => insert.run(1)) // committed, or nothing written
 */
export function transaction<T>(db: Database, fn: () => T): T {
  if (db.isTransaction) {
    const name = `atomkit_${++savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = fn();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw error;
    }
  }
  db.exec('BEGIN');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // SQLite may already have rolled back (a full disk, an interrupted statement).
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Whether `error` came from SQLite (a damaged file, a lock, a constraint), not from the code
 * around it.
 */
export function isSqliteError(error: unknown): error is Error & { errcode: number; errstr: string } {
  return error instanceof Error && (error as { code?: unknown }).code === 'ERR_SQLITE_ERROR';
}
