/**
 * A local HTTP server that speaks the OpenAI chat-completions protocol (JSON and streamed SSE),
 * so the chat service's real `openai` client code runs in tests. Each model name is scripted:
 * reply with text, fail with a status, hang, send garbage, or stop before the protocol says the
 * reply is complete.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behavior =
  | { kind: 'reply'; text: string }
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
  /** The whole text, ended by this `finish_reason` (null: a reply that never names one). */
  | { kind: 'finish'; text: string; reason: string | null };

export interface RecordedRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly messages: { role: string; content: string }[];
  readonly authorization: string | undefined;
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
    const body = JSON.parse(await readBody(req)) as { model: string; stream?: boolean; messages: { role: string; content: string }[] };
    requests.push({ model: body.model, stream: body.stream === true, messages: body.messages, authorization: req.headers.authorization });
    const behavior = behaviors.get(body.model) ?? { kind: 'status', status: 404 };
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
        const all = pieces(behavior.text);
        await writeChunks(res, body.model, behavior.kind === 'break-midway' ? all.slice(0, Math.ceil(all.length / 2)) : all);
        if (behavior.kind === 'break-midway') {
          res.end('data: {"broken\n\n');
          return;
        }
        if (reason !== null) res.write(`data: ${JSON.stringify({ ...chunk(body.model, {}), choices: [{ index: 0, delta: {}, finish_reason: reason }] })}\n\n`);
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

function completion(model: string, text: string, reason: string | null) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: reason }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function chunk(model: string, delta: Record<string, string>) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: null }] };
}

/** The text in the pieces a model streams. */
function pieces(text: string): string[] {
  return text.match(/.{1,7}/gs) ?? [];
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
