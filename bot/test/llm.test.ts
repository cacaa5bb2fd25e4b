import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { queryResponseSchema, type QueryResponse } from '../src/contract.js';
import { freshQuestion as fresh, readEvents, startModelStack, startTestServer, streamedText, type ModelStack, type TestServer, type Workspace } from './harness.js';
import type { Behavior, FakeOpenAi } from './openai-server.js';

let stack: ModelStack;
let workspace: Workspace;
let fake: FakeOpenAi;
let server: TestServer;

const GOOD = 'Open a terminal in the repository root and run `npx atomkit lint` [1]. It never rewrites an atom [1][42].';

beforeAll(async () => {
  // No cool-down: these tests fail a model on purpose and expect it to be asked again by the next one.
  stack = await startModelStack((baseUrl) => ({ llm: { baseUrl, models: ['primary', 'backup'], timeoutMs: 400, cooldownMs: 0 } }));
  ({ workspace, fake, server } = stack);
});
afterAll(() => stack?.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.behave('primary', { kind: 'reply', text: GOOD });
  fake.behave('backup', { kind: 'reply', text: 'Backup says: run `npx atomkit lint` [1].' });
});

async function ask(body: Record<string, unknown>, on: TestServer = server): Promise<QueryResponse> {
  const response = await on.post('/api/query', body);
  expect(response.status).toBe(200);
  return queryResponseSchema.parse(await response.json());
}

/** Asks as JSON, or as a stream whose text after the last `reset` must be the final answer. */
async function askVia(transport: 'json' | 'sse', question: string, on: TestServer = server): Promise<{ answer: QueryResponse; events: string[] }> {
  if (transport === 'json') return { answer: await ask({ question }, on), events: [] };
  const events = await readEvents(await on.post('/api/query', { question }, { accept: 'text/event-stream' }));
  const answer = queryResponseSchema.parse(events.at(-1)!.data);
  expect(events.at(-1)!.event).toBe('done');
  expect(streamedText(events)).toBe(answer.answer);
  return { answer, events: events.map((e) => e.event) };
}

/** The sum of a metric's samples whose labels include `labels` (e.g. `to="backup"`). */
async function metric(name: string, labels = '', on: TestServer = server): Promise<number> {
  const text = await (await on.get('/metrics')).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && (match[2] ?? '').split(',').includes(labels || (match[2] ?? ''))) sum += Number(match[3]);
  }
  return sum;
}

const fallbacks = (to: string) => metric('atomkit_fallbacks_total', `to="${to}"`);

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
    // No Japanese atom covers it (the one about lint shares none of its words): a translation is asked for.
    const answer = await ask({ question: fresh('フロントマターのスキーマはどういう意味ですか？') });
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
    // No word of it (nor a loanword's English form) is in the English atoms: only a translation would find them.
    const answer = await ask({ question: fresh('今日の東京の天気はどうですか？') });
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

/** The first 4 streamed pieces of GOOD: what a reader saw when the model stopped. */
const TRUNCATED = GOOD.slice(0, 28);

describe('model replies the protocol does not call complete', () => {
  const cases: { name: string; behavior: Behavior; reason: { json: string; sse: string } }[] = [
    { name: 'stalls after 4 chunks', behavior: { kind: 'stall', text: GOOD, chunks: 4 }, reason: { json: 'timeout', sse: 'timeout' } },
    {
      name: 'closes after 4 chunks without a finish_reason or [DONE]',
      behavior: { kind: 'close-early', text: GOOD, chunks: 4 },
      reason: { json: 'malformed', sse: 'incomplete' },
    },
    { name: 'never names a finish_reason', behavior: { kind: 'finish', text: TRUNCATED, reason: null }, reason: { json: 'incomplete', sse: 'incomplete' } },
    { name: 'was cut at the token limit', behavior: { kind: 'finish', text: TRUNCATED, reason: 'length' }, reason: { json: 'length', sse: 'length' } },
    {
      name: 'was cut by a content filter',
      behavior: { kind: 'finish', text: TRUNCATED, reason: 'content_filter' },
      reason: { json: 'content_filter', sse: 'content_filter' },
    },
  ];
  const table = (['json', 'sse'] as const).flatMap((transport) => cases.map((c) => ({ ...c, transport })));

  test.each(table)('a reply that $name falls back to the next model, is counted, and its text is never cached ($transport)', async ({ behavior, reason, transport }) => {
    fake.behave('primary', behavior);
    const question = fresh();
    const errors = await metric('atomkit_llm_errors_total', `reason="${reason[transport]}"`);
    const toBackup = await fallbacks('backup');
    const { answer, events } = await askVia(transport, question);
    expect(answer).toMatchObject({ mode: 'llm', model: 'backup', degraded: false, cached: false });
    expect(answer.answer).toBe('Backup says: run `npx atomkit lint` [1].');
    if (transport === 'sse' && events.indexOf('token') < events.indexOf('reset')) expect(events.lastIndexOf('reset')).toBeGreaterThan(events.indexOf('token'));
    expect(await metric('atomkit_llm_errors_total', `reason="${reason[transport]}"`)).toBe(errors + 1);
    expect(await fallbacks('backup')).toBe(toBackup + 1);
    const again = await ask({ question });
    expect(again).toMatchObject({ cached: true, model: 'backup' });
    expect(again.answer).not.toBe(TRUNCATED);
  });

  test.each(['json', 'sse'] as const)('when every model stops short the answer is extractive, degraded and not cached (%s)', async (transport) => {
    fake.behave('primary', { kind: 'stall', text: GOOD, chunks: 4 });
    fake.behave('backup', { kind: 'close-early', text: GOOD, chunks: 4 });
    const question = fresh();
    const toExtractive = await fallbacks('extractive');
    const { answer, events } = await askVia(transport, question);
    expect(answer).toMatchObject({ mode: 'extractive', model: null, degraded: true, cached: false });
    expect(answer.answer.startsWith(TRUNCATED)).toBe(false);
    if (transport === 'sse') expect(events).toContain('reset');
    expect(await fallbacks('extractive')).toBe(toExtractive + 1);
    fake.behave('primary', { kind: 'reply', text: GOOD });
    const again = await ask({ question });
    expect(again).toMatchObject({ mode: 'llm', model: 'primary', cached: false });
    expect(again.answer).toBe('Open a terminal in the repository root and run `npx atomkit lint` [1]. It never rewrites an atom [1].');
  });
});

describe('a model that failed or hung', () => {
  let cooling: TestServer;
  beforeAll(async () => {
    // The default cool-down (a minute) outlasts this test; `sleepy` and `steady` are this server's own models.
    cooling = await startTestServer(workspace, { llm: { baseUrl: fake.baseUrl, models: ['sleepy', 'steady'], timeoutMs: 400 } });
  });
  afterAll(async () => {
    await cooling?.close();
  });

  test('costs one timeout, then is skipped without a request for the cool-down, and the skips are counted', async () => {
    fake.behave('sleepy', { kind: 'hang' });
    fake.behave('steady', { kind: 'reply', text: 'Steady says: run `npx atomkit lint` [1].' });
    const asked = (model: string) => fake.requests.filter((r) => r.model === model).length;
    const first = await ask({ question: fresh() }, cooling);
    expect(first.model).toBe('steady');
    expect(asked('sleepy')).toBe(1);
    const skipped = await metric('atomkit_llm_skips_total', 'model="sleepy"', cooling);
    expect((await askVia('json', fresh(), cooling)).answer.model).toBe('steady');
    expect((await askVia('sse', fresh(), cooling)).answer.model).toBe('steady');
    expect(asked('sleepy')).toBe(1);
    expect(asked('steady')).toBe(3);
    expect(await metric('atomkit_llm_skips_total', 'model="sleepy"', cooling)).toBe(skipped + 2);
    expect(await metric('atomkit_llm_models_cooling_down', '', cooling)).toBe(1);
    expect(await metric('atomkit_fallbacks_total', 'reason="cooldown"', cooling)).toBe(2);
  });
});
