/**
 * Opens the chat service's SQLite file: WAL (readers never wait for the writer), foreign keys on,
 * migrations applied.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openSqlite, type Database } from '../../../tooling/src/sqlite/database.js';
import { migrate } from './migrations.js';

export type Db = Database;

/**
 * @example pragma(openDatabase('.atomkit/bot.sqlite'), 'journal_mode') //=> 'wal'
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  if (!options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openSqlite(file, { readOnly: options.readonly ?? false });
  if (!options.readonly) {
    db.exec('PRAGMA journal_mode = WAL');
    // With WAL, NORMAL loses at most the last transactions on power loss, never consistency.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
  }
  return db;
}

/** ISO time now; one place so every table stores the same format. */
export function nowIso(): string {
  return new Date().toISOString();
}
