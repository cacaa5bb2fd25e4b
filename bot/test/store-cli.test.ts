/**
 * The commands that read or move the conversation store, against PostgreSQL: `atomkit store
 * migrate-from-sqlite`, `atomkit conversations export --store` and `atomkit coverage --store` give
 * what they give on the SQLite store the data came from.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../tooling/src/config/load.js';
import { memoryIo } from '../../tooling/src/cli/io.js';
import { main } from '../../tooling/src/cli/main.js';
import { createWorkspace, startTestServer, type Workspace } from './harness.js';
import { TEST_PASSWORD } from './postgres-cluster.js';
import { sharedPostgres } from './postgres.js';

let workspace: Workspace;
let configFile: string;
let sqliteFile: string;
let url: string;

async function atomkit(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(['-c', configFile, ...args], io);
  return { code, out: io.out, err: io.err };
}

beforeAll(async () => {
  workspace = await createWorkspace();
  url = await (await sharedPostgres()).createDatabase();
  const server = await startTestServer(workspace);
  configFile = server.config.file!;
  sqliteFile = server.dbFile;
  const { threadId, messageId } = (await (await server.post('/api/query', { question: 'How do I run the linter locally?' })).json()) as { threadId: string; messageId: string };
  await server.post('/api/query', { question: 'And on one file?', threadId });
  await server.post('/api/query', { question: 'How do I feed the office cat?' });
  await server.post('/api/feedback', { messageId, rating: 'down', comment: 'too short' });
  await server.close();
});
afterAll(() => workspace?.remove());

describe('atomkit store migrate-from-sqlite', () => {
  test('copies every conversation into PostgreSQL, where export and coverage read what they read from SQLite', async () => {
    const copied = await atomkit(['store', 'migrate-from-sqlite', sqliteFile, '--store', url]);
    expect(copied.err).toMatch(/^copied 2 threads, 6 messages, 1 feedback, \d unanswered, \d answer_cache from .* into postgres:\/\/atomkit:\*\*\*@/);
    expect(copied.code).toBe(0);
    expect(copied.err).not.toContain(TEST_PASSWORD);

    const fromSqlite = await atomkit(['conversations', 'export', '--since', '2000-01-01']);
    const fromPostgres = await atomkit(['conversations', 'export', '--since', '2000-01-01', '--store', url]);
    expect(fromPostgres.code).toBe(0);
    expect(fromPostgres.out.trim().split('\n')).toHaveLength(3);
    expect(fromPostgres.out).toBe(fromSqlite.out);

    const coverageSqlite = JSON.parse((await atomkit(['coverage', '--format', 'json'])).out) as { bot: unknown };
    const coveragePostgres = JSON.parse((await atomkit(['coverage', '--format', 'json', '--store', url])).out) as { bot: { available: boolean; unanswered: unknown[]; downVoted: unknown[] } };
    expect(coveragePostgres.bot).toEqual(coverageSqlite.bot);
    expect(coveragePostgres.bot.unanswered.length).toBeGreaterThan(0);
    expect(coveragePostgres.bot.downVoted.length).toBeGreaterThan(0);
  });

  test('a copied thread goes on in PostgreSQL after its copied messages', async () => {
    const exported = JSON.parse((await atomkit(['conversations', 'export', '--since', '2000-01-01', '--store', url])).out.split('\n')[0]!) as { threadId: string };
    const server = await startTestServer(workspace, { store: url });
    try {
      const next = await server.post('/api/query', { question: 'And the whole folder?', threadId: exported.threadId });
      expect(next.status).toBe(200);
      const thread = (await (await server.get(`/api/threads/${exported.threadId}`)).json()) as { messages: { content: string }[] };
      expect(thread.messages.filter((_, i) => i % 2 === 0).map((m) => m.content)).toEqual(['How do I run the linter locally?', 'And on one file?', 'And the whole folder?']);
    } finally {
      await server.close();
    }
  });

  test('refuses to copy into a store that already holds conversations', async () => {
    const again = await atomkit(['store', 'migrate-from-sqlite', sqliteFile, '--store', url]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already holds conversations');
  });

  test('refuses a target that is not PostgreSQL', async () => {
    const wrong = await atomkit(['store', 'migrate-from-sqlite', sqliteFile, '--store', 'sqlite']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('copies into PostgreSQL');
  });
});

describe('bot.store', () => {
  test('a value that is no connection string is a config error that does not repeat it', () => {
    const file = path.join(workspace.dir, 'bad-store.config.yaml');
    writeFileSync(file, `bot:\n  store: "mysql://root:${TEST_PASSWORD}@db/chat"\n`);
    expect(() => loadConfig({ file, cwd: workspace.dir, env: {} })).toThrow(/`bot.store` has the wrong form .*found a value not repeated here/);
    expect(() => loadConfig({ file, cwd: workspace.dir, env: {} })).not.toThrow(TEST_PASSWORD);
  });
});

describe('ATOMKIT_DATABASE_URL', () => {
  test('replaces bot.store, and a value that is no connection string is refused without being echoed', () => {
    const config = loadConfig({ cwd: workspace.dir, env: { ATOMKIT_DATABASE_URL: url } });
    expect(config.bot.store).toBe(url);
    const bad = `mysql://root:${TEST_PASSWORD}@db/chat`;
    expect(() => loadConfig({ cwd: workspace.dir, env: { ATOMKIT_DATABASE_URL: bad } })).toThrow(/ATOMKIT_DATABASE_URL is neither/);
    try {
      loadConfig({ cwd: workspace.dir, env: { ATOMKIT_DATABASE_URL: bad } });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(TEST_PASSWORD);
    }
  });
});
