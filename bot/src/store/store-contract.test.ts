/**
 * The store contract: the same tests against the SQLite store and against a real PostgreSQL
 * server (bot/test/postgres.ts), each test on a fresh store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sharedPostgres } from '../../test/postgres.js';
import { cacheKey } from './cache.js';
import { postgresSettings } from './postgres/connection.js';
import { openPostgresStore } from './postgres/store.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';
import { englishAnswer } from './test-helpers.js';
import type { ExchangeInput, ExportedExchange } from './threads.js';

const answer = englishAnswer('Run `npx atomkit lint` [1].', [{ n: 1, title: 'Run lint locally', url: '/procedure/run-lint/#steps', section: 'Steps', snippet: 'Run it.', atomId: 'procedure/run-lint' }]);

const POSTGRES_DEFAULTS = { poolSize: 4, statementTimeoutMs: 5000, connectTimeoutMs: 5000, tls: 'disable' as const };

const backends: readonly (readonly [string, (dir: string) => Promise<Store>])[] = [
  ['SQLite', async (dir) => openSqliteStore(path.join(dir, 'bot.sqlite'))],
  ['PostgreSQL', async () => openPostgresStore({ url: await (await sharedPostgres()).createDatabase(), ...POSTGRES_DEFAULTS })],
];

const exchange = (question: string, more: Partial<ExchangeInput> = {}): ExchangeInput => ({ threadId: undefined, question, language: 'en', answer, cached: false, latencyMs: 1, ...more });

async function all(exchanges: AsyncIterable<ExportedExchange>): Promise<ExportedExchange[]> {
  const rows: ExportedExchange[] = [];
  for await (const row of exchanges) rows.push(row);
  return rows;
}

describe.each(backends)('the %s store', (_name, open) => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atomkit-contract-'));
    store = await open(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('stores a question with its answer and reads the thread back in order', async () => {
    const first = await store.threads.addExchange(exchange('How do I lint?', { latencyMs: 12.5 }));
    const second = await store.threads.addExchange(exchange('And one file?', { threadId: first.threadId, cached: true }));
    expect(second.threadId).toBe(first.threadId);
    const thread = (await store.threads.get(first.threadId))!;
    expect(thread.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'How do I lint?'],
      ['assistant', answer.answer],
      ['user', 'And one file?'],
      ['assistant', answer.answer],
    ]);
    expect(thread.messages[1]).toMatchObject({ id: first.messageId, citations: answer.citations, mode: 'extractive', model: null, answered: true, degraded: false, cached: false, latencyMs: 12.5 });
    expect(thread.messages[3]).toMatchObject({ cached: true });
    expect(thread.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('exchanges arriving together on one thread are all stored, each with its own place', async () => {
    const first = await store.threads.addExchange(exchange('q0'));
    const results = await Promise.all(['q1', 'q2', 'q3', 'q4'].map((question) => store.threads.addExchange(exchange(question, { threadId: first.threadId }))));
    expect(new Set(results.map((r) => r.messageId)).size).toBe(4);
    const questions = (await store.threads.get(first.threadId))!.messages.filter((m) => m.role === 'user').map((m) => m.content);
    expect(questions.sort()).toEqual(['q0', 'q1', 'q2', 'q3', 'q4']);
  });

  test('history gives the last turns, oldest first', async () => {
    const { threadId } = await store.threads.addExchange(exchange('q1'));
    await store.threads.addExchange(exchange('q2', { threadId }));
    expect(await store.threads.history(threadId, 1)).toEqual([
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: answer.answer },
    ]);
    expect(await store.threads.history(threadId, 5)).toHaveLength(4);
    expect(await store.threads.history(threadId, 0)).toEqual([]);
  });

  test('an unknown thread does not exist and reads as undefined', async () => {
    expect(await store.threads.exists('nope')).toBe(false);
    expect(await store.threads.get('nope')).toBeUndefined();
    const { threadId } = await store.threads.addExchange(exchange('q'));
    expect(await store.threads.exists(threadId)).toBe(true);
  });

  test('records feedback on an answer and refuses unknown or user message ids', async () => {
    const { threadId, messageId } = await store.threads.addExchange(exchange('q'));
    const first = await store.feedback.add(messageId, 'up', undefined);
    const second = await store.feedback.add(messageId, 'down', 'changed my mind');
    expect(first).toBeTypeOf('number');
    expect(second).toBeGreaterThan(first!);
    expect(await store.feedback.add('missing', 'up', undefined)).toBeUndefined();
    const userMessage = (await store.threads.get(threadId))!.messages[0]!.id;
    expect(await store.feedback.add(userMessage, 'up', undefined)).toBeUndefined();
    expect((await store.counts()).feedback).toBe(2);
  });

  test('exports exchanges since a time with their usage and feedback, oldest first', async () => {
    const usage = { promptTokens: 120, completionTokens: 30, totalTokens: 150 };
    const one = await store.threads.addExchange(exchange('q1', { usage }));
    const two = await store.threads.addExchange(exchange('q2', { threadId: one.threadId }));
    await store.feedback.add(one.messageId, 'down', 'too short');
    await store.feedback.add(one.messageId, 'up', undefined);
    const rows = await all(store.threads.exportSince('2000-01-01T00:00:00.000Z'));
    expect(rows.map((row) => row.messageId)).toEqual([one.messageId, two.messageId]);
    expect(rows[0]).toMatchObject({
      threadId: one.threadId,
      question: 'q1',
      answer: answer.answer,
      citations: answer.citations,
      answered: true,
      mode: 'extractive',
      cached: false,
      promptTokens: 120,
      completionTokens: 30,
      totalTokens: 150,
      feedback: [
        { rating: 'down', comment: 'too short' },
        { rating: 'up', comment: null },
      ],
    });
    expect(rows[1]).toMatchObject({ promptTokens: null, feedback: [] });
    expect(rows[0]!.askedAt).toMatch(/Z$/);
    expect(await all(store.threads.exportSince('2999-01-01T00:00:00.000Z'))).toEqual([]);
  });

  test('the answer cache returns what was stored under the same normalized question', async () => {
    const parts = { question: 'How do I lint?', indexHash: 'h1', mode: 'extractive' as const, model: null, language: 'en', answerer: 'atomkit 1.0.0; minScore 0.1' };
    await store.cache.set(cacheKey(parts), parts, answer);
    expect(await store.cache.get(cacheKey({ ...parts, question: '  how do I LINT ' }))).toEqual(answer);
    expect((await store.counts()).cachedAnswers).toBe(1);
  });

  test('the answer cache misses for another index content hash, mode, model, atomkit version or answer settings', async () => {
    const parts = { question: 'How do I lint?', indexHash: 'h1', mode: 'extractive' as const, model: null, language: 'en', answerer: 'atomkit 1.0.0; minScore 0.1' };
    await store.cache.set(cacheKey(parts), parts, answer);
    expect(await store.cache.get(cacheKey({ ...parts, indexHash: 'h2' }))).toBeUndefined();
    expect(await store.cache.get(cacheKey({ ...parts, mode: 'llm', model: 'm' }))).toBeUndefined();
    expect(await store.cache.get(cacheKey({ ...parts, answerer: 'atomkit 1.1.0; minScore 0.1' }))).toBeUndefined();
    expect(await store.cache.get(cacheKey({ ...parts, answerer: 'atomkit 1.0.0; minScore 0.2' }))).toBeUndefined();
  });

  test('unanswered questions and down-voted answers are what coverage reads', async () => {
    const { threadId, messageId } = await store.threads.addExchange(exchange('How do I fly?'));
    await store.unanswered.record({ question: 'How do I fly?', language: 'en', topScore: 0.05, topAtomId: 'faq/flying', threadId, messageId });
    await store.unanswered.record({ question: 'how do i FLY', language: 'en', topScore: undefined, topAtomId: undefined, threadId, messageId });
    await store.feedback.add(messageId, 'down', 'wrong page');
    await store.feedback.add(messageId, 'up', undefined);
    const rows = await store.coverageRows();
    expect(rows.unanswered.map(({ question, normalized, topAtom }) => ({ question, normalized, topAtom }))).toEqual([
      { question: 'How do I fly?', normalized: 'how do i fly', topAtom: 'faq/flying' },
      { question: 'how do i FLY', normalized: 'how do i fly', topAtom: null },
    ]);
    expect(rows.downVotes).toHaveLength(1);
    expect(JSON.parse(rows.downVotes[0]!.citations!)).toEqual(answer.citations);
    expect(rows.downVotes[0]!.comment).toBe('wrong page');
    expect(await store.counts()).toEqual({ threads: 1, messages: 2, feedback: 2, unanswered: 2, cachedAnswers: 0 });
  });

  test('reports no problem while it can be reached', async () => {
    expect(await store.problem()).toBeUndefined();
  });
});

describe('the PostgreSQL store', () => {
  test('migrates once when several replicas open it at the same moment', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ url, ...POSTGRES_DEFAULTS })));
    try {
      const { rows } = await stores[0]!.pool.query<{ version: number }>('SELECT version FROM atomkit_schema');
      expect(rows).toHaveLength(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  test('refuses a database whose schema is newer than this atomkit', async () => {
    const url = await (await sharedPostgres()).createDatabase();
    const store = await openPostgresStore({ url, ...POSTGRES_DEFAULTS });
    await store.pool.query('UPDATE atomkit_schema SET version = version + 1');
    await store.close();
    await expect(openPostgresStore({ url, ...POSTGRES_DEFAULTS })).rejects.toThrow(/newer than this atomkit knows/);
  });

  test('reads the settings from bot.postgres with the connection string given', () => {
    const config = { root: '/project', bot: { postgres: { poolSize: 3, statementTimeoutMs: 900, connectTimeoutMs: 800, tls: 'require' } } } as unknown as Parameters<typeof postgresSettings>[0];
    expect(postgresSettings(config, 'postgres://a@b/c')).toEqual({ url: 'postgres://a@b/c', poolSize: 3, statementTimeoutMs: 900, connectTimeoutMs: 800, tls: 'require', ca: undefined });
  });
});
