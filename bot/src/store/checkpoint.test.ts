import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { Answer } from '../contract.js';
import { startCheckpointer } from './checkpoint.js';
import { openStore, type Store } from './store.js';

const answer: Answer = {
  answer: 'A long answer. '.repeat(100),
  citations: [],
  answered: true,
  mode: 'extractive',
  model: null,
  degraded: false,
  language: 'en',
};

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atomkit-checkpoint-'));
  store = openStore(path.join(dir, 'bot.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sizes = () => ({ db: statSync(store.db.name).size, wal: statSync(`${store.db.name}-wal`).size });

async function writeExchanges(n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) => store.threads.addExchange({ threadId: undefined, question: `q${i}`, language: 'en', answer, cached: false, latencyMs: 1 })),
  );
}

test('the thread copies the log into the database while commits on the serving connection do not', async () => {
  const checkpointer = startCheckpointer(store.db, 3_600_000);
  expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
  const before = sizes().db;
  await writeExchanges(600);
  // Well past SQLite's default threshold (1,000 pages), the serving connection left the log alone.
  expect(sizes().wal).toBeGreaterThan(1_000 * 4096);
  expect(sizes().db).toBe(before);
  await checkpointer.stop();

  const running = startCheckpointer(store.db, 20);
  const deadline = Date.now() + 5_000;
  while (sizes().db === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await running.stop();
  expect(sizes().db).toBeGreaterThan(before + 1_000_000);
  expect(store.db.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(1200);
});

test('stopping waits for the thread to close its connection', async () => {
  const checkpointer = startCheckpointer(store.db, 10);
  await writeExchanges(10);
  await checkpointer.stop();
  await checkpointer.stop();
  store.close();
  // With the thread's connection closed too, the last close removed the log.
  expect(() => statSync(`${store.db.name}-wal`)).toThrow();
  store = openStore(path.join(dir, 'bot.sqlite'));
});
