import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { queryResponseSchema, type QueryResponse } from '../src/contract.js';
import { createWorkspace, readEvents, startTestServer, streamedText, type TestServer, type Workspace } from './harness.js';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.js';

let workspace: Workspace;
let fake: FakeOpenAi;
let server: TestServer;

const GOOD = 'Open a terminal in the repository root and run `npx atomkit lint` [1]. It never rewrites an atom [1][42].';

beforeAll(async () => {
  workspace = await createWorkspace();
  fake = await startFakeOpenAi();
  server = await startTestServer(workspace, { llm: { baseUrl: fake.baseUrl, models: ['primary', 'backup'], timeoutMs: 400 } });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
  workspace?.remove();
});
beforeEach(() => {
  fake.requests.length = 0;
  fake.behave('primary', { kind: 'reply', text: GOOD });
  fake.behave('backup', { kind: 'reply', text: 'Backup says: run `npx atomkit lint` [1].' });
});

let counter = 0;
/** A fresh question each time, so the cache does not answer tests that are about the model. */
const fresh = () => `How do I run the linter locally? (${++counter})`;

async function ask(body: Record<string, unknown>): Promise<QueryResponse> {
  const response = await server.post('/api/query', body);
  expect(response.status).toBe(200);
  return queryResponseSchema.parse(await response.json());
}

async function fallbacks(to: string): Promise<number> {
  const text = await (await server.get('/metrics')).text();
  return Number(new RegExp(`atomkit_fallbacks_total\\{to="${to}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

describe('LLM answers', () => {
  test('come from the first model, with the prompt rules, the atoms and the API key, and invented citations dropped', async () => {
    const answer = await ask({ question: fresh() });
    expect(answer).toMatchObject({ mode: 'llm', model: 'primary', degraded: false, answered: true, cached: false });
    expect(answer.answer).toBe('Open a terminal in the repository root and run `npx atomkit lint` [1]. It never rewrites an atom [1].');
    expect(answer.citations.map((c) => c.n)).toEqual([1]);
    expect(answer.citations[0]!.atomId).toBe('procedure/run-lint-locally');
    const [request] = fake.requests;
    expect(request!.authorization).toBe('Bearer sk-test-secret');
    const system = request!.messages[0]!.content;
    expect(system).toMatch(/ONLY the numbered atoms/);
    expect(system).toMatch(/\[1\] Run lint locally/);
    expect(system).toContain('the docs team (docs@example.org)');
    expect(JSON.stringify(answer)).not.toContain('sk-test-secret');
  });

  test('search the atoms\' main language with a translation when few atoms in the asker\'s language cover the question', async () => {
    fake.behave('primary', { kind: 'reply', text: 'What does the frontmatter/schema lint error mean? [1]' });
    const answer = await ask({ question: `フロントマターのスキーマのエラーはどういう意味ですか？（${++counter}）` });
    const [translation, answering] = fake.requests;
    expect(translation!.messages[0]!.content).toMatch(/Translate the user's question into English/);
    expect(translation!.messages[1]!.content).toContain('フロントマター');
    expect(answering!.messages[0]!.content).toMatch(/\[1\] Frontmatter schema error/);
    expect(answer).toMatchObject({ answered: true, mode: 'llm' });
    expect(answer.citations[0]!.atomId).toBe('error/frontmatter-schema');
  });

  test('answer from the question as asked when the translation fails', async () => {
    fake.behave('primary', { kind: 'status', status: 500 });
    fake.behave('backup', { kind: 'status', status: 500 });
    const answer = await ask({ question: `フロントマターのスキーマのエラーはどういう意味ですか？（${++counter}）` });
    expect(answer.answered).toBe(false);
    expect(answer.answer).toContain('アトム');
  });

  test('fall back to the next model on a 500', async () => {
    fake.behave('primary', { kind: 'status', status: 500 });
    const before = await fallbacks('backup');
    const answer = await ask({ question: fresh() });
    expect(answer).toMatchObject({ mode: 'llm', model: 'backup', degraded: false });
    expect(fake.requests.map((r) => r.model)).toEqual(['primary', 'backup']);
    expect(await fallbacks('backup')).toBe(before + 1);
  });

  test('fall back to the next model on a timeout', async () => {
    fake.behave('primary', { kind: 'hang' });
    const started = performance.now();
    const answer = await ask({ question: fresh() });
    expect(answer.model).toBe('backup');
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
  });

  test('fall back to the next model on a 429 and on a malformed reply', async () => {
    fake.behave('primary', { kind: 'status', status: 429 });
    expect((await ask({ question: fresh() })).model).toBe('backup');
    fake.behave('primary', { kind: 'garbage' });
    expect((await ask({ question: fresh() })).model).toBe('backup');
    const metrics = await (await server.get('/metrics')).text();
    expect(metrics).toMatch(/atomkit_llm_errors_total\{model="primary",reason="rate_limited"\} [1-9]/);
    expect(metrics).toMatch(/atomkit_llm_errors_total\{model="primary",reason="malformed"\} [1-9]/);
  });

  test('fall back to an extractive answer marked degraded when every model fails, and do not cache it', async () => {
    fake.behave('primary', { kind: 'status', status: 503 });
    fake.behave('backup', { kind: 'garbage' });
    const question = fresh();
    const before = await fallbacks('extractive');
    const answer = await ask({ question });
    expect(answer).toMatchObject({ mode: 'extractive', model: null, degraded: true, answered: true, cached: false });
    expect(answer.answer).toContain('npx atomkit lint');
    expect(await fallbacks('extractive')).toBe(before + 1);
    fake.behave('primary', { kind: 'reply', text: GOOD });
    const again = await ask({ question });
    expect(again).toMatchObject({ mode: 'llm', model: 'primary', cached: false });
  });

  test('include the conversation so far', async () => {
    const first = await ask({ question: fresh() });
    fake.requests.length = 0;
    await ask({ question: 'And can I lint a single atom?', threadId: first.threadId });
    const messages = fake.requests[0]!.messages;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]!.content).toMatch(/^How do I run the linter locally\?/);
    expect(messages[2]!.content).toBe(first.answer);
    expect(messages[3]!.content).toBe('And can I lint a single atom?');
  });

  test('a second identical question is served from the cache without calling a model', async () => {
    const question = fresh();
    const first = await ask({ question });
    const second = await ask({ question });
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, model: 'primary', answer: first.answer });
    expect(fake.requests).toHaveLength(1);
  });

  test('a question the atoms do not cover never reaches a model', async () => {
    const answer = await ask({ question: 'What is the airspeed velocity of an unladen swallow?' });
    expect(answer).toMatchObject({ answered: false, model: null });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('streamed LLM answers', () => {
  test('stream the model tokens without invented citations, then citations and the full response', async () => {
    const response = await server.post('/api/query', { question: fresh() }, { accept: 'text/event-stream' });
    const events = await readEvents(response);
    expect(fake.requests[0]!.stream).toBe(true);
    expect(events.filter((e) => e.event === 'token').length).toBeGreaterThan(3);
    const done = queryResponseSchema.parse(events.at(-1)!.data);
    expect(done).toMatchObject({ mode: 'llm', model: 'primary' });
    expect(streamedText(events)).toBe(done.answer);
    expect(streamedText(events)).not.toContain('[42]');
    expect(events.at(-2)).toEqual({ event: 'citations', data: { citations: done.citations } });
  });

  test('a stream that breaks midway is reset and answered by the next model', async () => {
    fake.behave('primary', { kind: 'break-midway', text: GOOD });
    const events = await readEvents(await server.post('/api/query', { question: fresh() }, { accept: 'text/event-stream' }));
    const names = events.map((e) => e.event);
    expect(names).toContain('reset');
    expect(names.indexOf('token')).toBeLessThan(names.indexOf('reset'));
    const done = queryResponseSchema.parse(events.at(-1)!.data);
    expect(done.model).toBe('backup');
    expect(streamedText(events)).toBe(done.answer);
  });

  test('when every model fails the extractive fallback streams too', async () => {
    fake.behave('primary', { kind: 'status', status: 500 });
    fake.behave('backup', { kind: 'hang' });
    const events = await readEvents(await server.post('/api/query', { question: fresh() }, { accept: 'text/event-stream' }));
    const done = queryResponseSchema.parse(events.at(-1)!.data);
    expect(done).toMatchObject({ mode: 'extractive', degraded: true });
    expect(streamedText(events)).toBe(done.answer);
  });
});
