import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { backupNow } from './backup.js';
import { cacheKey, normalizeQuestion } from './cache.js';
import { MIGRATIONS } from './migrations.js';
import { openStore } from './store.js';
import { englishAnswer, storePerTest } from './test-helpers.js';
import { MAX_GROUP } from './threads.js';

const answer = englishAnswer('Run `npx atomkit lint` [1].', [{ n: 1, title: 'Run lint locally', url: '/procedure/run-lint/#steps', section: 'Steps', snippet: 'Run it.', atomId: 'procedure/run-lint' }]);

const temp = storePerTest('nested/bot.sqlite');

describe('openStore', () => {
  test('creates the file in WAL mode at the latest schema version', () => {
    expect(temp.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(temp.store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  test('refuses a database from a newer atomkit', () => {
    temp.store.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    temp.store.close();
    expect(() => openStore(path.join(temp.dir, 'nested', 'bot.sqlite'))).toThrow(/newer than this atomkit knows/);
    temp.store = openStore(path.join(temp.dir, 'other.sqlite'));
  });
});

describe('migration 2 (token usage)', () => {
  test('keeps the answers of a version 1 database, with unknown usage, and stores the usage of new ones', async () => {
    const file = path.join(temp.dir, 'v1.sqlite');
    const v1 = new Database(file);
    v1.exec(MIGRATIONS[0]!);
    v1.exec(`INSERT INTO threads VALUES ('t', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
      INSERT INTO messages (id, thread_id, seq, role, content, created_at) VALUES ('q', 't', 1, 'user', 'How?', '2026-01-01T00:00:00Z');
      INSERT INTO messages (id, thread_id, seq, role, content, mode, created_at) VALUES ('a', 't', 2, 'assistant', 'So.', 'llm', '2026-01-01T00:00:00Z');`);
    v1.pragma('user_version = 1');
    v1.close();
    const store = openStore(file);
    try {
      const usage = { promptTokens: 120, completionTokens: 30, totalTokens: 150 };
      const ids = await store.threads.addExchange({ threadId: 't', question: 'And then?', language: 'en', answer, cached: false, latencyMs: 1, usage });
      const exported = [...store.threads.exportSince('2000-01-01')];
      expect(exported.map((e) => [e.messageId, e.promptTokens, e.completionTokens, e.totalTokens])).toEqual([
        ['a', null, null, null],
        [ids.messageId, 120, 30, 150],
      ]);
    } finally {
      store.close();
    }
  });
});

describe('ThreadStore', () => {
  test('exchanges arriving together are committed together, each in its thread, in order', async () => {
    const first = await temp.store.threads.addExchange({ threadId: undefined, question: 'q0', language: 'en', answer, cached: false, latencyMs: 1 });
    const results = await Promise.all(
      ['q1', 'q2', 'q3'].map((question) => temp.store.threads.addExchange({ threadId: first.threadId, question, language: 'en', answer, cached: false, latencyMs: 1 })),
    );
    expect(new Set(results.map((r) => r.messageId)).size).toBe(3);
    expect(temp.store.threads.get(first.threadId)!.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['q0', 'q1', 'q2', 'q3']);
  });


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
    expect(ids.map((id) => temp.store.threads.get(id.threadId)!.messages[0]!.content)).toEqual(Array.from({ length: MAX_GROUP + 2 }, (_, i) => `burst ${i}`));
  });

  test('stores a question with its answer and reads the thread back in order', async () => {
    const first = await temp.store.threads.addExchange({ threadId: undefined, question: 'How do I lint?', language: 'en', answer, cached: false, latencyMs: 12.5 });
    const second = await temp.store.threads.addExchange({ threadId: first.threadId, question: 'And one file?', language: 'en', answer, cached: true, latencyMs: 1 });
    expect(second.threadId).toBe(first.threadId);
    const thread = temp.store.threads.get(first.threadId)!;
    expect(thread.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'How do I lint?'],
      ['assistant', answer.answer],
      ['user', 'And one file?'],
      ['assistant', answer.answer],
    ]);
    expect(thread.messages[1]).toMatchObject({ id: first.messageId, citations: answer.citations, mode: 'extractive', cached: false, latencyMs: 12.5 });
    expect(thread.messages[3]).toMatchObject({ cached: true });
  });

  test('history gives the last turns, oldest first', async () => {
    const { threadId } = await temp.store.threads.addExchange({ threadId: undefined, question: 'q1', language: 'en', answer, cached: false, latencyMs: 1 });
    await temp.store.threads.addExchange({ threadId, question: 'q2', language: 'en', answer, cached: false, latencyMs: 1 });
    expect(temp.store.threads.history(threadId, 1)).toEqual([
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: answer.answer },
    ]);
    expect(temp.store.threads.history(threadId, 0)).toEqual([]);
  });

  test('an unknown thread does not exist and reads as undefined', () => {
    expect(temp.store.threads.exists('nope')).toBe(false);
    expect(temp.store.threads.get('nope')).toBeUndefined();
  });

  test('exports exchanges since a date with their feedback', async () => {
    const { messageId } = await temp.store.threads.addExchange({ threadId: undefined, question: 'q1', language: 'en', answer, cached: false, latencyMs: 3 });
    temp.store.feedback.add(messageId, 'down', 'too short');
    const rows = [...temp.store.threads.exportSince('2000-01-01T00:00:00.000Z')];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messageId, question: 'q1', answer: answer.answer, answered: true, feedback: [{ rating: 'down', comment: 'too short' }] });
    expect([...temp.store.threads.exportSince('2999-01-01T00:00:00.000Z')]).toEqual([]);
  });
});

describe('FeedbackStore', () => {
  test('records feedback on an answer and refuses unknown or user message ids', async () => {
    const { threadId, messageId } = await temp.store.threads.addExchange({ threadId: undefined, question: 'q', language: 'en', answer, cached: false, latencyMs: 1 });
    expect(temp.store.feedback.add(messageId, 'up', undefined)).toBeTypeOf('number');
    expect(temp.store.feedback.add('missing', 'up', undefined)).toBeUndefined();
    const userMessage = temp.store.threads.get(threadId)!.messages[0]!.id;
    expect(temp.store.feedback.add(userMessage, 'up', undefined)).toBeUndefined();
    expect(temp.store.counts().feedback).toBe(1);
  });
});

describe('AnswerCache', () => {
  const parts = { question: 'How do I lint?', indexHash: 'h1', mode: 'extractive' as const, model: null, language: 'en' };

  test('returns what was stored under the same normalized question and counts hits in batches', () => {
    temp.store.cache.set(cacheKey(parts), parts, answer);
    expect(temp.store.cache.get(cacheKey({ ...parts, question: '  how do I LINT ' }))).toEqual(answer);
    expect(temp.store.cache.get(cacheKey(parts))).toEqual(answer);
    temp.store.cache.flush();
    expect(temp.store.db.prepare('SELECT hits FROM answer_cache').pluck().get()).toBe(2);
  });

  test('a new index content hash, mode or model misses', () => {
    temp.store.cache.set(cacheKey(parts), parts, answer);
    expect(temp.store.cache.get(cacheKey({ ...parts, indexHash: 'h2' }))).toBeUndefined();
    expect(temp.store.cache.get(cacheKey({ ...parts, mode: 'llm', model: 'm' }))).toBeUndefined();
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
    const copy = new Database(files[2]!, { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(2);
    copy.close();
  });
});
