/** The studio's HTTP API through `inject()`: guards, editor round trips, reader signals, commits. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSqliteStore } from '../../../bot/src/store/sqlite.js';
import { loadConfig } from '../../src/config/load.js';
import { parseQuestionSet } from '../../src/eval/questions.js';
import { buildStudioApp } from '../../src/studio/web/app.js';
import { copyKnowledgeBase } from './studio-process.js';

const TOKEN = 'test-token-0123456789';
let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = copyKnowledgeBase();
  const client = path.join(root, '.client');
  mkdirSync(path.join(client, 'assets'), { recursive: true });
  writeFileSync(path.join(client, 'index.html'), '<meta name="atomkit-studio-token" content="%ATOMKIT_STUDIO_TOKEN%">');
  app = await buildStudioApp({ config: loadConfig({ cwd: root }), token: TOKEN, clientDir: client, today: '2026-12-01', author: 'Ada' });
});

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

const post = (url: string, payload: unknown, headers: Record<string, string> = { 'x-atomkit-token': TOKEN }) => app.inject({ method: 'POST', url, payload: payload as object, headers: { host: '127.0.0.1:4322', ...headers } });
const get = (url: string, host = '127.0.0.1:4322') => app.inject({ method: 'GET', url, headers: { host } });
const RUN_LINTER = 'atoms/procedure/run-the-linter-locally.md';

describe('studio guards', () => {
  test('refuses a state-changing request without the session token', async () => {
    const response = await post('/api/review/accept', { paths: [RUN_LINTER] }, {});
    expect([response.statusCode, response.json().error.code]).toEqual([403, 'ATOMKIT_ERR_FORBIDDEN']);
  });

  test('refuses requests addressed to another host name, as a rebound DNS name would send', async () => {
    const response = await get('/api/session', 'attacker.example:4322');
    expect([response.statusCode, response.json().error.code]).toEqual([403, 'ATOMKIT_ERR_FORBIDDEN']);
  });

  test('answers a body that is not JSON with a JSON error, not a stack trace', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/lint', payload: '{"text": ', headers: { host: '127.0.0.1', 'content-type': 'application/json', 'x-atomkit-token': TOKEN } });
    expect([response.statusCode, response.json().error.code]).toEqual([400, 'ATOMKIT_ERR_INVALID_JSON']);
  });

  test('serves the client page with the session token and a policy that runs only its own script', async () => {
    const response = await get('/');
    expect(response.body).toContain(`content="${TOKEN}"`);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
  });
});

describe('studio editor API', () => {
  test('opens an atom whose header cannot be parsed as source, with its diagnostics', async () => {
    const rel = 'atoms/procedure/broken-header.md';
    writeFileSync(path.join(root, rel), '---\ntitle: [unclosed\n---\n\n## Steps\n');
    try {
      const opened = (await get(`/api/atom?path=${encodeURIComponent(rel)}`)).json();
      expect(opened.header).toBeNull();
      expect(opened.body).toContain('title: [unclosed');
      expect(opened.diagnostics.map((d: { code: string }) => d.code)).toContain('frontmatter/yaml-syntax');
    } finally {
      rmSync(path.join(root, rel));
    }
  });

  test('lints editor content with the corpus checks: a title another atom has', async () => {
    const answer = (await post('/api/lint', { header: { title: 'Run the linter locally', summary: 'A copy of an existing title.', type: 'faq', author: 'Ada', created: '2026-12-01', version: '0.1.0', tags: [], related: [] }, body: 'Q: Why?\nA: Because.\n' })).json();
    const duplicate = answer.diagnostics.find((d: { code: string }) => d.code === 'title/duplicate');
    expect(duplicate).toMatchObject({ field: 'title', severity: 'error' });
    expect(answer.path).toBe('atoms/faq/run-the-linter-locally.md');
  });

  test('keeps the comments and quoting of header fields the form did not change', async () => {
    const opened = (await get(`/api/atom?path=${encodeURIComponent(RUN_LINTER)}`)).json();
    const base = opened.text.replace(/^author: .*$/m, '$& # who keeps it current');
    const answer = (await post('/api/lint', { path: RUN_LINTER, base, header: { ...opened.header, summary: 'Run the linter on your machine before pushing: everything, a file, or what changed.' }, body: opened.body })).json();
    expect(answer.text).toMatch(/^author: atomkit maintainers # who keeps it current$/m);
    expect(answer.text).toMatch(/^summary: "Run the linter on your machine before pushing: everything, a file, or what changed\."$/m);
    expect(answer.text.split('\n')[answer.bodyLine - 1]).toBe(opened.body.split('\n')[0]);
  });

  test('refuses to save a new atom over a file that exists', async () => {
    const response = await post('/api/atom/save', { path: RUN_LINTER, text: '---\ntitle: X\n---\n', hash: null });
    expect([response.statusCode, response.json().error.code]).toEqual([409, 'ATOMKIT_ERR_EXISTS']);
  });

  test('renders a preview through the site plugins, with no raw markup surviving', async () => {
    const { html } = (await post('/api/preview', { body: '## FAQ\n\nQ: Why <img src=x onerror="alert(1)">?\nA: Because.\n\n<script>alert(1)</script>\n' })).json();
    expect(html).toContain('<dl class="atom-faq">');
    expect(html).not.toMatch(/<img|<script/);
  });
});

describe('studio signals and commits', () => {
  test("readers' questions as a question set are a 404 with a JSON error while the chat service has answered nothing", async () => {
    const response = await get('/api/signals/question-set');
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'ATOMKIT_ERR_NOT_FOUND']);
    expect(response.json().error.message).toMatch(/No chat store at/);
  });

  test('lists unanswered questions and down-voted answers from the chat store', async () => {
    const store = openSqliteStore(path.join(root, '.atomkit', 'bot.sqlite'));
    const answer = (answered: boolean) => ({ answer: 'Text.', citations: [], answered, mode: 'extractive' as const, model: null, degraded: false, language: 'en' });
    const unanswered = await store.threads.addExchange({ threadId: undefined, question: 'Can atomkit import Confluence pages?', language: 'en', answer: answer(false), cached: false, latencyMs: 1 });
    store.unanswered.record({ question: 'Can atomkit import Confluence pages?', language: 'en', topScore: undefined, topAtomId: undefined, ...unanswered });
    const voted = await store.threads.addExchange({ threadId: undefined, question: 'How do I rename an atom?', language: 'en', answer: answer(true), cached: false, latencyMs: 1 });
    store.feedback.add(voted.messageId, 'down', 'Too vague.');
    store.close();
    const signals = (await get('/api/signals')).json();
    expect(signals.unanswered.map((group: { question: string }) => group.question)).toEqual(['Can atomkit import Confluence pages?']);
    expect(signals.downVoted).toMatchObject([{ question: 'How do I rename an atom?', comments: ['Too vague.'] }]);
    // The same questions as a question set to check, downloaded: the studio writes only atoms and interviews.
    const set = await get('/api/signals/question-set');
    expect(set.statusCode).toBe(200);
    expect(set.headers['content-type']).toMatch(/^application\/yaml/);
    expect(set.headers['content-disposition']).toBe('attachment; filename="questions.served.yaml"');
    expect(set.body).toMatch(/^# yaml-language-server: \$schema=\S*schemas\/questions\.schema\.json\n/);
    expect(parseQuestionSet(set.body, 'eval/questions.served.yaml').questions.map((q) => [q.text, q.unanswerable])).toEqual([
      ['Can atomkit import Confluence pages?', true],
      ['How do I rename an atom?', true],
    ]);
    expect(set.body).toMatch(/answered, then down-voted|answered without citing an atom/);
  });

  test('a damaged chat store is a 503 saying what to do, for the question set and on the signals page', async () => {
    const file = path.join(root, '.atomkit', 'bot.sqlite');
    const kept = readFileSync(file);
    try {
      writeFileSync(file, 'SQLite format 3\0 and then nothing a database holds');
      const set = await get('/api/signals/question-set');
      expect([set.statusCode, set.json().error.code]).toEqual([503, 'ATOMKIT_ERR_STORE_UNAVAILABLE']);
      expect(set.json().error.message).toContain('is not a SQLite database atomkit can read');
      expect((await get('/api/signals')).json().store.available).toBe(false);
    } finally {
      writeFileSync(file, kept);
    }
  });

  test('commits the chosen files on a new branch and pushes nothing', async () => {
    const rel = 'atoms/faq/studio-commit-check.md';
    writeFileSync(path.join(root, rel), '---\ntitle: Studio commit check\n---\n\nQ: Why?\nA: Because.\n');
    const changes = (await get('/api/changes')).json();
    expect(changes.files).toContainEqual(expect.objectContaining({ path: rel, change: 'added' }));
    const dry = (await post('/api/changes/commit', { branch: 'atoms/commit-check', message: 'Add a check', paths: [rel], dryRun: true })).json();
    expect(dry.commands).toEqual(['git switch -c atoms/commit-check', `git add -A -- ${rel}`, `git commit -m 'Add a check' -- ${rel}`]);
    const done = (await post('/api/changes/commit', { branch: 'atoms/commit-check', message: 'Add a check', paths: [rel] })).json();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('atoms/commit-check');
    expect(git('show', '--name-only', '--format=%s', done.commit).split('\n')).toEqual(['Add a check', '', rel]);
    expect(git('remote')).toBe('');
    expect(readFileSync(path.join(root, rel), 'utf8')).toContain('Studio commit check');
  });

  test('refuses a branch name git would not accept', async () => {
    const response = await post('/api/changes/commit', { branch: 'bad..name', message: 'Nope', paths: ['atoms/faq/x.md'] });
    expect([response.statusCode, response.json().error.code]).toEqual([422, 'ATOMKIT_ERR_GIT']);
  });
});

describe('studio drafts from a passage', () => {
  test('drafts a procedure from two turns with the deterministic extractor, citing exactly those turns', async () => {
    const draft = (await post('/api/drafts/from-passage', { transcript: 'interviews/operator.md', anchors: ['t-012', 't-013'], type: 'procedure' })).json();
    expect(draft).toMatchObject({ mode: 'deterministic', header: { type: 'procedure', status: 'draft', sources: [{ ref: 'interviews/operator.md#t-012' }, { ref: 'interviews/operator.md#t-013' }] } });
    expect(draft.body).toMatch(/^## Steps$/m);
    expect(draft.path).toMatch(/^atoms\/procedure\/.+\.md$/);
  });

  test('refuses an anchor the transcript does not have', async () => {
    const response = await post('/api/drafts/from-passage', { transcript: 'interviews/operator.md', anchors: ['t-999'], type: 'faq' });
    expect([response.statusCode, response.json().error.message]).toEqual([400, 'interviews/operator.md has no turn #t-999.']);
  });

  test('asks the configured model when there is one, keeping the selected turns as sources', async () => {
    const proposal = {
      title: 'Use the embedding model offline',
      summary: 'How the operator copies the embedding model to a machine without network access.',
      type: 'procedure',
      tags: ['embedding-model'],
      related: [],
      error_codes: [],
      anchors: ['t-012', 't-013'],
      body: '## Prerequisites\n\nA machine with network access.\n\n## Steps\n\n1. Run `npx atomkit index` there.\n2. Copy the model folder.\n\n## Verify\n\nThe index builds offline.\n',
    };
    const model = createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      const asked = JSON.parse(body) as { model: string };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 0, model: asked.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify({ atoms: [proposal] }) } }] }));
    });
    await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
    const kb = copyKnowledgeBase();
    writeFileSync(path.join(kb, 'atomkit.config.yaml'), `bot:\n  llm:\n    baseUrl: http://127.0.0.1:${(model.address() as AddressInfo).port}/v1\n    models: [test-model]\n`);
    const withModel = await buildStudioApp({ config: loadConfig({ cwd: kb }), token: TOKEN, clientDir: path.join(kb, '.client') });
    try {
      const response = await withModel.inject({ method: 'POST', url: '/api/drafts/from-passage', payload: { transcript: 'interviews/operator.md', anchors: ['t-012', 't-013'], type: 'procedure' }, headers: { host: '127.0.0.1', 'x-atomkit-token': TOKEN } });
      expect(response.json()).toMatchObject({ mode: 'llm', path: 'atoms/procedure/use-the-embedding-model-offline.md', header: { title: 'Use the embedding model offline', sources: [{ ref: 'interviews/operator.md#t-012' }, { ref: 'interviews/operator.md#t-013' }] } });
    } finally {
      await withModel.close();
      await new Promise((resolve) => model.close(resolve));
      rmSync(kb, { recursive: true, force: true });
    }
  });
});
