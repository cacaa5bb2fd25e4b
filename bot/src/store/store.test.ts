import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openSqlite, pragma } from '../../../tooling/src/sqlite/database.js';
import { UsageError } from '../../../tooling/src/cli/usage-error.js';
import { backupNow } from './backup.js';
import { openDatabase } from './db.js';
import { cacheKey, normalizeQuestion } from './cache.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite.js';
import { englishAnswer, storePerTest } from './test-helpers.js';
import { MAX_GROUP } from './threads.js';

const answer = englishAnswer('Run `npx atomkit lint` [1].', [{ n: 1, title: 'Run lint locally', url: '/procedure/run-lint/#steps', section: 'Steps', snippet: 'Run it.', atomId: 'procedure/run-lint' }]);

const temp = storePerTest('nested/bot.sqlite');

describe('openSqliteStore', () => {
  test('creates the file in WAL mode at the latest schema version', () => {
    expect(pragma(temp.store.db, 'journal_mode')).toBe('wal');
    expect(pragma(temp.store.db, 'user_version')).toBe(MIGRATIONS.length);
  });

  test('refuses a database from a newer atomkit', async () => {
    temp.store.db.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    await temp.store.close();
    expect(() => openSqliteStore(path.join(temp.dir, 'nested', 'bot.sqlite'))).toThrow(/newer than this atomkit knows/);
    temp.store = openSqliteStore(path.join(temp.dir, 'other.sqlite'));
  });
});

describe('a file the store cannot be kept in', () => {
  test('a damaged or foreign file is refused with what to do, for the service and for readers alike', () => {
    for (const content of [randomBytes(8192), Buffer.from('SQLite format 3\0 and then nothing a database holds')]) {
      const file = path.join(temp.dir, 'damaged.sqlite');
      writeFileSync(file, content);
      for (const open of [() => openSqliteStore(file), () => openDatabase(file, { readonly: true })]) {
        expect(open).toThrow(UsageError);
        expect(open).toThrow(`The chat store ${file} is not a SQLite database atomkit can read (file is not a database): it is damaged, or another file. Restore it from a backup in .atomkit/backups/`);
      }
    }
  });

  test('a folder that cannot be made (a file in its way) is refused naming the setting to change', () => {
    const file = path.join(temp.dir, 'nested', 'bot.sqlite', 'inner', 'bot.sqlite');
    expect(() => openSqliteStore(file)).toThrow(UsageError);
    expect(() => openSqliteStore(file)).toThrow(/^Cannot keep the chat store at .+ \(E\w+: .+\)\. Point bot\.db \(or --db\) at a file in a folder atomkit can write\.$/);
  });
});

describe('migration 2 (token usage)', () => {
  test('keeps the answers of a version 1 database, with unknown usage, and stores the usage of new ones', async () => {
    const file = path.join(temp.dir, 'v1.sqlite');
    const v1 = openSqlite(file);
    v1.exec(MIGRATIONS[0]!);
    v1.exec(`INSERT INTO threads VALUES ('t', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
      INSERT INTO messages (id, thread_id, seq, role, content, created_at) VALUES ('q', 't', 1, 'user', 'How?', '2026-01-01T00:00:00Z');
      INSERT INTO messages (id, thread_id, seq, role, content, mode, created_at) VALUES ('a', 't', 2, 'assistant', 'So.', 'llm', '2026-01-01T00:00:00Z');`);
    v1.exec('PRAGMA user_version = 1');
    v1.close();
    const store = openSqliteStore(file);
    try {
      const usage = { promptTokens: 120, completionTokens: 30, totalTokens: 150 };
      const ids = await store.threads.addExchange({ threadId: 't', question: 'And then?', language: 'en', answer, cached: false, latencyMs: 1, usage });
      const exported = [];
      for await (const exchange of store.threads.exportSince('2000-01-01')) exported.push(exchange);
      expect(exported.map((e) => [e.messageId, e.promptTokens, e.completionTokens, e.totalTokens])).toEqual([
        ['a', null, null, null],
        [ids.messageId, 120, 30, 150],
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('ThreadStore (SQLite)', () => {
  test('a commit waits for at most MAX_GROUP exchanges: the first of a burst are stored before the rest arrive', async () => {
    const settled: number[] = [];
    const all = Array.from({ length: MAX_GROUP + 2 }, (_, i) =>
      temp.store.threads.addExchange({ threadId: undefined, question: `burst ${i}`, language: 'en', answer, cached: false, latencyMs: 1 }).then((ids) => {
        settled.push(i);
        return ids;
      }),
    );
    await Promise.resolve();
    expect(settled).toEqual(Array.from({ length: MAX_GROUP }, (_, i) => i));
    const ids = await Promise.all(all);
    expect(settled).toHaveLength(MAX_GROUP + 2);
    const firsts = await Promise.all(ids.map(async (id) => (await temp.store.threads.get(id.threadId))!.messages[0]!.content));
    expect(firsts).toEqual(Array.from({ length: MAX_GROUP + 2 }, (_, i) => `burst ${i}`));
  });
});

describe('AnswerCache (SQLite)', () => {
  const parts = { question: 'How do I lint?', indexHash: 'h1', mode: 'extractive' as const, model: null, language: 'en', answerer: 'atomkit 1.0.0; minScore 0.1' };

  test('counts hits in batches', async () => {
    await temp.store.cache.set(cacheKey(parts), parts, answer);
    await temp.store.cache.get(cacheKey(parts));
    await temp.store.cache.get(cacheKey(parts));
    temp.store.cache.flush();
    expect(temp.store.db.prepare('SELECT hits FROM answer_cache').get()!.hits).toBe(2);
  });
});

describe('normalizeQuestion', () => {
  test.each([
    ['  How do I  RUN lint？ ', 'how do i run lint'],
    ['ＡＢＣ', 'abc'],
    ['What is X?!', 'what is x'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeQuestion(input)).toBe(expected);
  });
});

describe('backupNow', () => {
  test('writes a consistent copy with the data and keeps only the newest copies', async () => {
    await temp.store.threads.addExchange({ threadId: undefined, question: 'q', language: 'en', answer, cached: false, latencyMs: 1 });
    const backups = path.join(temp.dir, 'backups');
    const files: string[] = [];
    for (let i = 0; i < 3; i++) {
      files.push(await backupNow(temp.store.db, { dir: backups, keep: 2 }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(readdirSync(backups).sort()).toEqual(files.slice(1).map((f) => path.basename(f)).sort());
    const copy = openSqlite(files[2]!, { readOnly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM messages').get()!.n).toBe(2);
    copy.close();
  });
});
