/** What the store tests share: a fresh store per test, and an answer to log. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Answer } from '../contract.js';
import { openSqliteStore, type SqliteStore } from './sqlite.js';

export interface TempStore {
  /** The test's temporary folder. */
  readonly dir: string;
  /** The open store; a test that reopens it assigns the new one here, to be closed after it. */
  store: SqliteStore;
}

/**
 * Opens a store at `file` (relative to a new temporary folder) before each test of the calling
 * file, and closes and removes it after.
 */
export function storePerTest(file: string): TempStore {
  const temp = {} as { dir: string; store: SqliteStore };
  beforeEach(() => {
    temp.dir = mkdtempSync(path.join(tmpdir(), 'atomkit-store-'));
    temp.store = openSqliteStore(path.join(temp.dir, file));
  });
  afterEach(async () => {
    await temp.store.close();
    rmSync(temp.dir, { recursive: true, force: true });
  });
  return temp;
}

/** An answered extractive answer in English. */
export function englishAnswer(answer: string, citations: Answer['citations'] = []): Answer {
  return { answer, citations, answered: true, mode: 'extractive', model: null, degraded: false, language: 'en' };
}
