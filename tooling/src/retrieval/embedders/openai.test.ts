import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config/load.js';
import { EmbedderUnavailableError } from './embedder.js';
import { loadOpenAiEmbedder } from './openai.js';

/** A local server speaking the OpenAI embeddings protocol: hashed bag-of-words vectors. */
let server: Server;
let baseUrl: string;
let requests: { input: string[]; auth: string | undefined }[];
let failNext: number[];

function vector(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
    let h = 0;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    v[h % 16]! += 2;
  }
  return v;
}

beforeEach(async () => {
  requests = [];
  failNext = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const status = failNext.shift();
      if (status) {
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '10' });
        res.end(JSON.stringify({ error: { message: 'try again', type: 'server_error' } }));
        return;
      }
      const { input, model } = JSON.parse(body) as { input: string[]; model: string };
      requests.push({ input, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' });
      // Out of order on purpose: the client must place vectors by `index`.
      const data = input.map((text, index) => ({ object: 'embedding', index, embedding: vector(text) })).reverse();
      res.end(JSON.stringify({ object: 'list', model, data, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = (batchSize = 2) => {
  const base = loadConfig({ cwd: '/nonexistent-atomkit-test', env: {} });
  return { ...base, index: { ...base.index, embedder: { ...base.index.embedder, provider: 'openai' as const, model: 'text-embedding-3-small', baseUrl, batchSize } } };
};

describe('openai embedder', () => {
  test('embeds in batches with the key from the configured variable, in input order, normalized', async () => {
    const embedder = await loadOpenAiEmbedder(config(2), { env: { OPENAI_API_KEY: 'sk-test' } });
    expect(embedder).toMatchObject({ provider: 'openai', dims: 16, key: `openai:${baseUrl}:text-embedding-3-small` });
    const texts = ['backup restore', 'queue worker', 'backup restore database', 'tokens', 'cache'];
    const vectors = await embedder.embed(texts);
    expect(requests.slice(1).map((r) => r.input.length)).toEqual([2, 2, 1]);
    expect(requests.every((r) => r.auth === 'Bearer sk-test')).toBe(true);
    const norm = Math.hypot(...vectors[0]!);
    expect(norm).toBeCloseTo(1, 5);
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(vectors[0]!, vectors[2]!)).toBeGreaterThan(cos(vectors[0]!, vectors[1]!));
  });

  test('retries a failed request with backoff and then succeeds', async () => {
    const embedder = await loadOpenAiEmbedder(config(8), { env: { OPENAI_API_KEY: 'k' }, maxRetries: 3 });
    failNext = [503, 429];
    const [v] = await embedder.embed(['hello world']);
    expect(v).toHaveLength(16);
    expect(requests).toHaveLength(2);
  });

  test('an endpoint that keeps failing makes the embedder unavailable, with what was tried', async () => {
    failNext = [500, 500, 500];
    const error = await loadOpenAiEmbedder(config(), { env: { OPENAI_API_KEY: 'k' }, maxRetries: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbedderUnavailableError);
    expect((error as Error).message).toContain(baseUrl);
    expect((error as Error).message).toContain('text-embedding-3-small');
  });
});
