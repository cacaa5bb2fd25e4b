/**
 * Load benchmark of the chat service on 127.0.0.1 with autocannon: `npm run bench:serve`.
 *
 * Builds a lexical index of the project's atoms (or, given a number as `npm run bench` passes it,
 * of a generated corpus of that many atoms) in a temp folder, starts `atomkit serve` as a
 * child process (so the load generator does not share its event loop), times its first answer
 * (uncached, right after the start), then runs:
 *   1. extractive answers with the answer cache off: the most it can do, then a steady 160 req/s
 *      offered by 50 connections                        (target >= 150 req/s, p95 <= 100 ms, 0 errors)
 *   2. extractive answers served from the answer cache (target >= 1,000 req/s)
 *   3. 10,000 feedback posts at 50 connections         (target: every row lands in the database)
 * and prints the figures (and `BENCH` lines for `npm run bench`). Options: --duration <s> (default 30),
 * --connections <n> (default 50), --feedback <n> (default 10000), --workers <n> (`atomkit serve
 * --workers`, default 1 like the service's own default; 0 runs one process per core).
 *
 * `--store postgres` (a throwaway cluster of the PostgreSQL installed here, durable settings) or
 * `--store postgres://…` (a server of yours) runs the multi-replica comparison instead: one replica
 * on SQLite, then two replicas (separate processes, each on its own port, the load split between
 * them) on one PostgreSQL, each with uncached answers and the feedback posts, the rate limit on
 * (set far above the load, so every request pays for its counter); then the two replicas once more
 * with the limit off, which prices the shared counter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { stringify } from 'yaml';
import pg from 'pg';
import { startPostgres, type PostgresServer } from '../../bot/test/postgres-cluster.js';
import { loadConfig } from '../src/config/load.js';
import { buildIndex } from '../src/retrieval/build.js';
import { openSqlite } from '../src/sqlite/database.js';
import { corpusTitle, generateCorpus } from './generate-corpus.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    feedback: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '1' },
    store: { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const feedbackPosts = Number(values.feedback);
const corpusSize = positionals[0] ? Number(positionals[0]) : undefined;
/** Requests per second offered in the cache-off latency run. */
const OFFERED_RATE = 160;

/** Questions a reader of the project's docs asks; rotated so retrieval does real work. */
const PROJECT_QUESTIONS = [
  'How do I run the linter locally?',
  'What does frontmatter/schema mean?',
  'How do I build the docs site locally?',
  'How do I connect an OpenAI-compatible endpoint?',
  'Why does CI block my pull request?',
  'How do I translate an atom into Japanese?',
  'The header is not valid YAML, what do I do?',
  'How do I export conversations for review?',
  'What is the error_codes header field for?',
  'How do I embed the chat widget in another site?',
  'The LLM endpoint returns 401',
  'How do I rotate the LLM API key?',
  'What happens when two atoms have the same title?',
  'How do I write my first atom?',
  'The chat widget says the service is unreachable',
  'How do I turn an interview into draft atoms?',
  'What is the word limit of an atom?',
  'How do I use an embedding model without network access?',
  'The file uses CRLF line endings',
  'How do I start everything with npm start?',
];

const work = mkdtempSync(path.join(tmpdir(), 'atomkit-bench-serve-'));
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill();
  rmSync(work, { recursive: true, force: true });
});

const atomsDir = corpusSize ? path.join(work, 'atoms') : path.join(root, 'atoms');
if (corpusSize) generateCorpus({ dir: atomsDir, count: corpusSize });
const QUESTIONS = corpusSize
  ? Array.from({ length: 20 }, (_, i) => `How do I ${corpusTitle(Math.floor((i * corpusSize) / 20)).toLowerCase()}?`)
  : PROJECT_QUESTIONS;

function writeConfig(name: string, bot: Record<string, unknown>): string {
  const file = path.join(work, `${name}.config.yaml`);
  writeFileSync(
    file,
    stringify({
      atoms: { dir: atomsDir },
      index: { dir: 'index', cache: 'embeddings.sqlite', embedder: { provider: 'none' } },
      bot: { db: `${name}.sqlite`, rateLimit: { enabled: false }, backup: { everyMinutes: 0 }, ...bot },
    }),
  );
  return file;
}

async function startServe(configFile: string, args: readonly string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/atomkit.js'), '-c', configFile, 'serve', '--port', '0', '--workers', values.workers, ...args], {
    cwd: work,
    env: { ...process.env, ATOMKIT_LLM_BASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`atomkit serve exited with ${code}`)));
  });
  return { url, child };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

interface Run {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Runs autocannon and measures p95 from every response time (autocannon itself reports p97.5). */
async function load(options: autocannon.Options): Promise<Run> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections, ...options }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => void times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    requestsPerSecond: result.requests.average,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

const queryRequests = QUESTIONS.map((question) => ({
  method: 'POST' as const,
  path: '/api/query',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ question }),
}));

function line(name: string, run: Run, target: string, ok: boolean): string {
  return `${name.padEnd(34)} ${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50.toFixed(1).padStart(6)} ms  p95 ${run.p95.toFixed(1).padStart(6)} ms  p99 ${run.p99.toFixed(1).padStart(6)} ms  errors ${run.errors}  non-2xx ${run.non2xx}  (${run.total} requests)  target ${target}: ${ok ? 'PASS' : 'FAIL'}`;
}

/** One `BENCH` line per figure (tooling/bench/results.ts). */
function emit(name: string, value: number, unit: string): void {
  console.log(`BENCH ${JSON.stringify({ name, value: Math.round(value * 100) / 100, unit, atoms: build.manifest.counts.atoms })}`);
}
function bench(name: string, run: Run): void {
  emit(`${name} throughput`, run.requestsPerSecond, 'req/s');
  emit(`${name} p95`, run.p95, 'ms');
  emit(`${name} errors`, run.errors + run.non2xx, 'count');
}

console.log(`Building a lexical index of ${corpusSize ? `a generated corpus of ${corpusSize} atoms` : atomsDir} ...`);
const build = await buildIndex(loadConfig({ file: writeConfig('build', {}), cwd: work, env: {} }), { env: {}, onWarning: () => {} });
console.log(`  ${build.manifest.counts.atoms} atoms, ${build.manifest.counts.units} units`);
const workers = values.workers === '0' ? `0 (one per core: ${availableParallelism()})` : values.workers;
console.log(`autocannon: ${connections} connections, ${duration} s per run, 127.0.0.1, in this process on the same ${availableParallelism()} cores; atomkit serve --workers ${workers}\n`);

const results: string[] = [];
let failed = false;

if (values.store) await compareStores(values.store);
else await singleReplica();

async function singleReplica(): Promise<void> {
  {
    const { url, child } = await startServe(writeConfig('nocache', { cache: false }));
    // The first question after the start: what the first reader after a deploy meets. The health
    // check before it readies this process's own HTTP client, which is not what is measured.
    await (await fetch(`${url}/healthz`)).text();
    const asked = performance.now();
    const firstAnswer = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTIONS[0] }) });
    await firstAnswer.text();
    const firstMs = performance.now() - asked;
    results.push(`${'first answer after the start'.padEnd(34)} ${firstMs.toFixed(1)} ms (status ${firstAnswer.status})  report only`);
    console.log(results.at(-1));
    emit('first answer after start', firstMs, 'ms');
    await load({ url, duration: 3, requests: queryRequests }); // warm-up
    // With 50 connections always busy, latency is connections / throughput (queueing), so the
    // latency target is also checked at an offered load just above 150 req/s (autocannon releases
    // that rate in bursts at the start of each second, so queueing still shows in p95); the most the
    // service can do is measured first.
    const max = await load({ url, duration, requests: queryRequests });
    results.push(line('extractive, cache off, max', max, 'report only', true));
    console.log(results.at(-1));
    bench('query cache off max', max);
    const steady = await load({ url, duration, requests: queryRequests, overallRate: OFFERED_RATE });
    const ok = steady.requestsPerSecond >= 150 && steady.p95 <= 100 && steady.errors === 0 && steady.non2xx === 0;
    failed ||= !ok;
    results.push(line(`extractive, cache off, ${OFFERED_RATE}/s`, steady, '>=150 req/s, p95 <=100 ms, 0 errors', ok));
    console.log(results.at(-1));
    bench('query cache off steady', steady);
    await stop(child);
  }

  {
    const { url, child } = await startServe(writeConfig('cache', { cache: true }));
    await load({ url, duration: 3, requests: queryRequests }); // fills the cache
    const run = await load({ url, duration, requests: queryRequests });
    const ok = run.requestsPerSecond >= 1000 && run.errors === 0 && run.non2xx === 0;
    failed ||= !ok;
    results.push(line('extractive, cache hits', run, '>=1000 req/s, 0 errors', ok));
    bench('query cache hits', run);
    console.log(results.at(-1));

    const firstResponse = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTIONS[0] }) });
    const first = (await firstResponse.json()) as { messageId: string };
    // A run full of non-2xx answers says nothing by itself: show what the service answered.
    if (!firstResponse.ok) console.log(`the service answered ${firstResponse.status}: ${JSON.stringify(first)}`);
    const started = performance.now();
    const run2 = await load({
      url,
      amount: feedbackPosts,
      requests: [{ method: 'POST', path: '/api/feedback', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: first.messageId, rating: 'up' }) }],
    });
    const seconds = (performance.now() - started) / 1000;
    await stop(child);
    const db = openSqlite(path.join(work, 'cache.sqlite'), { readOnly: true });
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM feedback WHERE message_id = ?').get(first.messageId) as { n: number }).n;
    db.close();
    const ok2 = rows === feedbackPosts && run2.errors === 0 && run2.non2xx === 0;
    emit('feedback posts/s', feedbackPosts / seconds, 'req/s');
    emit('feedback rows landed', (rows / feedbackPosts) * 100, '%');
    failed ||= !ok2;
    results.push(
      `${'feedback posts'.padEnd(34)} ${feedbackPosts} posts in ${seconds.toFixed(1)} s (${(feedbackPosts / seconds).toFixed(0)}/s), p95 ${run2.p95.toFixed(1)} ms, errors ${run2.errors}, non-2xx ${run2.non2xx}, rows in database ${rows}  target all land: ${ok2 ? 'PASS' : 'FAIL'}`,
    );
    console.log(results.at(-1));
  }
}

/** Load split over several replicas at once: the sum of their rates, p95 over every response. */
async function loadAll(urls: readonly string[], options: Omit<autocannon.Options, 'url'>): Promise<Run> {
  const times: number[] = [];
  const runs = await Promise.all(
    urls.map(
      (url) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon({ connections: Math.max(1, Math.round(connections / urls.length)), ...options, url }, (error, done) => (error ? reject(error) : resolve(done)));
          instance.on('response', (_client, _status, _bytes, responseTime) => void times.push(responseTime));
        }),
    ),
  );
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return {
    requestsPerSecond: runs.reduce((sum, run) => sum + run.requests.average, 0),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: runs.reduce((sum, run) => sum + run.errors + run.timeouts, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    total: runs.reduce((sum, run) => sum + run.requests.total, 0),
  };
}

/**
 * Uncached answers, then `feedbackPosts` feedback posts split over `urls`; returns the feedback
 * message id (its rows are counted by the caller, in the store the replicas share).
 */
async function replicaRuns(name: string, urls: readonly string[], countRows: (messageId: string) => Promise<number>): Promise<void> {
  await loadAll(urls, { duration: 3, requests: queryRequests }); // warm-up
  const answers = await loadAll(urls, { duration, requests: queryRequests });
  results.push(line(`${name}: answers, cache off`, answers, 'report only', answers.errors === 0 && answers.non2xx === 0));
  console.log(results.at(-1));
  bench(`${name} answers cache off`, answers);
  const first = (await (await fetch(`${urls[0]}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTIONS[0] }) })).json()) as { messageId: string };
  const started = performance.now();
  const posts = await loadAll(urls, {
    amount: Math.ceil(feedbackPosts / urls.length),
    requests: [{ method: 'POST', path: '/api/feedback', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: first.messageId, rating: 'up' }) }],
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = await countRows(first.messageId);
  const sent = Math.ceil(feedbackPosts / urls.length) * urls.length;
  const ok = rows === sent && posts.errors === 0 && posts.non2xx === 0;
  failed ||= !ok;
  emit(`${name} feedback posts/s`, sent / seconds, 'req/s');
  emit(`${name} feedback p95`, posts.p95, 'ms');
  results.push(
    `${`${name}: feedback posts`.padEnd(34)} ${sent} posts in ${seconds.toFixed(1)} s (${(sent / seconds).toFixed(0)}/s), p95 ${posts.p95.toFixed(1)} ms, errors ${posts.errors}, non-2xx ${posts.non2xx}, rows in database ${rows}  target all land: ${ok ? 'PASS' : 'FAIL'}`,
  );
  console.log(results.at(-1));
}

async function compareStores(store: string): Promise<void> {
  // Far above what the load reaches: every request pays for its counter, none is refused.
  const limited = { cache: false, rateLimit: { enabled: true, max: 1_000_000_000, windowMs: 60_000 } };
  {
    const { url, child } = await startServe(writeConfig('sqlite-replica', limited));
    await replicaRuns('SQLite, 1 replica', [url], async (messageId) => {
      await stop(child);
      const db = openSqlite(path.join(work, 'sqlite-replica.sqlite'), { readOnly: true });
      const rows = (db.prepare('SELECT COUNT(*) AS n FROM feedback WHERE message_id = ?').get(messageId) as { n: number }).n;
      db.close();
      return rows;
    });
  }
  let cluster: PostgresServer | undefined;
  if (store === 'postgres') {
    console.log('Starting a throwaway PostgreSQL cluster (durable settings) ...');
    cluster = await startPostgres({ durable: true });
  }
  try {
    for (const [name, bot] of [
      ['PostgreSQL, 2 replicas', limited],
      ['PostgreSQL, 2 replicas, no limit', { cache: false }],
    ] as const) {
      const url = cluster ? await cluster.createDatabase() : store;
      const config = writeConfig(name.replace(/\W+/g, '-'), bot);
      const replicas = [];
      // One at a time: the first migrates, so the second finds the schema in place.
      for (let i = 0; i < 2; i++) replicas.push(await startServe(config, ['--store', url]));
      const db = new pg.Pool({ connectionString: url, max: 1 });
      await replicaRuns(
        name,
        replicas.map((replica) => replica.url),
        async (messageId) => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM feedback WHERE message_id = $1', [messageId])).rows[0]!.n),
      );
      await db.end();
      await Promise.all(replicas.map((replica) => stop(replica.child)));
    }
  } finally {
    await cluster?.remove();
  }
}

console.log(`\n${results.join('\n')}`);
process.exitCode = failed ? 1 : 0;
