/**
 * Periodic online backups with SQLite's backup API (`backup()` of node:sqlite): the service keeps answering
 * while a consistent copy is written, and only the newest `keep` copies are kept.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { backup } from 'node:sqlite';
import type { Db } from './db.js';

export interface BackupOptions {
  /** Folder of the copies. */
  readonly dir: string;
  /** Minutes between copies; 0 turns the schedule off. */
  readonly everyMinutes: number;
  /** Copies kept. */
  readonly keep: number;
  /** Receives failures (a full disk must not stop the service). */
  readonly onError?: (error: Error) => void;
}

const BACKUP_FILE = /^bot-\d{8}T\d{6}(?:\d{3})?Z\.sqlite$/;

/**
 * Writes one copy now, named by its UTC time, then deletes the oldest beyond `keep`.
 *
 * @example await backupNow(db, { dir: '.atomkit/backups', keep: 6 }) //=> '.atomkit/backups/bot-20261122T101500123Z.sqlite'
 */
export async function backupNow(db: Db, options: Pick<BackupOptions, 'dir' | 'keep'>): Promise<string> {
  mkdirSync(options.dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const file = path.join(options.dir, `bot-${stamp}.sqlite`);
  await backup(db, file);
  const copies = readdirSync(options.dir)
    .filter((name) => BACKUP_FILE.test(name))
    .sort();
  for (const old of copies.slice(0, Math.max(0, copies.length - options.keep))) {
    rmSync(path.join(options.dir, old), { force: true });
  }
  return file;
}

/** Starts the schedule; `stop()` ends it (and waits for a copy in progress). */
export function scheduleBackups(db: Db, options: BackupOptions): { stop(): Promise<void> } {
  if (options.everyMinutes <= 0) return { stop: async () => {} };
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = backupNow(db, options).catch((error: Error) => options.onError?.(error));
  }, options.everyMinutes * 60_000);
  // The schedule alone must not keep the process alive.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
