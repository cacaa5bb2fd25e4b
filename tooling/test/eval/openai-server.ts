/**
 * A local HTTP server speaking the OpenAI chat completions protocol (non-streaming), for tests of
 * code that drives the real `openai` client. `reply` decides the assistant text per request.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly { role: string; content: string }[];
  readonly authorization: string | undefined;
}

export interface FakeOpenAi {
  readonly baseUrl: string;
  readonly requests: ChatRequest[];
  close(): Promise<void>;
}

/** `reply` returns the assistant text, or a number to answer with that HTTP error status. */
export async function startFakeOpenAi(reply: (request: ChatRequest) => string | number): Promise<FakeOpenAi> {
  const requests: ChatRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as { model: string; messages: { role: string; content: string }[] };
    const request = { model: body.model, messages: body.messages, authorization: req.headers.authorization };
    requests.push(request);
    const answer = reply(request);
    if (typeof answer === 'number') {
      res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `status ${answer}`, type: 'server_error' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}
