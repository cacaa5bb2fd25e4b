/**
 * A local HTTP server that speaks the OpenAI chat-completions protocol (JSON and streamed SSE),
 * so the chat service's real `openai` client code runs in tests. Each model name is scripted:
 * reply with text, fail with a status, hang, send garbage, or stop before the protocol says the
 * reply is complete; refuse parameters as OpenAI's reasoning models do, think aloud before the
 * answer, or require a server-specific request field. A stream asked for usage
 * (`stream_options.include_usage`) ends with a usage chunk, as OpenAI's does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behavior =
  /** The text, streamed in pieces of `pieceChars` characters. @default 7 */
  | { kind: 'reply'; text: string; pieceChars?: number }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  /** Streams the first half of the text, then breaks the stream with a bad chunk. */
  | { kind: 'break-midway'; text: string }
  /**
   * Streams the first `chunks` pieces of the text, then sends nothing more and keeps the connection
   * open (a JSON reply: the first half of the body, then silence).
   */
  | { kind: 'stall'; text: string; chunks: number }
  /**
   * Streams the first `chunks` pieces of the text, then ends the response with no `finish_reason`
   * and no `[DONE]` (a JSON reply: the first half of the body, then the end).
   */
  | { kind: 'close-early'; text: string; chunks: number }
  /** Streams the whole text and its `finish_reason`, then sends nothing more (no usage, no `[DONE]`) and keeps the connection open. */
  | { kind: 'stall-after-finish'; text: string }
  /** The whole text, ended by this `finish_reason` (null: a reply that never names one). */
  | { kind: 'finish'; text: string; reason: string | null }
  /**
   * An OpenAI reasoning model: a 400 for any `temperature` but 1 and for `max_tokens`, worded as
   * OpenAI words them; otherwise the text.
   */
  | { kind: 'reasoning'; text: string }
  /** Writes `<think>thinking</think>` before the text (streamed in 3-character pieces, which split the tags). */
  | { kind: 'think'; thinking: string; text: string }
  /** A 400 unless the request has `field` with this value (JSON-equal); otherwise the text. */
  | { kind: 'requires-field'; field: string; value: unknown; text: string };

/** The usage every reply reports: a reply's in its body, a stream's in its last chunk when asked for. */
export const USAGE = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } as const;

export interface RecordedRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly messages: { role: string; content: string }[];
  readonly authorization: string | undefined;
  /** The whole request body. */
  readonly body: Record<string, unknown>;
}

export interface FakeOpenAi {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  behave(model: string, behavior: Behavior): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const behaviors = new Map<string, Behavior>();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<() => void>();
  /** Sends nothing more; released when the client gives up or the server closes. */
  const hang = (req: IncomingMessage) =>
    new Promise<void>((resolve) => {
      hanging.add(resolve);
      req.on('close', resolve);
    });
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as {
      model: string;
      stream?: boolean;
      messages: { role: string; content: string }[];
      stream_options?: { include_usage?: boolean };
    } & Record<string, unknown>;
    requests.push({ model: body.model, stream: body.stream === true, messages: body.messages, authorization: req.headers.authorization, body });
    const scripted = behaviors.get(body.model) ?? { kind: 'status', status: 404 };
    const refusal = refusalOf(scripted, body);
    if (refusal) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: refusal }));
      return;
    }
    const behavior = asReply(scripted);
    const withUsage = body.stream_options?.include_usage === true;
    switch (behavior.kind) {
      case 'status':
        res.writeHead(behavior.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `scripted ${behavior.status}`, type: 'server_error' } }));
        return;
      case 'hang':
        await hang(req);
        res.destroy();
        return;
      case 'stall':
      case 'close-early': {
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
          await writeChunks(res, body.model, pieces(behavior.text).slice(0, behavior.chunks));
        } else {
          const json = JSON.stringify(completion(body.model, behavior.text, 'stop'));
          res.writeHead(200, { 'content-type': 'application/json' }).write(json.slice(0, json.length / 2));
        }
        if (behavior.kind === 'close-early') {
          res.end();
          return;
        }
        await hang(req);
        res.destroy();
        return;
      }
      case 'stall-after-finish':
        if (!body.stream) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(body.model, behavior.text, 'stop')));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        await writeChunks(res, body.model, pieces(behavior.text));
        res.write(`data: ${JSON.stringify({ ...chunk(body.model, {}), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        await hang(req);
        res.destroy();
        return;
      case 'garbage':
        if (body.stream) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end('data: {"this is": not json\n\n');
        } else {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "x", "choices": "nope"');
        }
        return;
      case 'reply':
      case 'finish':
      case 'break-midway': {
        const reason = behavior.kind === 'finish' ? behavior.reason : 'stop';
        if (!body.stream) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(body.model, behavior.text, reason)));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const all = pieces(behavior.text, behavior.kind === 'reply' ? behavior.pieceChars : undefined);
        await writeChunks(res, body.model, behavior.kind === 'break-midway' ? all.slice(0, Math.ceil(all.length / 2)) : all);
        if (behavior.kind === 'break-midway') {
          res.end('data: {"broken\n\n');
          return;
        }
        if (reason !== null) res.write(`data: ${JSON.stringify({ ...chunk(body.model, {}), choices: [{ index: 0, delta: {}, finish_reason: reason }] })}\n\n`);
        if (withUsage) res.write(`data: ${JSON.stringify({ ...chunk(body.model, {}), choices: [], usage: USAGE })}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    behave: (model, behavior) => void behaviors.set(model, behavior),
    async close() {
      for (const release of hanging) release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type ReplyBehavior = Exclude<Behavior, { kind: 'reasoning' | 'think' | 'requires-field' }>;

/** The error body a request gets instead of a reply, as OpenAI's API words it. */
function refusalOf(behavior: Behavior, body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (behavior.kind === 'reasoning') {
    if ('temperature' in body && body.temperature !== 1) {
      return {
        message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
        type: 'invalid_request_error',
        param: 'temperature',
        code: 'unsupported_value',
      };
    }
    if ('max_tokens' in body) {
      return {
        message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        type: 'invalid_request_error',
        param: 'max_tokens',
        code: 'unsupported_parameter',
      };
    }
  }
  if (behavior.kind === 'requires-field' && JSON.stringify(body[behavior.field]) !== JSON.stringify(behavior.value)) {
    return { message: `This server needs \`${behavior.field}\`.`, type: 'invalid_request_error', param: null, code: null };
  }
  return undefined;
}

/** What a behaviour that accepted the request replies. */
function asReply(behavior: Behavior): ReplyBehavior {
  if (behavior.kind === 'reasoning' || behavior.kind === 'requires-field') return { kind: 'reply', text: behavior.text };
  if (behavior.kind === 'think') return { kind: 'reply', text: `<think>${behavior.thinking}</think>\n\n${behavior.text}`, pieceChars: 3 };
  return behavior;
}

function completion(model: string, text: string, reason: string | null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: reason }],
    usage: USAGE,
  };
}

function chunk(model: string, delta: Record<string, string>) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: null }] };
}

/** The text in the pieces a model streams. */
function pieces(text: string, size = 7): string[] {
  return text.match(new RegExp(`.{1,${size}}`, 'gs')) ?? [];
}

async function writeChunks(res: ServerResponse, model: string, texts: readonly string[]): Promise<void> {
  for (const [i, piece] of texts.entries()) {
    res.write(`data: ${JSON.stringify(chunk(model, i === 0 ? { role: 'assistant', content: piece } : { content: piece }))}\n\n`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
