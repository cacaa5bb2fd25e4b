import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSqlite } from '../../tooling/src/sqlite/database.js';
import { queryResponseSchema, threadResponseSchema, type QueryResponse } from '../src/contract.js';
import { createWorkspace, readEvents, startTestServer, streamedText, type TestServer, type Workspace } from './harness.js';

let workspace: Workspace;
let server: TestServer;

beforeAll(async () => {
  workspace = await createWorkspace();
  server = await startTestServer(workspace);
});
afterAll(async () => {
  await server?.close();
  workspace?.remove();
});

async function ask(body: Record<string, unknown>, target: TestServer = server): Promise<QueryResponse> {
  const response = await target.post('/api/query', body);
  expect(response.status).toBe(200);
  return queryResponseSchema.parse(await response.json());
}

describe('POST /api/query (extractive)', () => {
  test('answers from the atoms with deep-link citations to the sections it quotes', async () => {
    const answer = await ask({ question: 'How do I run the linter locally?' });
    expect(answer).toMatchObject({ answered: true, mode: 'extractive', model: null, degraded: false, cached: false, language: 'en' });
    expect(answer.answer).toContain('npx atomkit lint');
    expect(answer.answer).toMatch(/\[1\]/);
    expect(answer.answer).toMatch(/no language model was used/);
    expect(answer.citations[0]).toMatchObject({ n: 1, title: 'Run lint locally', atomId: 'procedure/run-lint-locally' });
    expect(answer.citations[0]!.url).toMatch(/^\/procedure\/run-lint-locally\/(#[a-z0-9-]+)?$/);
    // Every marker in the text names a listed citation.
    const markers = [...answer.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set(answer.citations.map((c) => c.n)));
  });

  test('leads with the FAQ answer when a FAQ question matches', async () => {
    const answer = await ask({ question: 'Does the chat assistant need an API key?' });
    expect(answer.answered).toBe(true);
    expect(answer.answer.startsWith('No. Without a model endpoint it quotes the best matching atoms directly')).toBe(true);
    expect(answer.citations[0]!.atomId).toBe('faq/chat-assistant');
  });

  test('says plainly when the atoms do not cover a question, with support and a prefilled suggestion link, and records it', async () => {
    const question = 'What is the airspeed velocity of an unladen swallow?';
    const answer = await ask({ question });
    expect(answer).toMatchObject({ answered: false, citations: [] });
    expect(answer.support).toEqual({
      contact: 'the docs team (docs@example.org)',
      suggestUrl: `https://example.org/issues/new?title=${encodeURIComponent(question)}`,
    });
    expect(answer.answer).toContain('the docs team (docs@example.org)');
    const db = openSqlite(server.dbFile, { readOnly: true });
    const row = db.prepare('SELECT question, normalized, message_id FROM unanswered WHERE question = ?').get(question);
    db.close();
    expect(row).toEqual({ question, normalized: 'what is the airspeed velocity of an unladen swallow', message_id: answer.messageId });
  });

  test('links the closest page, in the asker\'s language, when the atoms fall short of a question they nearly cover', async () => {
    const answer = await ask({ question: 'run lint locally on gitlab' });
    expect(answer).toMatchObject({ answered: false, citations: [] });
    expect(answer.answer).toContain('The closest pages, which may not answer it: [Run lint locally](/procedure/run-lint-locally/).');
    expect(answer.answer).not.toContain('/ja/');
  });

  test('links no page when nothing the search found names the question', async () => {
    const answer = await ask({ question: 'What is the capital of Australia?' });
    expect(answer.answered).toBe(false);
    expect(answer.answer).not.toContain('closest');
  });

  test('answers a Japanese question in Japanese', async () => {
    const answer = await ask({ question: 'ローカルでリントを実行する方法は？' });
    expect(answer.language).toBe('ja');
    if (answer.answered) {
      expect(answer.answer).toMatch(/言語モデルは使用していません/);
      expect(answer.citations[0]!.atomId).toBe('ja/procedure/run-lint-locally');
    } else {
      expect(answer.answer).toMatch(/アトムはまだありません/);
    }
  });

  test('serves the second identical question from the cache, and a new thread still gets its own ids', async () => {
    const first = await ask({ question: 'What does lint do to my files?' });
    const second = await ask({ question: '  what does LINT do to my files ' });
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.answer).toBe(first.answer);
    expect(second.threadId).not.toBe(first.threadId);
    expect(second.messageId).not.toBe(first.messageId);
  });

  test('does not cache when the cache is off', async () => {
    const uncached = await startTestServer(workspace, { cache: false });
    try {
      await ask({ question: 'How do I run the linter locally?' }, uncached);
      expect((await ask({ question: 'How do I run the linter locally?' }, uncached)).cached).toBe(false);
    } finally {
      await uncached.close();
    }
  });
});

describe('threads and feedback', () => {
  test('a follow-up joins the thread, and the thread reads back in order', async () => {
    const first = await ask({ question: 'How do I run the linter locally?' });
    const second = await ask({ question: 'Can I lint a single atom?', threadId: first.threadId });
    expect(second.threadId).toBe(first.threadId);
    const response = await server.get(`/api/threads/${first.threadId}`);
    expect(response.status).toBe(200);
    const thread = threadResponseSchema.parse(await response.json());
    expect(thread.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(thread.messages[2]!.content).toBe('Can I lint a single atom?');
    expect(thread.messages[3]).toMatchObject({ id: second.messageId, citations: second.citations, mode: 'extractive' });
  });

  test('feedback on an answer is stored', async () => {
    const answer = await ask({ question: 'How do I fix a frontmatter schema error?' });
    const response = await server.post('/api/feedback', { messageId: answer.messageId, rating: 'down', comment: 'Missing the example.' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ messageId: answer.messageId, rating: 'down' });
    const db = openSqlite(server.dbFile, { readOnly: true });
    expect(db.prepare('SELECT rating, comment FROM feedback WHERE message_id = ?').get(answer.messageId)).toEqual({ rating: 'down', comment: 'Missing the example.' });
    db.close();
  });
});

describe('streaming', () => {
  test('streams an extractive answer as token events, then citations, then the full response', async () => {
    const response = await server.post('/api/query', { question: 'How do I run the linter locally?' }, { accept: 'text/event-stream' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const names = events.map((e) => e.event);
    expect(names.filter((n) => n === 'token').length).toBeGreaterThan(1);
    expect(names.slice(-2)).toEqual(['citations', 'done']);
    const done = queryResponseSchema.parse(events.at(-1)!.data);
    expect(streamedText(events)).toBe(done.answer);
    expect((events.at(-2)!.data as { citations: unknown }).citations).toEqual(done.citations);
  });

  test('an unknown thread is a 404 before any stream starts', async () => {
    const response = await server.post('/api/query', { question: 'hi there', threadId: 'no-such-thread' }, { accept: 'text/event-stream' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'ATOMKIT_ERR_THREAD_NOT_FOUND', message: expect.any(String) } });
  });
});

describe('operations', () => {
  test('GET /healthz reports the index, the answering mode and counts', async () => {
    const response = await server.get('/healthz');
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({
      status: 'ok',
      index: { loaded: true, model: server.config.index.embedder.model, dense: false, atoms: 6 },
      answering: { mode: 'extractive', models: [] },
    });
    expect(health.index.contentHash).toMatch(/^[0-9a-f]{16,}$/);
    expect(health.counts.threads).toBeGreaterThan(0);
  });

  test('GET /metrics speaks the Prometheus text format with request, latency and cache figures', async () => {
    await ask({ question: 'What does lint do to my files?' });
    const response = await server.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/atomkit_http_requests_total\{method="POST",route="\/api\/query",status="200"\} \d+/);
    expect(text).toMatch(/atomkit_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/query"\} \d+/);
    expect(text).toMatch(/atomkit_answer_cache_hits_total [1-9]/);
    expect(text).toContain('atomkit_llm_errors_total');
    expect(text).toContain('atomkit_fallbacks_total');
  });

  test('an online backup of the live database holds its threads', async () => {
    const file = await server.backup();
    expect(path.dirname(file)).toBe(path.resolve(server.config.root, server.config.bot.backup.dir));
    expect(readdirSync(path.dirname(file))).toContain(path.basename(file));
    const copy = openSqlite(file, { readOnly: true });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM threads').get()!.n).toBeGreaterThan(0);
    copy.close();
  });
});

describe('limits and origins', () => {
  test('rate limiting answers 429 with Retry-After and a JSON body', async () => {
    const limited = await startTestServer(workspace, { rateLimit: { enabled: true, max: 2, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 2; i++) expect((await limited.post('/api/query', { question: 'How do I run the linter?' })).status).toBe(200);
      const response = await limited.post('/api/query', { question: 'How do I run the linter?' });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await response.json()).toEqual({ error: { code: 'ATOMKIT_ERR_RATE_LIMITED', message: expect.stringMatching(/retry in/) } });
      // Health checks are not counted against the API limit.
      expect((await limited.get('/healthz')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  test('CORS allows configured origins only', async () => {
    const withCors = await startTestServer(workspace, { cors: ['https://docs.example.org'] });
    try {
      const allowed = await withCors.post('/api/query', { question: 'How do I run the linter?' }, { origin: 'https://docs.example.org' });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://docs.example.org');
      const other = await withCors.post('/api/query', { question: 'How do I run the linter?' }, { origin: 'https://evil.example' });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${withCors.url}/api/query`, {
        method: 'OPTIONS',
        headers: { origin: 'https://docs.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    } finally {
      await withCors.close();
    }
  });

  test('puts a Content-Security-Policy on every response: pages run only their own scripts and are framed only by bot.cors origins', async () => {
    const site = path.join(workspace.dir, 'site-csp');
    mkdirSync(site, { recursive: true });
    const inline = "document.documentElement.dataset.theme = 'dark';";
    writeFileSync(path.join(site, 'index.html'), `<!doctype html><title>Docs</title><script>${inline}</script><script type="module" src="/_astro/page.js"></script><script type="application/ld+json">{}</script>`);
    writeFileSync(path.join(site, '404.html'), '<!doctype html><title>Not found</title><script>\r\nlet lost = true;\r\n</script>');
    writeFileSync(path.join(site, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(site, 'search-worker.js'), 'self.onmessage = () => {};');
    const widget = path.join(workspace.dir, 'atom-chat-csp.js');
    writeFileSync(widget, 'customElements.define("atom-chat", class extends HTMLElement {});');
    const withSite = await startTestServer(workspace, { cors: ['https://intranet.example', 'https://*.example', 'not an origin'] }, { siteDir: site, widgetFile: widget });
    const sha = (code: string) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
    const directives = (policy: string | string[] | number | undefined) => Object.fromEntries(String(policy).split(/;\s*/).map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));
    try {
      const page = await withSite.app.inject({ method: 'GET', url: '/' });
      const csp = directives(page.headers['content-security-policy']);
      expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", sha(inline), sha('{}')]);
      expect(csp['frame-ancestors']).toEqual(["'self'", 'https://intranet.example']);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      // The 404 page hashes its script as a browser reads it, with CR LF as LF.
      const missing = await withSite.app.inject({ method: 'GET', url: '/no/such/page/' });
      expect(missing.statusCode).toBe(404);
      expect(directives(missing.headers['content-security-policy'])['script-src']).toContain(sha('\nlet lost = true;\n'));
      // A worker (Pagefind's search) runs under its own script's policy: the page's, without hashes.
      const worker = directives((await withSite.app.inject({ method: 'GET', url: '/search-worker.js' })).headers['content-security-policy']);
      expect([worker['script-src'], worker['connect-src'], worker['frame-ancestors']]).toEqual([["'self'", "'wasm-unsafe-eval'"], ["'self'"], ["'self'", 'https://intranet.example']]);
      for (const url of ['/favicon.svg', '/widget/atom-chat.js', '/healthz', '/api/nope']) {
        const response = await withSite.app.inject({ method: 'GET', url });
        expect(response.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      }
      const query = await withSite.app.inject({ method: 'POST', url: '/api/query', payload: { question: 'How do I run the linter?' } });
      expect(query.statusCode).toBe(200);
      expect(query.headers['content-security-policy']).toMatch(/^default-src 'none'/);
      // The widget can still be loaded by a page of a listed origin.
      const script = await withSite.app.inject({ method: 'GET', url: '/widget/atom-chat.js', headers: { origin: 'https://intranet.example' } });
      expect(script.headers['access-control-allow-origin']).toBe('https://intranet.example');
    } finally {
      await withSite.close();
    }
  });

  test('serves a built site and the widget from the same origin as the API', async () => {
    const site = path.join(workspace.dir, 'site-dist');
    mkdirSync(path.join(site, 'procedure'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Docs</title>');
    writeFileSync(path.join(site, '404.html'), '<!doctype html><title>Not found</title>');
    const widget = path.join(workspace.dir, 'atom-chat.js');
    writeFileSync(widget, 'customElements.define("atom-chat", class extends HTMLElement {});');
    const withSite = await startTestServer(workspace, {}, { siteDir: site, widgetFile: widget });
    try {
      const page = await withSite.get('/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Docs</title>');
      const missing = await withSite.get('/no/such/page/', { accept: 'text/html' });
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Not found');
      const apiMissing = await withSite.get('/api/nope');
      expect(apiMissing.status).toBe(404);
      expect((await apiMissing.json()).error.code).toBe('ATOMKIT_ERR_NOT_FOUND');
      expect((await withSite.post('/api/query', { question: 'How do I run the linter?' })).status).toBe(200);
      const script = await withSite.get('/widget/atom-chat.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await script.text()).toContain('atom-chat');
    } finally {
      await withSite.close();
    }
  });
});
