/**
 * Opens the chat service's SQLite file: WAL (readers never wait for the writer), foreign keys on,
 * migrations applied.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../../tooling/src/cli/usage-error.js';
import { openSqlite, type Database } from '../../../tooling/src/sqlite/database.js';
import { migrate } from './migrations.js';

export type Db = Database;

/**
 * @example pragma(openDatabase('.atomkit/bot.sqlite'), 'journal_mode') //=> 'wal'
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  let db: Db | undefined;
  try {
    if (!options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = openSqlite(file, { readOnly: options.readonly ?? false });
    // Opening reads nothing; a first read finds a damaged file here rather than in the first query.
    if (options.readonly) db.prepare('PRAGMA schema_version').get();
    else {
      db.exec('PRAGMA journal_mode = WAL');
      // With WAL, NORMAL loses at most the last transactions on power loss, never consistency.
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA foreign_keys = ON');
      migrate(db);
    }
    return db;
  } catch (error) {
    db?.close();
    throw unusable(file, error);
  }
}

/**
 * A file the store cannot be kept in, said as what to do about it: a damaged or foreign file
 * (`file is not a database`) and a folder that cannot be made (a file in the way, no permission)
 * are the operator's to fix, not atomkit's to report as its own failure.
 */
function unusable(file: string, error: unknown): unknown {
  const message = (error as Error)?.message ?? '';
  if (/file is not a database|database disk image is malformed/.test(message)) {
    return new UsageError(
      `The chat store ${file} is not a SQLite database atomkit can read (${message}): it is damaged, or another file. Restore it from a backup in .atomkit/backups/, or move it away to start an empty store.`,
    );
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if ((code !== undefined && ['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC'].includes(code)) || /unable to open database file/.test(message)) {
    return new UsageError(`Cannot keep the chat store at ${file} (${message}). Point bot.db (or --db) at a file in a folder atomkit can write.`);
  }
  return error;
}

/** ISO time now; one place so every table stores the same format. */
export function nowIso(): string {
  return new Date().toISOString();
}
