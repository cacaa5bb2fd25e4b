/**
 * Talks to any OpenAI-compatible chat endpoint through the `openai` package, trying the configured
 * models in order: a timeout, a 5xx, a 429, a refused request, a malformed reply or one that is not
 * complete moves on to the next model. When every model failed, the caller answers extractively
 * (`degraded: true`). A model that failed in a way that says it is unwell is skipped for a
 * cool-down (see cooldown.ts).
 *
 * A reply is complete only when the protocol says so: its choice names a `finish_reason`. Without
 * one (a stream that closed, or stalled until the watchdog fired, before its last chunk) the text is
 * a fragment (`incomplete`, or `timeout` for a stall). `length` (cut at the token limit) and
 * `content_filter` (cut by the provider's filter) are fragments too, failed under their own reason.
 * Any other reason (`stop`, or a server's own such as `eos`) ends a whole answer.
 *
 * Each model is asked with its own settings (model-settings.ts); a parameter the model refuses is
 * left out and the request sent again, which is no failure. Thinking blocks are removed before any
 * text leaves this module (thinking.ts). A streamed request asks for token usage, which arrives in
 * a chunk after the one with the `finish_reason`.
 */
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { LLM_ANSWERS, loadOpenAI, type OpenAISdk } from '../../../tooling/src/package/openai.js';
import { Cooldown } from './cooldown.js';
import { modelSettings, RefusedFields, sendWithSupportedFields, type ModelEntry, type ModelSettings } from './model-settings.js';
import { ThinkingFilter, stripThinking } from './thinking.js';

export interface LlmOptions {
  readonly baseUrl: string;
  /** Sent as the bearer token; local servers (Ollama, llama.cpp) accept any. */
  readonly apiKey: string | undefined;
  /** Tried in order: names, or names with settings. */
  readonly models: readonly (ModelEntry | ModelSettings)[];
  /** Per model: the longest wait for the first token and between two tokens. */
  readonly timeoutMs: number;
  /** Told about every failed attempt (for metrics and the log). */
  readonly onFailure?: (failure: LlmFailure) => void;
  /** How long a model that failed (hung, broke off, 5xx, 429) is skipped, in milliseconds; 0 never skips. @default 0 */
  readonly cooldownMs?: number;
  /** The clock of the cool-down. @default Date.now */
  readonly now?: () => number;
  /** Told when a model refused a request parameter, which is left out for it from then on. */
  readonly onRefusedField?: (model: string, param: string) => void;
}

/** Tokens one reply took, as the endpoint counted them. */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** One call to one model, answered or failed. */
export interface LlmCall {
  readonly model: string;
  readonly outcome: 'ok' | FailureReason;
  /** From sending the request to the first streamed text (thinking included); undefined when not streamed or nothing came. */
  readonly firstTokenMs?: number;
  readonly durationMs: number;
  readonly usage?: TokenUsage;
}

export interface Completion {
  readonly text: string;
  readonly model: string;
  /** Undefined when the endpoint did not say. */
  readonly usage?: TokenUsage;
}

export type FailureReason =
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'client_error'
  | 'connection'
  | 'malformed'
  /** The reply ended without a `finish_reason`. */
  | 'incomplete'
  /** `finish_reason: length`: cut at the token limit. */
  | 'length'
  /** `finish_reason: content_filter`: cut by the provider's filter. */
  | 'content_filter';

export interface LlmFailure {
  readonly model: string;
  readonly reason: FailureReason;
  /** A short description without secrets (status code or error class), for the log. */
  readonly detail: string;
}

export interface CompleteOptions {
  /** Streams the answer: called with each text delta. */
  readonly onToken?: (text: string) => void;
  /** Called when text already streamed must be discarded because another model takes over. */
  readonly onReset?: () => void;
  /** Aborts everything (the client went away). */
  readonly signal?: AbortSignal;
  /** Told about each failed model; `next` is the next model in the list, or undefined when none is left. */
  readonly onFailure?: (failure: LlmFailure, next: string | undefined) => void;
  /** Told about each model skipped because it is cooling down; `next` as for `onFailure`. */
  readonly onSkip?: (model: string, next: string | undefined) => void;
  /** Told about each call made, with its latency and token usage (for metrics). */
  readonly onCall?: (call: LlmCall) => void;
}

/** Every model failed or was skipped. */
export class LlmUnavailableError extends Error {
  override name = 'LlmUnavailableError';
  constructor(
    readonly failures: readonly LlmFailure[],
    readonly skipped: readonly string[] = [],
  ) {
    super(`No model answered: ${[...failures.map((f) => `${f.model} (${f.reason})`), ...skipped.map((model) => `${model} (cooling down)`)].join(', ')}.`);
  }
}

/** A reply that is not a usable chat completion. */
class MalformedReplyError extends Error {
  override name = 'MalformedReplyError';
}

/** A reply that stopped before the protocol said it was complete, or was cut short. */
class IncompleteReplyError extends Error {
  override name = 'IncompleteReplyError';
  constructor(readonly reason: 'incomplete' | 'length' | 'content_filter') {
    super(`The reply is not complete (${reason}).`);
  }
}

/** After the `finish_reason`, the longest wait for the usage chunk; the answer is whole without it. */
const USAGE_GRACE_MS = 2000;

export class LlmClient {
  readonly #client: OpenAI;
  readonly #cooldown: Cooldown;
  readonly #settings: readonly ModelSettings[];
  readonly #refused = new RefusedFields();
  readonly #sdk: OpenAISdk;

  /**
   * A client on the `openai` package.
   *
   * @throws OptionalDependencyUnavailable when the package is not installed.
   */
  static async create(options: LlmOptions): Promise<LlmClient> {
    return new LlmClient(options, await loadOpenAI(LLM_ANSWERS));
  }

  constructor(
    readonly options: LlmOptions,
    sdk: OpenAISdk,
  ) {
    if (options.models.length === 0) throw new TypeError('Expected at least one model, got none');
    this.#sdk = sdk;
    this.#settings = options.models.map(modelSettings);
    this.#cooldown = new Cooldown(options.cooldownMs ?? 0, options.now);
    this.#client = new sdk.OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey ?? 'not-needed',
      // Fallback to the next model is the retry; retrying a dead model only adds latency.
      maxRetries: 0,
      timeout: options.timeoutMs,
    });
  }

  /** The model names, in order. */
  get models(): readonly string[] {
    return this.#settings.map((settings) => settings.name);
  }

  /** The settings of each model, in order. */
  get settings(): readonly ModelSettings[] {
    return this.#settings;
  }

  /** The models skipped now because they failed less than `cooldownMs` ago. */
  coolingDown(): string[] {
    return this.#cooldown.coolingDown();
  }

  /** The answer text of the first model that gives a complete one, and which model that was. */
  async complete(messages: ChatCompletionMessageParam[], options: CompleteOptions = {}): Promise<Completion> {
    const failures: LlmFailure[] = [];
    const skipped: string[] = [];
    const names = this.models;
    for (const [i, settings] of this.#settings.entries()) {
      const model = settings.name;
      if (!this.#cooldown.admit(model)) {
        skipped.push(model);
        options.onSkip?.(model, names[i + 1]);
        continue;
      }
      let streamed = false;
      const timing: Timing = { started: performance.now() };
      try {
        const reply = options.onToken
          ? await this.#stream(settings, messages, options.signal, timing, (delta) => {
              streamed = true;
              options.onToken!(delta);
            })
          : await this.#once(settings, messages, options.signal);
        this.#cooldown.succeeded(model);
        options.onCall?.({ model, outcome: 'ok', ...measured(timing), ...(reply.usage ? { usage: reply.usage } : {}) });
        return { ...reply, model };
      } catch (error) {
        if (options.signal?.aborted) {
          this.#cooldown.abandoned(model);
          throw error;
        }
        const failure = classify(model, error, this.#sdk);
        this.#cooldown.failed(model, failure.reason);
        failures.push(failure);
        options.onCall?.({ model, outcome: failure.reason, ...measured(timing) });
        this.options.onFailure?.(failure);
        options.onFailure?.(failure, names[i + 1]);
        if (streamed) options.onReset?.();
      }
    }
    throw new LlmUnavailableError(failures, skipped);
  }

  /** Sends a request with the model's settings, leaving out the parameters it refuses. */
  #send<T>(settings: ModelSettings, stream: boolean, send: (fields: Record<string, unknown>) => Promise<T>): Promise<T> {
    return sendWithSupportedFields(settings, this.#refused.of(settings.name), send, {
      stream,
      onDrop: (param) => this.options.onRefusedField?.(settings.name, param),
    });
  }

  async #once(settings: ModelSettings, messages: ChatCompletionMessageParam[], signal: AbortSignal | undefined): Promise<Omit<Completion, 'model'>> {
    const watchdog = new Watchdog(this.options.timeoutMs, signal);
    try {
      const reply = (await this.#send(settings, false, (fields) =>
        this.#client.chat.completions.create({ ...fields, model: settings.name, messages, stream: false }, { signal: watchdog.signal }),
      )) as unknown;
      const raw = textOf(reply);
      const text = settings.stripThinking ? stripThinking(raw) : raw;
      if (text.trim() === '') throw new MalformedReplyError('The reply has nothing but thinking.');
      const usage = usageOf(reply);
      return { text, ...(usage ? { usage } : {}) };
    } catch (error) {
      throw watchdog.fired ? new TimeoutError() : error;
    } finally {
      watchdog.stop();
    }
  }

  async #stream(
    settings: ModelSettings,
    messages: ChatCompletionMessageParam[],
    signal: AbortSignal | undefined,
    timing: Timing,
    onDelta: (text: string) => void,
  ): Promise<Omit<Completion, 'model'>> {
    const watchdog = new Watchdog(this.options.timeoutMs, signal);
    const thinking = settings.stripThinking ? new ThinkingFilter() : undefined;
    let text = '';
    let finish: string | undefined;
    let usage: TokenUsage | undefined;
    const emit = (visible: string) => {
      // Thinking leaves blank lines before the answer.
      const delta = text === '' ? visible.replace(/^\s+/, '') : visible;
      if (delta === '') return;
      text += delta;
      onDelta(delta);
    };
    try {
      const stream = await this.#send(settings, true, (fields) =>
        this.#client.chat.completions.create({ ...fields, model: settings.name, messages, stream: true }, { signal: watchdog.signal }),
      );
      for await (const chunk of stream as AsyncIterable<unknown>) {
        usage = usageOf(chunk) ?? usage;
        if (finish !== undefined) {
          if (usage) break;
          continue;
        }
        watchdog.reset();
        const choice = choiceOf(chunk);
        const delta = choice?.delta?.content;
        if (typeof delta === 'string' && delta !== '') {
          timing.firstToken ??= performance.now();
          emit(thinking ? thinking.push(delta) : delta);
        }
        if (typeof choice?.finish_reason === 'string') {
          finish = choice.finish_reason;
          if (usage) break;
          // The answer is whole; the usage chunk that may follow is worth a short wait, not a stall.
          watchdog.reset(Math.min(USAGE_GRACE_MS, this.options.timeoutMs));
        }
      }
      // The SDK ends the loop quietly when its signal aborts: a stall must not read as the end of the reply.
      if (finish === undefined && watchdog.fired) throw new TimeoutError();
    } catch (error) {
      if (finish === undefined) throw watchdog.fired ? new TimeoutError() : error;
      // After the finish_reason the answer is whole: a stall or a broken chunk where usage was due
      // costs only the usage; the asker going away still ends the call.
      if (signal?.aborted) throw error;
    } finally {
      watchdog.stop();
    }
    if (thinking) emit(thinking.flush());
    checkFinish(finish);
    if (text.trim() === '') throw new MalformedReplyError('The stream ended without any text.');
    return { text, ...(usage ? { usage } : {}) };
  }
}

interface Timing {
  readonly started: number;
  firstToken?: number;
}

function measured(timing: Timing): { durationMs: number; firstTokenMs?: number } {
  return {
    durationMs: performance.now() - timing.started,
    ...(timing.firstToken !== undefined ? { firstTokenMs: timing.firstToken - timing.started } : {}),
  };
}

/** The `usage` of a reply or of a stream's last chunk, when the endpoint sent one. */
function usageOf(reply: unknown): TokenUsage | undefined {
  const usage = (reply as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; total_tokens?: unknown } | null } | null)?.usage;
  if (!usage || typeof usage.prompt_tokens !== 'number' || typeof usage.completion_tokens !== 'number') return undefined;
  const totalTokens = typeof usage.total_tokens === 'number' ? usage.total_tokens : usage.prompt_tokens + usage.completion_tokens;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens };
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Aborts when no progress was made for `ms`, or when the outer signal aborts. */
class Watchdog {
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  fired = false;

  constructor(
    readonly ms: number,
    outer: AbortSignal | undefined,
  ) {
    outer?.addEventListener('abort', () => this.#controller.abort(outer.reason), { once: true });
    this.reset();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Restarts the wait, for `ms` unless given. */
  reset(ms = this.ms): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.fired = true;
      this.#controller.abort();
    }, ms);
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}

function textOf(reply: unknown): string {
  const choice = (reply as { choices?: { message?: { content?: unknown }; finish_reason?: unknown }[] } | null)?.choices?.[0];
  checkFinish(typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined);
  const content = choice?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new MalformedReplyError('The reply has no message content.');
  return content;
}

function choiceOf(chunk: unknown): { delta?: { content?: unknown }; finish_reason?: unknown } | undefined {
  if (typeof chunk !== 'object' || chunk === null || !Array.isArray((chunk as { choices?: unknown }).choices)) {
    throw new MalformedReplyError('A stream chunk is not a chat completion chunk.');
  }
  return (chunk as { choices: { delta?: { content?: unknown }; finish_reason?: unknown }[] }).choices[0];
}

/** Throws unless `finish` ends a whole answer (see the module comment). */
function checkFinish(finish: string | undefined): void {
  if (finish === undefined) throw new IncompleteReplyError('incomplete');
  if (finish === 'length' || finish === 'content_filter') throw new IncompleteReplyError(finish);
}

/** Names why a model failed, without echoing anything the endpoint sent back. */
function classify(model: string, error: unknown, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError }: OpenAISdk): LlmFailure {
  if (error instanceof TimeoutError || error instanceof APIConnectionTimeoutError) return { model, reason: 'timeout', detail: 'no reply in time' };
  if (error instanceof APIError && !(error instanceof APIConnectionError) && !(error instanceof APIUserAbortError) && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) return { model, reason: 'rate_limited', detail: 'HTTP 429' };
    if (status >= 500) return { model, reason: 'server_error', detail: `HTTP ${status}` };
    return { model, reason: 'client_error', detail: `HTTP ${status}` };
  }
  if (error instanceof APIConnectionError) return { model, reason: 'connection', detail: 'connection failed' };
  if (error instanceof IncompleteReplyError) return { model, reason: error.reason, detail: error.message };
  return { model, reason: 'malformed', detail: (error as Error)?.name ?? 'unknown' };
}
