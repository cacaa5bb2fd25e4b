/**
 * Opens the chat service's SQLite file: WAL (readers never wait for the writer), foreign keys on,
 * migrations applied.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/**
 * @example openDatabase('.atomkit/bot.sqlite').pragma('journal_mode', { simple: true }) //=> 'wal'
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  if (!options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    // With WAL, NORMAL loses at most the last transactions on power loss, never consistency.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  }
  return db;
}

/** ISO time now; one place so every table stores the same format. */
export function nowIso(): string {
  return new Date().toISOString();
}
