import { statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { pragma } from '../../../tooling/src/sqlite/database.js';
import { startCheckpointer } from './checkpoint.js';
import { openSqliteStore } from './sqlite.js';
import { englishAnswer, storePerTest } from './test-helpers.js';

const answer = englishAnswer('A long answer. '.repeat(100));

const temp = storePerTest('bot.sqlite');

const file = () => temp.store.db.location()!;
const sizes = () => ({ db: statSync(file()).size, wal: statSync(`${file()}-wal`).size });

async function writeExchanges(n: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, i) => temp.store.threads.addExchange({ threadId: undefined, question: `q${i}`, language: 'en', answer, cached: false, latencyMs: 1 })),
  );
}

test('the thread copies the log into the database while commits on the serving connection do not', async () => {
  const checkpointer = startCheckpointer(temp.store.db, 3_600_000);
  expect(pragma(temp.store.db, 'wal_autocheckpoint')).toBe(10_000);
  const before = sizes().db;
  await writeExchanges(600);
  // Well past SQLite's default threshold (1,000 pages), the serving connection left the log alone.
  expect(sizes().wal).toBeGreaterThan(1_000 * 4096);
  expect(sizes().db).toBe(before);
  await checkpointer.stop();

  const running = startCheckpointer(temp.store.db, 20);
  const deadline = Date.now() + 5_000;
  while (sizes().db === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await running.stop();
  expect(sizes().db).toBeGreaterThan(before + 1_000_000);
  expect(temp.store.db.prepare('SELECT COUNT(*) AS n FROM messages').get()!.n).toBe(1200);
});

test('stopping waits for the thread to close its connection', async () => {
  const checkpointer = startCheckpointer(temp.store.db, 10);
  await writeExchanges(10);
  await checkpointer.stop();
  await checkpointer.stop();
  const closed = file();
  await temp.store.close();
  // With the thread's connection closed too, the last close removed the log.
  expect(() => statSync(`${closed}-wal`)).toThrow();
  temp.store = openSqliteStore(path.join(temp.dir, 'bot.sqlite'));
});
