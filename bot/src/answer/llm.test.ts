import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeOpenAi, type FakeOpenAi } from '../../test/openai-server.js';
import { LlmClient, LlmUnavailableError } from './llm.js';

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

function client(cooldownMs = 60_000): LlmClient {
  return new LlmClient({ baseUrl: fake.baseUrl, apiKey: undefined, models: ['flaky', 'spare'], timeoutMs: 400, cooldownMs, now: () => clock.now });
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

  test('a stream that stops short is reset before the next model answers', async () => {
    fake.behave('flaky', { kind: 'close-early', text: 'Run `npx atomkit lint` in the root.', chunks: 2 });
    const events: string[] = [];
    const { text } = await client().complete(question, { onToken: (t) => void events.push(t), onReset: () => void events.push('<reset>') });
    expect(events.join('')).toBe('Run `npx atomk<reset>Run `npx atomkit lint`.');
    expect(text).toBe('Run `npx atomkit lint`.');
  });
});
