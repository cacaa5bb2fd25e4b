/**
 * Builds the chat service's Fastify app without listening (server.ts listens), so tests and
 * benchmarks can start it on any port, or drive it with `inject()`.
 *
 * @example
 * const app = await buildApp({ retriever, store, settings, ... });
 * await app.listen({ port: 0, host: '127.0.0.1' });
 */
import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import cors from '@fastify/cors';
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { Retriever } from '../../tooling/src/retrieval/api.js';
import { Answerer, type AnswerSettings } from './answer/answerer.js';
import type { LlmClient } from './answer/llm.js';
import { ApiError, toErrorResponse } from './errors.js';
import { defaultPolicy, frameAncestorSources, RESOURCE_POLICY, staticPolicy } from './http/security-headers.js';
import { useZod } from './http/zod.js';
import type { AtomCatalog } from './mcp/catalog.js';
import { MCP_PATH, mcpRoutesOrMissing } from './mcp/optional.js';
import { createMetrics, serviceMetricsOptions, type BotMetrics } from './metrics.js';
import { feedbackRoutes } from './routes/feedback.js';
import { healthRoutes } from './routes/health.js';
import { queryRoutes } from './routes/query.js';
import { threadRoutes } from './routes/threads.js';
import type { Store } from './store/store.js';

export interface BuildAppOptions {
  readonly retriever: Retriever;
  readonly store: Store;
  /** Answers extractively when undefined. */
  readonly llm?: LlmClient | undefined;
  readonly settings: AnswerSettings;
  /** Questions longer than this are refused (400). */
  readonly maxQuestionChars: number;
  /** Origins allowed to call the API from a browser; empty: no cross-origin access. */
  readonly corsOrigins: readonly string[];
  /** Per-IP limit; `false` turns it off (benchmarks). */
  readonly rateLimit: { readonly max: number; readonly windowMs: number } | false;
  /** Where the counters live (the `store` class of @fastify/rate-limit); default: this process's memory. */
  readonly rateLimitStore?: RateLimitPluginOptions['store'];
  /** Reverse proxies whose `X-Forwarded-For` names the client (Fastify's `trustProxy`). @default [] */
  readonly trustProxy?: readonly string[];
  /** Largest accepted request body in bytes. @default 65536 */
  readonly bodyLimit?: number;
  /** A built site folder (site/dist) served from `/`, so site and API share one origin. */
  readonly siteDir?: string | undefined;
  /** The built chat widget script, served at `/widget/atom-chat.js` when the file exists. */
  readonly widgetFile?: string | undefined;
  readonly metrics?: BotMetrics;
  /** What `GET /metrics` serves. @default this app's registry */
  readonly metricsText?: () => Promise<string>;
  readonly logger?: FastifyServerOptions['logger'];
  /**
   * Serve the MCP server at `/mcp`: the atoms it reads and lists, and the site origin its URLs are on.
   * Without its optional SDK, `/mcp` answers 501 with the package to install.
   */
  readonly mcp?: { readonly catalog: AtomCatalog; readonly siteUrl: string } | undefined;
}

/** Every API route and its methods (HEAD comes with GET). */
const API_ROUTES: readonly (readonly [string, readonly string[]])[] = [
  ['/api/query', ['POST']],
  ['/api/threads/:id', ['GET']],
  ['/api/feedback', ['POST']],
  ['/healthz', ['GET']],
  ['/metrics', ['GET']],
];

/** Where pages load the widget from; the site embeds this path. */
export const WIDGET_PATH = '/widget/atom-chat.js';

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const apiRoutes = options.mcp ? [...API_ROUTES, [MCP_PATH, ['POST']] as const] : API_ROUTES;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    ...(options.trustProxy && options.trustProxy.length > 0 ? { trustProxy: [...options.trustProxy] } : {}),
    // Request logs would repeat every question; failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
    // Router failures (bad URL encoding, an over-long parameter) skip the error handler: same format.
    frameworkErrors: (error, _request, reply) => {
      const response = toErrorResponse(error);
      void (reply as FastifyReply).code(response.status).send(response.body);
    },
    // Malformed HTTP (e.g. a header with a raw newline) never reaches a route: answer in our format.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify({ error: { code: 'ATOMKIT_ERR_INVALID_REQUEST', message: 'The HTTP request is malformed.' } });
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      void error;
    },
  });
  const metrics = options.metrics ?? createMetrics(serviceMetricsOptions(options.retriever, options.llm));
  useZod(app);

  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error);
    if (response.internal) request.log.error({ err: error }, 'request failed');
    return reply.code(response.status).headers(response.headers).send(response.body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.siteDir && request.method === 'GET' && !request.url.startsWith('/api/') && existsSync(path.join(options.siteDir, '404.html'))) {
      return reply.code(404).type('text/html; charset=utf-8').sendFile('404.html');
    }
    const error = new ApiError('ATOMKIT_ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}.`);
    return reply.code(404).send(toErrorResponse(error).body);
  });

  // Only JSON bodies: a form or plain-text POST is a "simple request" another site can send without
  // a CORS preflight, so neither format is parsed (415).
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  app.addHook('onSend', defaultPolicy);
  // Node closes the socket of a CONNECT request unless someone listens; it is no route here.
  app.server.on('connect', refuseConnect);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'not_found';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  await app.register(cors, {
    origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'mcp-protocol-version'],
    maxAge: 600,
  });
  if (options.rateLimit) {
    await app.register(rateLimit, {
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.windowMs,
      // A shared counter store that cannot be reached suspends the limit rather than failing every request.
      ...(options.rateLimitStore ? { store: options.rateLimitStore, skipOnError: true } : {}),
      // Only the API is limited: a page load fetches many site assets, and probes must get through.
      allowList: (request) => !request.url.startsWith('/api/') && request.url.split('?')[0] !== MCP_PATH,
      errorResponseBuilder: (_request, context) =>
        new ApiError('ATOMKIT_ERR_RATE_LIMITED', `Too many requests; retry in ${context.after}.`, { 'retry-after': String(Math.ceil(context.ttl / 1000)) }),
    });
  }

  const answerer = new Answerer({
    retriever: options.retriever,
    store: options.store,
    metrics,
    llm: options.llm,
    settings: options.settings,
  });
  await app.register(queryRoutes, { answerer, maxQuestionChars: options.maxQuestionChars });
  if (options.mcp) {
    const mcp = await mcpRoutesOrMissing();
    if ('routes' in mcp) await app.register(mcp.routes, { answerer, metrics, maxQuestionChars: options.maxQuestionChars, ...options.mcp });
    else {
      app.post(MCP_PATH, async () => {
        throw new ApiError('ATOMKIT_ERR_MCP_UNAVAILABLE', mcp.missing);
      });
    }
  }
  await app.register(threadRoutes, { threads: options.store.threads });
  await app.register(feedbackRoutes, { feedback: options.store.feedback, metrics });
  await app.register(healthRoutes, {
    retriever: options.retriever,
    store: options.store,
    models: options.llm?.models ?? [],
    contentType: metrics.registry.contentType,
    metricsText: options.metricsText ?? (() => metrics.registry.metrics()),
  });

  // The API's routes answer other methods with 405 and an `Allow` header rather than a bare 404.
  for (const [url, allowed] of apiRoutes) {
    const others = (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const).filter((method) => !allowed.includes(method));
    app.route({
      method: [...others],
      url,
      handler: async () => {
        throw new ApiError('ATOMKIT_ERR_METHOD_NOT_ALLOWED', `Use ${allowed.join(' or ')} for ${url}.`, { allow: allowed.join(', ') });
      },
    });
  }

  if (options.widgetFile) {
    const widgetFile = options.widgetFile;
    app.get(WIDGET_PATH, async (_request, reply) => {
      if (!existsSync(widgetFile)) throw new ApiError('ATOMKIT_ERR_NOT_FOUND', 'The chat widget has not been built.');
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(createReadStream(widgetFile));
    });
  }
  if (options.siteDir) {
    await app.register(fastifyStatic, {
      root: path.resolve(options.siteDir),
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      setHeaders: staticPolicy(frameAncestorSources(options.corsOrigins)),
    });
  }
  return app;
}

/** Answers a CONNECT (this is no proxy) with a 405 in the API's error format, then closes. */
function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  const body = JSON.stringify(toErrorResponse(new ApiError('ATOMKIT_ERR_METHOD_NOT_ALLOWED', 'CONNECT is not supported; this server is not a proxy.')).body);
  socket.end(
    [
      'HTTP/1.1 405 Method Not Allowed',
      'Allow: GET, HEAD, POST, OPTIONS',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'X-Content-Type-Options: nosniff',
      `Content-Security-Policy: ${RESOURCE_POLICY}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
