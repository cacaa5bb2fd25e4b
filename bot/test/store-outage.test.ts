/**
 * PostgreSQL going away: at start the service refuses to run (exit 2, a clear message, no
 * password); while running it keeps answering, reports what it could not store, and recovers by
 * itself when the database returns.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryIo } from '../../tooling/src/cli/io.js';
import { main } from '../../tooling/src/cli/main.js';
import { createWorkspace, startTestServer, type TestServer, type Workspace } from './harness.js';
import { freePort, startPostgres, TEST_PASSWORD, type PostgresServer } from './postgres-cluster.js';

let workspace: Workspace;
beforeAll(async () => {
  workspace = await createWorkspace();
});
afterAll(() => workspace?.remove());

describe('PostgreSQL unreachable at start', () => {
  test('atomkit serve exits 2 saying it cannot reach the database, without the password or a stack', async () => {
    const port = await freePort();
    const io = memoryIo();
    const config = workspace.config();
    const code = await main(['-c', config.file!, 'serve', '--port', '0', '--store', `postgres://atomkit:${TEST_PASSWORD}@127.0.0.1:${port}/chat`], io);
    expect(code).toBe(2);
    expect(io.err).toContain(`cannot reach PostgreSQL at postgres://atomkit:***@127.0.0.1:${port}/chat`);
    expect(io.err + io.out).not.toContain(TEST_PASSWORD);
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});

describe('PostgreSQL stopped and restarted under load', () => {
  let postgres: PostgresServer;
  let server: TestServer;
  beforeAll(async () => {
    postgres = await startPostgres();
    server = await startTestServer(workspace, { store: await postgres.createDatabase(), postgres: { statementTimeoutMs: 2000, connectTimeoutMs: 500 } });
  });
  afterAll(async () => {
    await server?.close();
    await postgres?.remove();
  });

  test('answers throughout, reports unstored writes and 503s only with their documented code, and stores again once it is back', async () => {
    const { messageId } = (await (await server.post('/api/query', { question: 'How do I run the linter locally?' })).json()) as { messageId: string };
    const seen: { status: number; code?: string; stored?: boolean }[] = [];
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const query = await server.post('/api/query', { question: `How do I run the linter locally? (${++n})` });
        const body = (await query.json()) as { stored?: boolean; error?: { code: string } };
        seen.push({ status: query.status, ...(body.error ? { code: body.error.code } : {}), ...(body.stored === false ? { stored: false } : {}) });
        const feedback = await server.post('/api/feedback', { messageId, rating: 'up' });
        seen.push({ status: feedback.status, ...(feedback.status >= 400 ? { code: ((await feedback.json()) as { error: { code: string } }).error.code } : {}) });
      }
    };
    const load = Array.from({ length: 4 }, worker);
    const waitFor = async (what: () => boolean) => {
      while (!what()) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await waitFor(() => seen.length >= 20);

    await postgres.stop();
    const down = seen.length;
    await waitFor(() => seen.slice(down).filter((s) => s.stored === false).length >= 5);
    const health = (await (await server.get('/healthz')).json()) as { status: string; store: { reachable: boolean; problem?: string }; counts?: unknown };
    expect(health).toMatchObject({ status: 'degraded', store: { kind: 'postgres', reachable: false } });
    expect(health.store.problem).not.toContain(TEST_PASSWORD);
    expect(health.counts).toBeUndefined();
    expect(seen.slice(down).some((s) => s.status === 503 && s.code === 'ATOMKIT_ERR_STORE_UNAVAILABLE')).toBe(true);

    await postgres.start();
    const up = seen.length;
    await waitFor(() => seen.slice(up).filter((s) => s.status === 201).length >= 5);
    running = false;
    await Promise.all(load);

    const unexpected = seen.filter((s) => !(s.status === 200 || s.status === 201 || (s.status === 503 && s.code === 'ATOMKIT_ERR_STORE_UNAVAILABLE')));
    expect(unexpected).toEqual([]);
    expect(seen.slice(-4).every((s) => s.stored === undefined)).toBe(true);
    expect(((await (await server.get('/healthz')).json()) as { status: string }).status).toBe('ok');
    const metrics = await (await server.get('/metrics')).text();
    expect(metrics).toMatch(/atomkit_store_write_failures_total\{write="exchange"\} [1-9]/);
    expect(metrics).toMatch(/atomkit_store_write_failures_total\{write="feedback"\} [1-9]/);
  });
});
