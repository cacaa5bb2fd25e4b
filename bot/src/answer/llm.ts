/**
 * Talks to any OpenAI-compatible chat endpoint through the `openai` package, trying the configured
 * models in order: a timeout, a 5xx, a 429, a refused request or a malformed reply moves on to the
 * next model. When every model failed, the caller answers extractively (`degraded: true`).
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';

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
}

export type FailureReason = 'timeout' | 'rate_limited' | 'server_error' | 'client_error' | 'connection' | 'malformed';

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
  /** Told about each failed model; `next` is the model tried next, or undefined when none is left. */
  readonly onFailure?: (failure: LlmFailure, next: string | undefined) => void;
}

/** Every model failed. */
export class LlmUnavailableError extends Error {
  override name = 'LlmUnavailableError';
  constructor(readonly failures: readonly LlmFailure[]) {
    super(`No model answered: ${failures.map((f) => `${f.model} (${f.reason})`).join(', ')}.`);
  }
}

/** A reply that is not a usable chat completion. */
class MalformedReplyError extends Error {
  override name = 'MalformedReplyError';
}

export class LlmClient {
  readonly #client: OpenAI;

  constructor(readonly options: LlmOptions) {
    if (options.models.length === 0) throw new TypeError('Expected at least one model, got none');
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

  /** The answer text of the first model that gives one, and which model that was. */
  async complete(messages: ChatCompletionMessageParam[], options: CompleteOptions = {}): Promise<{ text: string; model: string }> {
    const failures: LlmFailure[] = [];
    for (const [i, model] of this.options.models.entries()) {
      let streamed = false;
      try {
        const text = options.onToken
          ? await this.#stream(model, messages, options.signal, (delta) => {
              streamed = true;
              options.onToken!(delta);
            })
          : await this.#once(model, messages, options.signal);
        return { text, model };
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const failure = classify(model, error);
        failures.push(failure);
        this.options.onFailure?.(failure);
        options.onFailure?.(failure, this.options.models[i + 1]);
        if (streamed) options.onReset?.();
      }
    }
    throw new LlmUnavailableError(failures);
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
    try {
      const stream = await this.#client.chat.completions.create({ model, messages, temperature: 0.2, stream: true }, { signal: watchdog.signal });
      for await (const chunk of stream as AsyncIterable<unknown>) {
        watchdog.reset();
        const delta = deltaOf(chunk);
        if (delta) {
          text += delta;
          onDelta(delta);
        }
      }
    } catch (error) {
      throw watchdog.fired ? new TimeoutError() : error;
    } finally {
      watchdog.stop();
    }
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
  const content = (reply as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new MalformedReplyError('The reply has no message content.');
  return content;
}

function deltaOf(chunk: unknown): string {
  if (typeof chunk !== 'object' || chunk === null || !Array.isArray((chunk as { choices?: unknown }).choices)) {
    throw new MalformedReplyError('A stream chunk is not a chat completion chunk.');
  }
  const content = (chunk as { choices: { delta?: { content?: unknown } }[] }).choices[0]?.delta?.content;
  return typeof content === 'string' ? content : '';
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
  return { model, reason: 'malformed', detail: (error as Error)?.name ?? 'unknown' };
}
