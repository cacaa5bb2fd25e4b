import { afterEach, describe, expect, test } from 'vitest';
import { openaiJudge, parseVerdict } from '../../src/eval/judge.js';
import { startFakeOpenAi as startScriptedOpenAi, type FakeOpenAi as ScriptedOpenAi } from '../../../bot/test/openai-server.js';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.js';

let server: FakeOpenAi | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const input = { question: 'Why does lint reject version: 1.0?', answer: 'Quote it: version: "1.0.0" [1]', facts: ['"1.0.0"'], reference: 'YAML reads 1.0 as a number.' };

describe('openaiJudge through the openai client', () => {
  test('sends the question, reference, facts and answer and reads the score', async () => {
    server = await startFakeOpenAi(() => '{"score": 1, "reason": "states the fix"}');
    const judge = await openaiJudge({ baseUrl: server.baseUrl, model: 'judge-1', apiKey: 'sk-test' });
    expect(await judge.judge(input)).toEqual({ score: 1, reason: 'states the fix' });
    const [request] = server.requests;
    expect(request?.model).toBe('judge-1');
    expect(request?.authorization).toBe('Bearer sk-test');
    const user = request?.messages.find((m) => m.role === 'user')?.content ?? '';
    for (const part of [input.question, input.reference, '- "1.0.0"', input.answer]) expect(user).toContain(part);
  });

  test('returns no verdict when the model does not answer in JSON', async () => {
    server = await startFakeOpenAi(() => 'I think it is fine.');
    const judge = await openaiJudge({ baseUrl: server.baseUrl, model: 'judge-1' });
    expect(await judge.judge(input)).toBeUndefined();
  });

  test('rejects when the endpoint fails, so the caller can report it', async () => {
    server = await startFakeOpenAi(() => 400);
    const judge = await openaiJudge({ baseUrl: server.baseUrl, model: 'judge-1' });
    await expect(judge.judge(input)).rejects.toThrow(/400/);
  });
});

describe('openaiJudge with model settings', () => {
  let scripted: ScriptedOpenAi | undefined;
  afterEach(async () => {
    await scripted?.close();
    scripted = undefined;
  });

  test.each([
    ['a reasoning model that refuses the configured temperature', { kind: 'reasoning', text: '{"score": 1, "reason": "states the fix"}' }],
    ['a model whose thinking holds braces', { kind: 'think', thinking: 'Maybe {"score": 0}? No.', text: '{"score": 1, "reason": "states the fix"}' }],
  ] as const)('reads the verdict of %s', async (_name, behavior) => {
    scripted = await startScriptedOpenAi();
    scripted.behave('o4-mini', behavior);
    const judge = await openaiJudge({ baseUrl: scripted.baseUrl, model: { name: 'o4-mini', temperature: 0 } });
    expect(judge.model).toBe('o4-mini');
    expect(await judge.judge(input)).toEqual({ score: 1, reason: 'states the fix' });
  });
});

describe('parseVerdict', () => {
  test.each([
    ['{"score": 0.5, "reason": "partial"}', { score: 0.5, reason: 'partial' }],
    ['Verdict: {"score": "1", "reason": "ok"} done', { score: 1, reason: 'ok' }],
    ['{"score": 7}', { score: 1, reason: '' }],
    ['{"score": -2, "reason": 3}', { score: 0, reason: '' }],
  ])('reads %s', (reply, verdict) => {
    expect(parseVerdict(reply)).toEqual(verdict);
  });

  test.each(['', 'no json here', '{"score": "high"}', '{"score": 1', '{"reason": "no score"}'])('gives up on %j', (reply) => {
    expect(parseVerdict(reply)).toBeUndefined();
  });
});
