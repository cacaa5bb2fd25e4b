import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../../tooling/src/cli/main.js';
import { memoryIo } from '../../tooling/src/cli/io.js';
import { runServe } from '../src/cli/serve.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { parseSince } from '../src/cli/conversations.js';
import { loadQuestionSet } from '../../tooling/src/eval/questions.js';
import { dropTable, garbageMidFile } from '../../tooling/test/retrieval/damage.js';
import { createWorkspace, startTestServer, type Workspace } from './harness.js';
import { INSTALL_TIMEOUT_MS, NEWEST_LTS, nodeOf, OLDEST } from '../../tooling/test/node-release.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let workspace: Workspace;
beforeAll(async () => {
  workspace = await createWorkspace();
});
afterAll(() => workspace?.remove());

describe('atomkit serve', () => {
  test('without an index it exits 2 naming the command that builds it, without a stack', async () => {
    const io = memoryIo();
    const config = workspace.config();
    const code = await main(['-c', config.file!, 'serve', '--index-dir', 'no-such-index', '--port', '0'], io);
    expect(code).toBe(2);
    expect(io.err).toMatch(/atomkit index/);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  test('with an index built by another embedding model it exits 2 and says to rebuild', async () => {
    const io = memoryIo();
    const config = workspace.config();
    // The workspace index was built lexical-only; a config asking for a local model does not match it.
    const mismatched = { ...config, index: { ...config.index, embedder: { ...config.index.embedder, provider: 'local' as const } } };
    const code = await runServe(mismatched, { port: '0' }, io, async () => {});
    expect(code).toBe(2);
    expect(io.err).toMatch(/atomkit index/);
  });

  test('with a damaged chunk store (a dropped table, garbage mid-file) it exits 2 saying to rebuild, not an internal error', async () => {
    const damages = { 'index-dropped': (file: string) => dropTable(file, 'terms'), 'index-garbage': (file: string) => garbageMidFile(file) };
    for (const [dir, damage] of Object.entries(damages)) {
      cpSync(path.join(workspace.dir, 'index'), path.join(workspace.dir, dir), { recursive: true });
      damage(path.join(workspace.dir, dir, 'units.sqlite'));
      const io = memoryIo();
      const config = workspace.config();
      expect(await main(['-c', config.file!, 'serve', '--index-dir', dir, '--port', '0'], io)).toBe(2);
      expect(io.err).toContain(`The search index at ${dir} is damaged (units.sqlite does not match the checksum recorded when the index was built). Rebuild it with \`atomkit index --full\`.`);
      expect(io.err).not.toMatch(/internal error|please report/);
    }
  });

  test('a damaged chat store file stops serve and conversations export with exit 2 and what to do, not an internal error', async () => {
    const file = path.join(workspace.dir, 'damaged-bot.sqlite');
    writeFileSync(file, 'SQLite format 3\0 and then nothing a database holds');
    const config = workspace.config();
    for (const args of [['serve', '--db', file, '--port', '0'], ['conversations', 'export', '--db', file, '--since', '2026-01-01']]) {
      const io = memoryIo();
      expect(await main(['-c', config.file!, ...args], io), args[0]).toBe(2);
      expect(io.err).toContain(`The chat store ${file} is not a SQLite database atomkit can read`);
      expect(io.err).not.toMatch(/internal error|please report|\n\s+at /);
    }
  });

  test('a chunk store damaged while serving makes /healthz a 503 that says to rebuild, and questions get a 503, not a crash', async () => {
    cpSync(path.join(workspace.dir, 'index'), path.join(workspace.dir, 'index-live'), { recursive: true });
    const server = await startTestServer(workspace, {}, { indexDir: 'index-live' });
    try {
      expect((await server.get('/healthz')).status).toBe(200);
      dropTable(path.join(workspace.dir, 'index-live', 'units.sqlite'), 'units');
      const health = await server.get('/healthz');
      expect(health.status).toBe(503);
      const body = (await health.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('ATOMKIT_ERR_RETRIEVAL_FAILED');
      expect(body.error.message).toBe('The search index at index-live is damaged (units.sqlite was changed after it was verified). Rebuild it with `atomkit index --full`.');
      const answer = await server.post('/api/query', { question: 'How do I run the linter locally?' });
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('ATOMKIT_ERR_RETRIEVAL_FAILED');
    } finally {
      await server.close();
    }
  });

  test('a bad port is a usage error', async () => {
    const io = memoryIo();
    expect(await runServe(workspace.config(), { port: 'http' }, io, async () => {})).toBe(2);
    expect(io.err).toMatch(/--port expects a number/);
  });

  test('prints the URL it listens on (port 0 picks one) and stops on the signal', async () => {
    const io = memoryIo();
    let release: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const running = runServe(workspace.config({ backup: { everyMinutes: 0 } }), { port: '0', host: '127.0.0.1' }, io, () => stopped);
    for (let i = 0; i < 100 && !io.out.includes('listening on'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    release();
    expect(await running).toBe(0);
    expect(io.out).toContain(`\n  mcp: ${url}/mcp\n`);
  });

  test('listens for the stop signal before it says it listens, so a SIGTERM sent on reading that line is handled', async () => {
    const io = memoryIo();
    let printedBeforeListening: string | undefined;
    let release: () => void = () => {};
    const stopped = new Promise<void>((resolve) => (release = resolve));
    const running = runServe(workspace.config({ backup: { everyMinutes: 0 } }), { port: '0', host: '127.0.0.1' }, io, () => {
      printedBeforeListening = io.out;
      return stopped;
    });
    for (let i = 0; i < 300 && printedBeforeListening === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await running).toBe(0);
    expect(printedBeforeListening).toBeDefined();
    expect(printedBeforeListening).not.toContain('listening on');
    expect(io.out).toContain('listening on');
  });

  describe('stopped by a signal', () => {
    // Stopped by Ctrl+C (SIGINT) or a service manager (SIGTERM), on the Node.js running the tests, on
    // the oldest one atomkit supports (22 warns that node:sqlite is experimental in every process
    // and thread that loads it) and on the newest long-term support line, as one process and as a cluster.
    const runs = (['current', 'oldest', 'newest'] as const).flatMap((runtime) => [
      ...(['SIGINT', 'SIGTERM'] as const).map((signal) => ({ runtime, workers: '1', signal })),
      { runtime, workers: '2', signal: 'SIGTERM' as const },
    ]);
    // Found (or installed, the first time) before these runs, within the time an install may take;
    // the other tests of the command do not wait for them.
    const nodes = { current: process.execPath, oldest: '', newest: '' };
    beforeAll(() => {
      nodes.oldest = nodeOf(OLDEST);
      nodes.newest = nodeOf(NEWEST_LTS);
    }, 2 * INSTALL_TIMEOUT_MS + 60_000);
    test.each(runs)(
      'the command itself on the $runtime Node.js with $workers worker(s), stopped by $signal, closes and exits 0 with nothing on stderr',
      async ({ runtime, workers, signal }) => {
        const config = workspace.config({ backup: { everyMinutes: 0 } });
        const child = spawn(nodes[runtime], [path.join(repo, 'bin/atomkit.js'), '-c', config.file!, 'serve', '--port', '0', '--workers', workers], { cwd: workspace.dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        for (let i = 0; i < 300 && !stdout.includes('listening on') && child.exitCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 50));
        const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
        expect(url).toBeDefined();
        // A question stored, so the store and its checkpoint thread have done their work.
        const answer = await fetch(`${url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'How do I run the linter locally?' }) });
        expect(answer.status).toBe(200);
        child.kill(signal);
        expect({ code: await exited, stderr }).toEqual({ code: 0, stderr: '' });
      },
      60_000,
    );
  });
});

describe('atomkit serve with models of their own', () => {
  test('warns at start about a model whose context window cannot hold the prompt budget and the reply', async () => {
    const io = memoryIo();
    const config = workspace.config({
      backup: { everyMinutes: 0 },
      llm: {
        baseUrl: 'http://127.0.0.1:9/v1',
        maxContextTokens: 4000,
        models: [{ name: 'llama3.1:8b', contextTokens: 4096, maxOutputTokens: 800 }, { name: 'qwen2.5:7b', contextTokens: 8192 }],
      },
    });
    expect(await runServe(config, { port: '0', host: '127.0.0.1' }, io, async () => {})).toBe(0);
    const warnings = io.err.split('\n').filter((line) => line.includes('contextTokens'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/model llama3\.1:8b: bot\.llm\.maxContextTokens \(4000\) plus maxOutputTokens \(800\) does not fit its contextTokens \(4096\)/);
    expect(io.out).toMatch(/answers: llm \(llama3\.1:8b → qwen2\.5:7b, then extractive\)/);
  });
});

describe('atomkit conversations export', () => {
  test('writes one JSON line per answered question since the date, with feedback', async () => {
    const server = await startTestServer(workspace);
    const asked = (await (await server.post('/api/query', { question: 'How do I run the linter locally?' })).json()) as { messageId: string; threadId: string };
    await server.post('/api/feedback', { messageId: asked.messageId, rating: 'up' });
    await server.post('/api/query', { question: 'Can I lint a single atom?', threadId: asked.threadId });
    await server.close();

    const io = memoryIo();
    const out = path.join(workspace.dir, 'export.jsonl');
    const code = await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--out', out], io);
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ threadId: asked.threadId, messageId: asked.messageId, question: 'How do I run the linter locally?', answered: true, feedback: [{ rating: 'up' }] });
    expect(lines[1].question).toBe('Can I lint a single atom?');
    expect(io.err).toMatch(/wrote 2 exchanges/);

    const future = memoryIo();
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2999-01-01'], future)).toBe(0);
    expect(future.out).toBe('');
  });

  test('--format questions drafts a question set of the opening questions that atomkit eval measures, and never overwrites one', async () => {
    const server = await startTestServer(workspace);
    const asked = (await (await server.post('/api/query', { question: 'How do I run the linter locally?' })).json()) as { threadId: string };
    await server.post('/api/query', { question: 'Can I lint a single atom?', threadId: asked.threadId });
    const refused = (await (await server.post('/api/query', { question: 'Who won the football world cup in 1954?' })).json()) as { answered: boolean };
    expect(refused.answered).toBe(false);
    await server.close();

    const io = memoryIo();
    const out = path.join(workspace.dir, 'eval', 'served.yaml');
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--format', 'questions', '--out', 'eval/served.yaml'], io)).toBe(0);
    expect(io.err).toMatch(/drafted 2 questions to eval\/served\.yaml \(left out: 1 follow-up\)/);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+\/schemas\/questions\.schema\.json\n/);
    const set = loadQuestionSet(out);
    expect(set.questions.map((q) => [q.text, q.unanswerable])).toEqual([
      ['How do I run the linter locally?', false],
      ['Who won the football world cup in 1954?', true],
    ]);
    expect(set.questions[0]!.gold[0]).toBe('procedure/run-lint-locally');

    const measured = memoryIo();
    expect(await main(['-c', server.config.file!, 'eval', 'sets', '--questions', out, '--no-write'], measured)).toBe(0);
    expect(measured.out).toMatch(/eval\/served\.yaml +dev +2 +1\.00 +1\.00 +1\.00 +1 +1\.00 +1\.00/);

    const again = memoryIo();
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--format', 'questions', '--out', 'eval/served.yaml'], again)).toBe(2);
    expect(again.err).toMatch(/eval\/served\.yaml exists and may hold reviewed questions; add the new ones after them with --append/);
    expect(readFileSync(out, 'utf8')).toBe(text);

    // A month later: the questions asked since are added after the reviewed ones, which stay as they are.
    const reviewed = text.replace('kind: paraphrase', 'kind: vague');
    writeFileSync(out, reviewed);
    const store = openSqliteStore(server.dbFile);
    const answer = { answer: 'Yes.', citations: [], answered: true, mode: 'extractive' as const, model: null, degraded: false, language: 'en' };
    await store.threads.addExchange({ threadId: undefined, question: 'Can I lint a single atom?', language: 'en', answer, cached: false, latencyMs: 1 });
    store.close();
    const appended = memoryIo();
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--format', 'questions', '--out', 'eval/served.yaml', '--append'], appended)).toBe(0);
    expect(appended.err).toMatch(/added 1 question to eval\/served\.yaml \(left out: 2 already in eval\/served\.yaml, 1 follow-up\)/);
    expect(readFileSync(out, 'utf8').startsWith(reviewed)).toBe(true);
    expect(loadQuestionSet(out).questions.map((q) => q.text)).toEqual(['How do I run the linter locally?', 'Who won the football world cup in 1954?', 'Can I lint a single atom?']);

    // A set that does not parse is not added to: nothing is written, and the error says where.
    writeFileSync(out, 'questions:\n  - id: Bad Id\n');
    const broken = memoryIo();
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--format', 'questions', '--out', 'eval/served.yaml', '--append'], broken)).toBe(2);
    expect(broken.err).toMatch(/eval\/served\.yaml:2:\d+: .*fix the set before adding to it/);
    expect(readFileSync(out, 'utf8')).toBe('questions:\n  - id: Bad Id\n');
    const misused = memoryIo();
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--append'], misused)).toBe(2);
    expect(misused.err).toMatch(/--append adds to a question set: use it with --format questions and --out/);
  });

  test('a bad date or a missing database is a usage error', async () => {
    const io = memoryIo();
    expect(await main(['-c', workspace.config().file!, 'conversations', 'export', '--since', 'last week'], io)).toBe(2);
    expect(io.err).toMatch(/--since expects a date/);
    const missing = memoryIo();
    expect(await main(['-c', workspace.config().file!, 'conversations', 'export', '--since', '2026-01-01', '--db', 'nope.sqlite'], missing)).toBe(2);
    expect(missing.err).toMatch(/no conversation database/);
  });
});

describe('parseSince', () => {
  test.each([
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T10:30:00Z', '2026-11-01T10:30:00.000Z'],
    ['2026-11-01T10:30:00+09:00', '2026-11-01T01:30:00.000Z'],
    ['2026-13-45', undefined],
    ['yesterday', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(parseSince(input)).toBe(expected);
  });
});
