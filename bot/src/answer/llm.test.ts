import * as openai from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { USAGE, startFakeOpenAi, type FakeOpenAi } from '../../test/openai-server.js';
import { LlmClient, LlmUnavailableError, type LlmCall, type LlmOptions } from './llm.js';

let fake: FakeOpenAi;
const clock = { now: 0 };
const question = [{ role: 'user' as const, content: 'How do I run the linter?' }];
const asked = (model: string) => fake.requests.filter((r) => r.model === model).length;

beforeAll(async () => {
  fake = await startFakeOpenAi();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.requests.length = 0;
  clock.now = 0;
  fake.behave('spare', { kind: 'reply', text: 'Run `npx atomkit lint`.' });
});

// No test here waits for the watchdog: a generous timeout keeps a busy machine from failing a model.
function client(cooldownMs = 60_000): LlmClient {
  return new LlmClient({ baseUrl: fake.baseUrl, apiKey: undefined, models: ['flaky', 'spare'], timeoutMs: 10_000, cooldownMs, now: () => clock.now }, openai);
}

describe('LlmClient cool-down', () => {
  test('skips a failed model until its cool-down is over, then asks it again and keeps it when it answers', async () => {
    const llm = client();
    fake.behave('flaky', { kind: 'status', status: 503 });
    expect((await llm.complete(question)).model).toBe('spare');
    clock.now = 59_999;
    expect((await llm.complete(question)).model).toBe('spare');
    expect(asked('flaky')).toBe(1);
    expect(llm.coolingDown()).toEqual(['flaky']);
    fake.behave('flaky', { kind: 'reply', text: 'Flaky is back.' });
    clock.now = 60_000;
    expect(await llm.complete(question)).toMatchObject({ text: 'Flaky is back.', model: 'flaky' });
    expect(asked('flaky')).toBe(2);
    expect(llm.coolingDown()).toEqual([]);
    expect((await llm.complete(question)).model).toBe('flaky');
  });

  test('a model whose stream stops short is skipped in the next cool-down too, and tells the caller of each skip', async () => {
    const llm = client();
    fake.behave('flaky', { kind: 'close-early', text: 'Run `npx atomkit lint` in the root.', chunks: 2 });
    const skips: [string, string | undefined][] = [];
    const onSkip = (model: string, next: string | undefined) => void skips.push([model, next]);
    expect((await llm.complete(question, { onToken: () => {}, onSkip })).model).toBe('spare');
    clock.now = 60_000;
    expect((await llm.complete(question, { onToken: () => {}, onSkip })).model).toBe('spare');
    expect(asked('flaky')).toBe(2);
    clock.now = 60_001;
    expect((await llm.complete(question, { onToken: () => {}, onSkip })).model).toBe('spare');
    expect(asked('flaky')).toBe(2);
    expect(skips).toEqual([['flaky', 'spare']]);
  });

  test('when every model is cooling down no request is made and the error names them', async () => {
    const llm = client();
    fake.behave('flaky', { kind: 'status', status: 500 });
    fake.behave('spare', { kind: 'status', status: 500 });
    await expect(llm.complete(question)).rejects.toThrow(LlmUnavailableError);
    const error = await llm.complete(question).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).skipped).toEqual(['flaky', 'spare']);
    expect((error as Error).message).toBe('No model answered: flaky (cooling down), spare (cooling down).');
    expect(fake.requests).toHaveLength(2);
  });

  test('a refused request or a reply cut at the token limit falls back without a cool-down', async () => {
    const llm = client();
    fake.behave('flaky', { kind: 'status', status: 400 });
    expect((await llm.complete(question)).model).toBe('spare');
    fake.behave('flaky', { kind: 'finish', text: 'Run `npx', reason: 'length' });
    expect((await llm.complete(question)).model).toBe('spare');
    expect((await llm.complete(question, { onToken: () => {} })).model).toBe('spare');
    expect(asked('flaky')).toBe(3);
  });

  test('without a cool-down a failed model is asked every time', async () => {
    const llm = client(0);
    fake.behave('flaky', { kind: 'status', status: 503 });
    await llm.complete(question);
    await llm.complete(question);
    expect(asked('flaky')).toBe(2);
  });
});

describe('LlmClient replies', () => {
  test('a stream that names its finish_reason is a whole answer', async () => {
    fake.behave('flaky', { kind: 'finish', text: 'Run `npx atomkit lint`.', reason: 'eos' });
    const tokens: string[] = [];
    const { text, model } = await client().complete(question, { onToken: (t) => void tokens.push(t) });
    expect({ text, model }).toEqual({ text: 'Run `npx atomkit lint`.', model: 'flaky' });
    expect(tokens.join('')).toBe(text);
  });

  test('a stream that stalls after its finish_reason, where usage was due, is a whole answer without usage', async () => {
    fake.behave('flaky', { kind: 'stall-after-finish', text: 'Run `npx atomkit lint`.' });
    const calls: LlmCall[] = [];
    const reply = await client().complete(question, { onToken: () => {}, onCall: (call) => void calls.push(call) });
    expect(reply).toEqual({ text: 'Run `npx atomkit lint`.', model: 'flaky' });
    expect(calls.map((call) => call.outcome)).toEqual(['ok']);
  });

  test('a stream that stops short is reset before the next model answers', async () => {
    fake.behave('flaky', { kind: 'close-early', text: 'Run `npx atomkit lint` in the root.', chunks: 2 });
    const events: string[] = [];
    const { text } = await client().complete(question, { onToken: (t) => void events.push(t), onReset: () => void events.push('<reset>') });
    expect(events.join('')).toBe('Run `npx atomk<reset>Run `npx atomkit lint`.');
    expect(text).toBe('Run `npx atomkit lint`.');
  });
});

/** Asks as the chat service does: streamed (collecting the deltas) or as one JSON reply. */
async function ask(llm: LlmClient, streamed: boolean, calls: LlmCall[] = []) {
  const tokens: string[] = [];
  const reply = await llm.complete(question, { onCall: (call) => void calls.push(call), ...(streamed ? { onToken: (t: string) => void tokens.push(t) } : {}) });
  return { ...reply, tokens };
}

function withModels(models: LlmOptions['models'], extra: Partial<LlmOptions> = {}): LlmClient {
  return new LlmClient({ baseUrl: fake.baseUrl, apiKey: undefined, models, timeoutMs: 2000, cooldownMs: 60_000, now: () => clock.now, ...extra }, openai);
}

describe.each([
  ['streamed', true],
  ['not streamed', false],
])('LlmClient with models of their own (%s)', (_name, streamed) => {
  test('a reasoning model that refuses the configured temperature and max_tokens answers without them, remembered, not cooled down', async () => {
    fake.behave('o4-mini', { kind: 'reasoning', text: 'Run `npx atomkit lint`.' });
    const refused: string[] = [];
    const calls: LlmCall[] = [];
    const llm = withModels([{ name: 'o4-mini', temperature: 0.2, maxOutputTokens: 700 }, 'spare'], { onRefusedField: (model, param) => void refused.push(`${model}:${param}`) });
    const reply = await ask(llm, streamed, calls);
    expect(reply).toMatchObject({ model: 'o4-mini', text: 'Run `npx atomkit lint`.' });
    expect(refused).toEqual(['o4-mini:temperature', 'o4-mini:max_tokens']);
    expect(calls.map((call) => [call.model, call.outcome])).toEqual([['o4-mini', 'ok']]);
    expect(llm.coolingDown()).toEqual([]);
    const sent = fake.requests.map((r) => r.body);
    expect(sent).toHaveLength(3);
    expect(sent[2]).not.toHaveProperty('temperature');
    expect(sent[2]).toMatchObject({ max_completion_tokens: 700 });

    fake.requests.length = 0;
    expect((await ask(llm, streamed)).model).toBe('o4-mini');
    expect(fake.requests).toHaveLength(1);
    expect(asked('spare')).toBe(0);
  });

  test('a model without settings is sent no temperature, so a reasoning model answers at once', async () => {
    fake.behave('o4-mini', { kind: 'reasoning', text: 'Run `npx atomkit lint`.' });
    expect((await ask(withModels(['o4-mini']), streamed)).model).toBe('o4-mini');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body).not.toHaveProperty('temperature');
  });

  test('thinking before the answer never reaches the caller, unless stripThinking is off', async () => {
    fake.behave('qwen3', { kind: 'think', thinking: 'The user wants the lint command; atom [1] has it.', text: 'Run `npx atomkit lint` [1].' });
    const reply = await ask(withModels(['qwen3']), streamed);
    expect(reply.text).toBe('Run `npx atomkit lint` [1].');
    if (streamed) expect(reply.tokens.join('')).toBe('Run `npx atomkit lint` [1].');
    const raw = await ask(withModels([{ name: 'qwen3', stripThinking: false }]), streamed);
    expect(raw.text).toMatch(/^<think>The user wants/);
  });

  test('token usage is read from the reply, and from the last chunk of a stream that asked for it', async () => {
    const calls: LlmCall[] = [];
    const reply = await ask(withModels(['spare']), streamed, calls);
    const usage = { promptTokens: USAGE.prompt_tokens, completionTokens: USAGE.completion_tokens, totalTokens: USAGE.total_tokens };
    expect(reply.usage).toEqual(usage);
    expect(calls).toMatchObject([{ model: 'spare', outcome: 'ok', usage }]);
    expect(calls[0]!.durationMs).toBeGreaterThan(0);
    expect(calls[0]!.firstTokenMs !== undefined).toBe(streamed);
    if (streamed) expect(fake.requests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  test('extraBody reaches a server that requires its own field; without it the model fails', async () => {
    const kwargs = { enable_thinking: false };
    fake.behave('vllm', { kind: 'requires-field', field: 'chat_template_kwargs', value: kwargs, text: 'From vLLM.' });
    expect(await ask(withModels([{ name: 'vllm', extraBody: { chat_template_kwargs: kwargs } }]), streamed)).toMatchObject({ model: 'vllm', text: 'From vLLM.' });
    expect((await ask(withModels(['vllm', 'spare']), streamed)).model).toBe('spare');
  });
});
