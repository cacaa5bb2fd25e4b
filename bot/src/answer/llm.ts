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
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { Cooldown } from './cooldown.js';

export interface LlmOptions {
  readonly baseUrl: string;
  /** Sent as the bearer token; local servers (Ollama, llama.cpp) accept any. */
  readonly apiKey: string | undefined;
  /** Tried in order. */
  readonly models: readonly string[];
  /** Per model: the longest wait for the first token and between two tokens. */
  readonly timeoutMs: number;
  /** Told about every failed attempt (for metrics and the log). */
  readonly onFailure?: (failure: LlmFailure) => void;
  /** How long a model that failed (hung, broke off, 5xx, 429) is skipped, in milliseconds; 0 never skips. @default 0 */
  readonly cooldownMs?: number;
  /** The clock of the cool-down. @default Date.now */
  readonly now?: () => number;
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

export class LlmClient {
  readonly #client: OpenAI;
  readonly #cooldown: Cooldown;

  constructor(readonly options: LlmOptions) {
    if (options.models.length === 0) throw new TypeError('Expected at least one model, got none');
    this.#cooldown = new Cooldown(options.cooldownMs ?? 0, options.now);
    this.#client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey ?? 'not-needed',
      // Fallback to the next model is the retry; retrying a dead model only adds latency.
      maxRetries: 0,
      timeout: options.timeoutMs,
    });
  }

  get models(): readonly string[] {
    return this.options.models;
  }

  /** The models skipped now because they failed less than `cooldownMs` ago. */
  coolingDown(): string[] {
    return this.#cooldown.coolingDown();
  }

  /** The answer text of the first model that gives a complete one, and which model that was. */
  async complete(messages: ChatCompletionMessageParam[], options: CompleteOptions = {}): Promise<{ text: string; model: string }> {
    const failures: LlmFailure[] = [];
    const skipped: string[] = [];
    for (const [i, model] of this.options.models.entries()) {
      if (!this.#cooldown.admit(model)) {
        skipped.push(model);
        options.onSkip?.(model, this.options.models[i + 1]);
        continue;
      }
      let streamed = false;
      try {
        const text = options.onToken
          ? await this.#stream(model, messages, options.signal, (delta) => {
              streamed = true;
              options.onToken!(delta);
            })
          : await this.#once(model, messages, options.signal);
        this.#cooldown.succeeded(model);
        return { text, model };
      } catch (error) {
        if (options.signal?.aborted) {
          this.#cooldown.abandoned(model);
          throw error;
        }
        const failure = classify(model, error);
        this.#cooldown.failed(model, failure.reason);
        failures.push(failure);
        this.options.onFailure?.(failure);
        options.onFailure?.(failure, this.options.models[i + 1]);
        if (streamed) options.onReset?.();
      }
    }
    throw new LlmUnavailableError(failures, skipped);
  }

  async #once(model: string, messages: ChatCompletionMessageParam[], signal: AbortSignal | undefined): Promise<string> {
    const watchdog = new Watchdog(this.options.timeoutMs, signal);
    try {
      const reply = (await this.#client.chat.completions.create({ model, messages, temperature: 0.2 }, { signal: watchdog.signal })) as unknown;
      return textOf(reply);
    } catch (error) {
      throw watchdog.fired ? new TimeoutError() : error;
    } finally {
      watchdog.stop();
    }
  }

  async #stream(model: string, messages: ChatCompletionMessageParam[], signal: AbortSignal | undefined, onDelta: (text: string) => void): Promise<string> {
    const watchdog = new Watchdog(this.options.timeoutMs, signal);
    let text = '';
    let finish: string | undefined;
    try {
      const stream = await this.#client.chat.completions.create({ model, messages, temperature: 0.2, stream: true }, { signal: watchdog.signal });
      for await (const chunk of stream as AsyncIterable<unknown>) {
        watchdog.reset();
        const choice = choiceOf(chunk);
        const delta = choice?.delta?.content;
        if (typeof delta === 'string' && delta !== '') {
          text += delta;
          onDelta(delta);
        }
        if (typeof choice?.finish_reason === 'string') {
          // The answer is complete; whatever follows (usage, [DONE]) is not worth a stall.
          finish = choice.finish_reason;
          break;
        }
      }
      // The SDK ends the loop quietly when its signal aborts: a stall must not read as the end of the reply.
      if (finish === undefined && watchdog.fired) throw new TimeoutError();
    } catch (error) {
      throw watchdog.fired ? new TimeoutError() : error;
    } finally {
      watchdog.stop();
    }
    checkFinish(finish);
    if (text.trim() === '') throw new MalformedReplyError('The stream ended without any text.');
    return text;
  }
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

  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.fired = true;
      this.#controller.abort();
    }, this.ms);
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
export function classify(model: string, error: unknown): LlmFailure {
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
