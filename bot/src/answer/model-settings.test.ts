import { BadRequestError } from 'openai';
import { describe, expect, test } from 'vitest';
import { contextWarnings, modelSettings, requestFields, sendWithSupportedFields, unsupportedParameter } from './model-settings.js';

/** A 400 as the `openai` client raises it for this error body. */
const badRequest = (error: Record<string, unknown>) => new BadRequestError(400, error, String(error.message), new Headers());

const TEMPERATURE = badRequest({
  message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.",
  type: 'invalid_request_error',
  param: 'temperature',
  code: 'unsupported_value',
});

describe('modelSettings', () => {
  test('a name has the defaults: nothing extra sent, thinking removed', () => {
    expect(modelSettings('gpt-4o-mini')).toEqual({ name: 'gpt-4o-mini', outputTokensParam: 'max_tokens', extraBody: {}, stripThinking: true });
    expect(requestFields(modelSettings('gpt-4o-mini'), new Set())).toEqual({});
  });
});

describe('requestFields', () => {
  const settings = modelSettings({
    name: 'qwen3',
    temperature: 0.2,
    maxOutputTokens: 800,
    reasoningEffort: 'low',
    extraBody: { chat_template_kwargs: { enable_thinking: false }, model: 'other', stream: true },
  });

  test('sends each setting under its request name, the extra body without replacing model or stream, and asks streams for usage', () => {
    expect(requestFields(settings, new Set(), true)).toEqual({
      chat_template_kwargs: { enable_thinking: false },
      temperature: 0.2,
      max_tokens: 800,
      reasoning_effort: 'low',
      stream_options: { include_usage: true },
    });
  });

  test('leaves out refused fields, and sends a refused output limit under its other name', () => {
    expect(requestFields(settings, new Set(['temperature', 'max_tokens']))).toEqual({
      chat_template_kwargs: { enable_thinking: false },
      max_completion_tokens: 800,
      reasoning_effort: 'low',
    });
    expect(requestFields(settings, new Set(['max_tokens', 'max_completion_tokens']))).not.toHaveProperty('max_completion_tokens');
  });
});

describe('unsupportedParameter', () => {
  test.each([
    ['OpenAI refusing a temperature', TEMPERATURE, { temperature: 0.2 }, 'temperature'],
    ['a parameter named only in the message', badRequest({ message: "Unsupported parameter: 'max_tokens' is not supported with this model." }), { max_tokens: 5 }, 'max_tokens'],
    ['a refused field that was not sent', TEMPERATURE, {}, undefined],
    ['a 400 about something else', badRequest({ message: 'messages must not be empty', param: 'messages' }), { temperature: 1 }, undefined],
    ['a 400 naming a sent field without saying it is unsupported', badRequest({ message: 'temperature must be at most 2', param: 'temperature', code: 'invalid_value' }), { temperature: 3 }, undefined],
    ['a plain error', new Error('Unsupported value: temperature'), { temperature: 0.2 }, undefined],
  ])('%s', (_name, error, sent, expected) => {
    expect(unsupportedParameter(error, sent)).toBe(expected);
  });
});

describe('sendWithSupportedFields', () => {
  test('sends again without each refused field, remembers it, and gives up on any other error', async () => {
    const dropped = new Set<string>();
    const sent: Record<string, unknown>[] = [];
    const settings = modelSettings({ name: 'o4-mini', temperature: 0.2 });
    const reply = await sendWithSupportedFields(settings, dropped, async (fields) => {
      sent.push(fields);
      if ('temperature' in fields) throw TEMPERATURE;
      return 'ok';
    });
    expect(reply).toBe('ok');
    expect(sent).toEqual([{ temperature: 0.2 }, {}]);
    expect([...dropped]).toEqual(['temperature']);
    const other = new Error('down');
    await expect(sendWithSupportedFields(settings, dropped, async () => Promise.reject(other))).rejects.toBe(other);
  });
});

describe('contextWarnings', () => {
  test('warns about a model whose context window cannot hold the prompt budget and the reply', () => {
    const [warning, ...rest] = contextWarnings(['gpt-4o-mini', { name: 'llama3.1:8b', contextTokens: 4096, maxOutputTokens: 512 }, { name: 'big', contextTokens: 32768 }], 6000);
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^model llama3\.1:8b: bot\.llm\.maxContextTokens \(6000\) plus maxOutputTokens \(512\) does not fit its contextTokens \(4096\).*at most 3584/);
  });
});
