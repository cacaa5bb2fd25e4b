/**
 * Two `atomkit serve` processes on different ports sharing one PostgreSQL store, as replicas
 * behind a load balancer: they share threads, feedback and rate limits, and one killed with
 * SIGKILL under load loses no acknowledged write.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkspace, type Workspace } from './harness.js';
import { TEST_PASSWORD } from './postgres-cluster.js';
import { sharedPostgres } from './postgres.js';
import { startReplica, type Replica } from './replica-process.js';

let workspace: Workspace;
let url: string;
let a: Replica;
let b: Replica;
let db: pg.Pool;

/** Requests are made as different clients (through the trusted proxy address), so each test has limits of its own. */
let clients = 0;
const newClient = () => `10.0.${Math.floor(++clients / 250)}.${clients % 250}`;

const post = (replica: Replica, route: string, body: unknown, client: string) =>
  fetch(replica.url + route, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify(body) });

beforeAll(async () => {
  workspace = await createWorkspace();
  url = await (await sharedPostgres()).createDatabase();
  const config = workspace.config({ rateLimit: { enabled: true, max: 5, windowMs: 60_000 }, trustProxy: ['127.0.0.1'] });
  // One replica is given the store on the command line, the other in the environment.
  [a, b] = await Promise.all([startReplica(config.file!, ['--store', url]), startReplica(config.file!, [], { ATOMKIT_DATABASE_URL: url })]);
  db = new pg.Pool({ connectionString: url, max: 2 });
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.end();
  workspace?.remove();
});

describe('two replicas on one PostgreSQL store', () => {
  test('print the store without its password', () => {
    for (const replica of [a, b]) {
      expect(replica.output()).toMatch(/store: postgres:\/\/atomkit:\*\*\*@127\.0\.0\.1:\d+\/test_/);
      expect(replica.output()).not.toContain(TEST_PASSWORD);
    }
  });

  test('a thread started on one is continued on the other', async () => {
    const client = newClient();
    const first = (await (await post(a, '/api/query', { question: 'How do I run the linter locally?' }, client)).json()) as { threadId: string };
    const second = await post(b, '/api/query', { question: 'And on one file?', threadId: first.threadId }, client);
    expect(second.status).toBe(200);
    expect(((await second.json()) as { threadId: string }).threadId).toBe(first.threadId);
    const thread = (await (await fetch(`${a.url}/api/threads/${first.threadId}`)).json()) as { messages: { content: string }[] };
    expect(thread.messages.map((m) => m.content).filter((_, i) => i % 2 === 0)).toEqual(['How do I run the linter locally?', 'And on one file?']);
  });

  test('feedback posted to both is all stored', async () => {
    const client = newClient();
    const { messageId } = (await (await post(a, '/api/query', { question: 'How do I run the linter locally?' }, client)).json()) as { messageId: string };
    const posts = await Promise.all([a, b, a, b].map((replica, i) => post(replica, '/api/feedback', { messageId, rating: i % 2 ? 'up' : 'down' }, newClient())));
    expect(posts.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM feedback WHERE message_id = $1', [messageId]);
    expect(Number(rows[0]!.n)).toBe(4);
  });

  test('a client over the limit on one replica is limited on the other', async () => {
    const client = newClient();
    const statuses: number[] = [];
    for (const replica of [a, b, a, b, a]) statuses.push((await post(replica, '/api/feedback', { messageId: 'none', rating: 'up' }, client)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    const limited = await post(b, '/api/feedback', { messageId: 'none', rating: 'up' }, client);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('ATOMKIT_ERR_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await post(a, '/api/feedback', { messageId: 'none', rating: 'up' }, newClient())).status).toBe(404);
  });

  test('one replica killed with SIGKILL under a feedback load loses no acknowledged row, and the other keeps answering', async () => {
    const { messageId } = (await (await post(b, '/api/query', { question: 'How do I run the linter locally?' }, newClient())).json()) as { messageId: string };
    const acknowledged: number[] = [];
    let refused = 0;
    const worker = async () => {
      for (;;) {
        try {
          const response = await post(a, '/api/feedback', { messageId, rating: 'up' }, newClient());
          if (response.status !== 201) throw new Error(`unexpected ${response.status}`);
          acknowledged.push(((await response.json()) as { id: number }).id);
        } catch {
          // The replica is gone: the request was never acknowledged.
          refused++;
          return;
        }
      }
    };
    const load = Array.from({ length: 16 }, worker);
    while (acknowledged.length < 200) await new Promise((resolve) => setTimeout(resolve, 10));
    a.process.kill('SIGKILL');
    await Promise.all(load);
    expect(refused).toBe(16);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM feedback WHERE message_id = $1', [messageId]);
    const stored = new Set(rows.map((row) => Number(row.id)));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const answer = await post(b, '/api/query', { question: 'How do I run the linter locally?' }, newClient());
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { stored?: boolean }).stored).toBeUndefined();
  });
});
