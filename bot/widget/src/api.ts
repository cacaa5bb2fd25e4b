/**
 * The widget's side of the chat API (bot/src/contract.ts): asks a question and reads the answer
 * as it streams, loads a thread, posts feedback. Everything that comes back is checked before the
 * element sees it: the network is not trusted.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { Citation, FeedbackRequest, QueryRequest, QueryResponse, ThreadResponse } from '../../src/contract.js';

export type { Citation, QueryResponse, ThreadResponse };

/** Why a request failed, as the widget shows it. */
export type ChatErrorKind = 'unreachable' | 'rate-limited' | 'rejected';

/** A failed request: `unreachable` (network or gateway), `rate-limited` (429) or `rejected` (the service said no). */
export class ChatError extends Error {
  override name = 'ChatError';
  constructor(
    readonly kind: ChatErrorKind,
    message: string,
    /** The service's `ATOMKIT_ERR_*` code, when it sent one. */
    readonly code?: string,
    /** Seconds until a rate-limited client may ask again. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export interface AskHandlers {
  /** A piece of the answer text as it is written. */
  onToken?(delta: string): void;
  /** Forget the text so far: another model (or extractive mode) answers instead. */
  onReset?(): void;
  /** The checked sources, sent once the text is complete. */
  onCitations?(citations: Citation[]): void;
}

/** Where the service lives: `endpoint` is its base URL (API paths are resolved against it). */
export interface ApiTarget {
  readonly endpoint: URL;
  readonly signal?: AbortSignal;
}

/**
 * Asks a question. Reads a Server-Sent Events stream when the service sends one (calling the
 * handlers as events arrive), else a JSON body; resolves with the complete, checked response.
 * Stream events (bot/src/routes/query.ts): `token {text}`, `reset {}`, `citations {citations}`,
 * `done <response>`, `error {error: {code, message}}`.
 *
 * @example await ask({ endpoint: new URL('http://127.0.0.1:4321/') }, { question: 'How do I lint?' })
 * //=> { answer: '...', citations: [...], threadId: '...', ... }
 */
export async function ask(target: ApiTarget, request: QueryRequest, handlers: AskHandlers = {}): Promise<QueryResponse> {
  const response = await send(new URL('api/query', target.endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream, application/json;q=0.9' },
    body: JSON.stringify(request),
    signal: target.signal ?? null,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !response.body) return checkQueryResponse(await readJson(response));
  return readStream(response.body, handlers);
}

/** The conversation so far, or undefined when the service no longer knows the thread. */
export async function loadThread(target: ApiTarget, threadId: string): Promise<ThreadResponse | undefined> {
  try {
    const response = await send(new URL(`api/threads/${encodeURIComponent(threadId)}`, target.endpoint), {
      headers: { accept: 'application/json' },
      signal: target.signal ?? null,
    });
    return checkThread(await readJson(response));
  } catch (error) {
    if (error instanceof ChatError && error.code === 'ATOMKIT_ERR_THREAD_NOT_FOUND') return undefined;
    throw error;
  }
}

/** Records a rating (and an optional comment) of one answer. */
export async function sendFeedback(target: ApiTarget, feedback: FeedbackRequest): Promise<void> {
  const response = await send(new URL('api/feedback', target.endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(feedback),
    signal: target.signal ?? null,
  });
  await readJson(response);
}

async function send(url: URL, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, credentials: 'omit', mode: 'cors' });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ChatError('unreachable', 'The service did not respond.');
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
  if (response.status === 429) {
    throw new ChatError('rate-limited', message, code, retryAfterSeconds(response.headers.get('retry-after')));
  }
  // A gateway or a server that is down answers without our error body: treat it as unreachable.
  if (response.status >= 500 && code === undefined) throw new ChatError('unreachable', message);
  throw new ChatError('rejected', message, code);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ChatError('unreachable', 'The service sent an unreadable reply.');
  }
}

async function readStream(body: ReadableStream<Uint8Array>, handlers: AskHandlers): Promise<QueryResponse> {
  // TypeScript's DOM types disagree on the decoder's chunk type; at runtime it is bytes in, text out.
  const text = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
  const events = text.pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { value: event, done } = await reader.read();
      if (done) break;
      switch (event.event) {
        case 'token': {
          const payload = parse(event.data);
          if (isRecord(payload) && typeof payload.text === 'string') handlers.onToken?.(payload.text);
          break;
        }
        case 'reset':
          handlers.onReset?.();
          break;
        case 'citations': {
          const payload = parse(event.data);
          handlers.onCitations?.(checkCitations(isRecord(payload) ? payload.citations : payload));
          break;
        }
        case 'done':
          return checkQueryResponse(parse(event.data));
        case 'error': {
          const payload = parse(event.data) as { error?: { code?: unknown; message?: unknown } } | undefined;
          const message = typeof payload?.error?.message === 'string' ? payload.error.message : 'The answer failed.';
          throw new ChatError('rejected', message, typeof payload?.error?.code === 'string' ? payload.error.code : undefined);
        }
        default:
          // Unknown events are for newer widgets; ignoring them keeps old ones working.
          break;
      }
    }
  } catch (error) {
    if (error instanceof ChatError || isAbort(error)) throw error;
    throw new ChatError('unreachable', 'The answer stream broke off.');
  } finally {
    reader.releaseLock();
  }
  throw new ChatError('unreachable', 'The answer stream ended before the answer was complete.');
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ChatError('unreachable', 'The service sent an unreadable event.');
  }
}

/**
 * Seconds from a `Retry-After` header (delay in seconds or an HTTP date); at least 1.
 *
 * @example retryAfterSeconds('30') //=> 30
 * @example retryAfterSeconds(null) //=> 60
 */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return 60;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? 60 : Math.max(1, Math.ceil((date - now) / 1000));
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const bool = (value: unknown): boolean => value === true;

/** Keeps only well-formed citations; a citation without a URL is not a link and is dropped. */
export function checkCitations(value: unknown): Citation[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((c, i): Citation[] => {
    if (typeof c.url !== 'string' || c.url === '' || typeof c.title !== 'string') return [];
    return [
      {
        n: typeof c.n === 'number' && Number.isInteger(c.n) && c.n > 0 ? c.n : i + 1,
        title: c.title,
        url: c.url,
        section: typeof c.section === 'string' ? c.section : null,
        snippet: str(c.snippet),
        atomId: str(c.atomId),
      },
    ];
  });
}

function checkQueryResponse(value: unknown): QueryResponse {
  if (!isRecord(value) || typeof value.answer !== 'string' || typeof value.threadId !== 'string' || typeof value.messageId !== 'string') {
    throw new ChatError('unreachable', 'The service sent an answer the widget cannot read.');
  }
  const support = isRecord(value.support) ? { contact: str(value.support.contact), suggestUrl: str(value.support.suggestUrl) } : undefined;
  return {
    answer: value.answer,
    citations: checkCitations(value.citations),
    answered: value.answered !== false,
    mode: value.mode === 'llm' ? 'llm' : 'extractive',
    model: typeof value.model === 'string' ? value.model : null,
    degraded: bool(value.degraded),
    language: str(value.language, 'en'),
    ...(support ? { support } : {}),
    threadId: value.threadId,
    messageId: value.messageId,
    cached: bool(value.cached),
    latencyMs: typeof value.latencyMs === 'number' ? value.latencyMs : 0,
  };
}

function checkThread(value: unknown): ThreadResponse {
  if (!isRecord(value) || typeof value.id !== 'string' || !Array.isArray(value.messages)) {
    throw new ChatError('unreachable', 'The service sent a conversation the widget cannot read.');
  }
  return {
    id: value.id,
    createdAt: str(value.createdAt),
    messages: value.messages.filter(isRecord).flatMap((m) => {
      if ((m.role !== 'user' && m.role !== 'assistant') || typeof m.content !== 'string' || typeof m.id !== 'string') return [];
      const base = { id: m.id, role: m.role, content: m.content, createdAt: str(m.createdAt) } as const;
      if (m.role === 'user') return [base];
      return [
        {
          ...base,
          citations: checkCitations(m.citations),
          mode: m.mode === 'llm' ? ('llm' as const) : ('extractive' as const),
          model: typeof m.model === 'string' ? m.model : null,
          answered: m.answered !== false,
          degraded: bool(m.degraded),
          cached: bool(m.cached),
        },
      ];
    }),
  };
}
