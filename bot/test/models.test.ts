import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../tooling/src/cli/main.js';
import { memoryIo } from '../../tooling/src/cli/io.js';
import { queryResponseSchema, type QueryResponse } from '../src/contract.js';
import { freshQuestion as fresh, readEvents, startModelStack, streamedText, type ModelStack, type TestServer, type Workspace } from './harness.js';
import { USAGE, type FakeOpenAi } from './openai-server.js';

let stack: ModelStack;
let workspace: Workspace;
let fake: FakeOpenAi;
let server: TestServer;

const ANSWER = 'Open a terminal in the repository root and run `npx atomkit lint` [1].';
const THINKING = 'The user asks how to lint. Atom [1] says npx atomkit lint; maybe mention [7] too?';

beforeAll(async () => {
  stack = await startModelStack((baseUrl) => ({
    cache: false,
    llm: {
      baseUrl,
      // The temperature teams used to get from atomkit, which a reasoning model refuses.
      models: [{ name: 'o4-mini', temperature: 0.2, maxOutputTokens: 2000, reasoningEffort: 'low' }, 'backup'],
      timeoutMs: 2000,
    },
  }));
  ({ workspace, fake, server } = stack);
});
afterAll(() => stack?.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.behave('o4-mini', { kind: 'reasoning', text: ANSWER });
  fake.behave('backup', { kind: 'reply', text: 'Backup: run `npx atomkit lint` [1].' });
});


async function askVia(transport: 'json' | 'sse', question: string): Promise<QueryResponse> {
  if (transport === 'json') return queryResponseSchema.parse(await (await server.post('/api/query', { question })).json());
  const events = await readEvents(await server.post('/api/query', { question }, { accept: 'text/event-stream' }));
  const answer = queryResponseSchema.parse(events.at(-1)!.data);
  expect(streamedText(events)).toBe(answer.answer);
  expect(events.map((e) => e.event)).not.toContain('reset');
  return answer;
}

/** Every sample of the metrics text as `name{labels} value` lines, and the sum of those matching. */
async function metrics(): Promise<string> {
  return (await server.get('/metrics')).text();
}
function sum(text: string, name: string, ...labels: string[]): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && labels.every((label) => (match[2] ?? '').split(',').includes(label))) total += Number(match[3]);
  }
  return total;
}

describe.each(['json', 'sse'] as const)('a reasoning model first in the list (%s)', (transport) => {
  test('answers the question itself, not the fallback, and /metrics shows its latency and tokens', async () => {
    const before = await metrics();
    const answer = await askVia(transport, fresh());
    expect(answer).toMatchObject({ mode: 'llm', model: 'o4-mini', degraded: false, answer: ANSWER });
    expect(fake.requests.filter((r) => r.model === 'backup')).toEqual([]);
    const after = await metrics();
    const grew = (name: string, ...labels: string[]) => sum(after, name, ...labels) - sum(before, name, ...labels);
    expect(grew('atomkit_llm_request_duration_seconds_count', 'model="o4-mini"', 'outcome="ok"')).toBe(1);
    expect(grew('atomkit_llm_time_to_first_token_seconds_count', 'model="o4-mini"', 'outcome="ok"')).toBe(transport === 'sse' ? 1 : 0);
    expect(grew('atomkit_llm_tokens_total', 'model="o4-mini"', 'kind="prompt"')).toBe(USAGE.prompt_tokens);
    expect(grew('atomkit_llm_tokens_total', 'model="o4-mini"', 'kind="completion"')).toBe(USAGE.completion_tokens);
    expect(grew('atomkit_llm_errors_total')).toBe(0);
    expect(grew('atomkit_fallbacks_total')).toBe(0);
    expect(sum(after, 'atomkit_llm_models_cooling_down')).toBe(0);
  });
});

describe.each(['json', 'sse'] as const)('a model that thinks aloud (%s)', (transport) => {
  test('its thinking reaches neither the reader, nor the cache, nor the citations', async () => {
    fake.behave('o4-mini', { kind: 'think', thinking: THINKING, text: ANSWER });
    const answer = await askVia(transport, fresh());
    expect(answer.answer).toBe(ANSWER);
    expect(answer.citations.map((c) => c.n)).toEqual([1]);
  });
});

describe('/metrics', () => {
  test('labels the build and reports the index age', async () => {
    const text = await metrics();
    const build = /^atomkit_build_info\{(.*)\} 1$/m.exec(text)?.[1];
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const hash = ((await (await server.get('/healthz')).json()) as { index: { contentHash: string } }).index.contentHash;
    expect(build?.split(',').sort()).toEqual([`index_hash="${hash}"`, 'model="o4-mini"', `version="${version}"`]);
    expect(sum(text, 'atomkit_index_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^# TYPE atomkit_index_age_seconds gauge$/m);
  });

  test('keeps the standard names of the default process and Node metrics, which dashboards query', async () => {
    const text = await metrics();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'process_start_time_seconds', 'nodejs_heap_size_total_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect(text).not.toMatch(/^atomkit_(process|nodejs)_/m);
  });
});

describe('token usage per answer', () => {
  test('is stored with the answer and exported with it', async () => {
    const asked = await askVia('sse', fresh());
    const io = memoryIo();
    const out = path.join(workspace.dir, 'usage-export.jsonl');
    expect(await main(['-c', server.config.file!, 'conversations', 'export', '--since', '2000-01-01', '--out', out], io)).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.messageId === asked.messageId)).toMatchObject({
      model: 'o4-mini',
      promptTokens: USAGE.prompt_tokens,
      completionTokens: USAGE.completion_tokens,
      totalTokens: USAGE.total_tokens,
    });
  });
});
