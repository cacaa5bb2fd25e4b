import cluster from 'node:cluster';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCluster, type RunningCluster } from '../src/cluster.js';
import { createWorkspace, type Workspace } from './harness.js';

let workspace: Workspace;
let running: RunningCluster;

beforeAll(async () => {
  workspace = await createWorkspace();
  running = await startCluster({ config: workspace.config({ rateLimit: { enabled: false } }), port: 0, host: '127.0.0.1', workers: 2 });
});
afterAll(async () => {
  await running?.close();
  workspace?.remove();
});

const ask = (question: string) =>
  fetch(`${running.url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) });

describe('atomkit serve --workers', () => {
  test('several workers answer on one port and share the database', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask('How do I run the linter locally?')));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    const health = (await (await fetch(`${running.url}/healthz`)).json()) as { counts: { threads: number } };
    expect(health.counts.threads).toBe(8);
  });

  test('GET /metrics adds up the figures of every worker', async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(/atomkit_http_requests_total\{method="POST",route="\/api\/query",status="200"\} 8\b/);
  });

  test('a worker that dies is replaced', async () => {
    const [victim] = Object.values(cluster.workers ?? {});
    const replaced = new Promise<void>((resolve) => cluster.once('online', () => resolve()));
    victim!.process.kill('SIGKILL');
    await replaced;
    expect(Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead())).toHaveLength(2);
    // The survivor answers while the replacement starts.
    expect((await ask('Can I lint a single atom?')).status).toBe(200);
  });

  test('close stops every worker', async () => {
    await running.close();
    expect(Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead())).toHaveLength(0);
  });
});

describe('atomkit serve --workers with the rate limit on', () => {
  let limited: RunningCluster;
  beforeAll(async () => {
    limited = await startCluster({ config: workspace.config({ rateLimit: { enabled: true, max: 3, windowMs: 60_000 } }), port: 0, host: '127.0.0.1', workers: 2 });
  });
  afterAll(async () => {
    await limited?.close();
  });

  /** One question on a connection of its own: the primary hands connections to the workers in turn. */
  const askAlone = (question: string) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ question });
      const request = http.request(`${limited.url}/api/query`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
        response.resume().on('end', () => resolve(response.statusCode!));
      });
      request.on('error', reject).end(body);
    });

  test('limits a client across every worker, not in each', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push(await askAlone('How do I run the linter locally?'));
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
  });
});
