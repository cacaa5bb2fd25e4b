/**
 * The studio's HTTP app: `buildStudioApp(options)` (no port, so tests use `inject()`), a JSON API
 * under `/api/` and the prebuilt browser client. Every request must name this machine as its host
 * (a page elsewhere cannot reach the studio by rebinding its DNS name), and every state-changing
 * request must carry the session token the page was served with (no other site can post here).
 */
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { AtomkitConfig } from '../../config/load.js';
import { StudioApiError, toStudioError } from './errors.js';
import { LiveLinter } from './live-lint.js';
import { atomRoutes } from './routes/atoms.js';
import { changeRoutes } from './routes/changes.js';
import { clientRoutes } from './routes/client.js';
import { interviewRoutes } from './routes/interviews.js';
import { reviewRoutes } from './routes/review.js';
import { sessionRoutes } from './routes/session.js';
import { signalRoutes } from './routes/signals.js';

export interface StudioAppOptions {
  readonly config: AtomkitConfig;
  /** The per-session secret state-changing requests must send in `x-atomkit-token`. */
  readonly token: string;
  /** The prebuilt client (`buildStudioClient`). */
  readonly clientDir: string;
  /** Overrides today's date for new atoms, YYYY-MM-DD (tests). */
  readonly today?: string;
  /** Overrides git's user.name for new atoms (tests). */
  readonly author?: string;
  /** The model endpoint's key, read by the CLI from the variable `bot.llm.apiKeyEnv` names. */
  readonly apiKey?: string;
}

/** What every route plugin gets. */
export interface StudioContext {
  readonly config: AtomkitConfig;
  readonly linter: LiveLinter;
  readonly today?: string;
  readonly author?: string;
  readonly apiKey?: string;
}

/** Header that carries the session token. */
export const TOKEN_HEADER = 'x-atomkit-token';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function buildStudioApp(options: StudioAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // An atom is at most lint.maxFileBytes (1 MiB by default); its JSON envelope a little more.
    bodyLimit: options.config.lint.maxFileBytes * 2 + 64 * 1024,
    frameworkErrors: (error, _request, reply) => {
      const response = toStudioError(error);
      void (reply as FastifyReply).code(response.status).send(response.body);
    },
  });
  // Only JSON bodies: a plain-text POST is a request another site could send without a preflight.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, _request, reply) => {
    const response = toStudioError(error);
    if (response.internal) console.error('[atomkit-studio]', error);
    return reply.code(response.status).send(response.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(toStudioError(new StudioApiError('ATOMKIT_ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}.`)).body),
  );
  const expected = Buffer.from(options.token);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (!LOCAL_HOSTS.has(host)) throw new StudioApiError('ATOMKIT_ERR_FORBIDDEN', 'The studio only answers requests addressed to this machine (127.0.0.1 or localhost).');
    if (SAFE_METHODS.has(request.method)) return;
    const given = Buffer.from(String(request.headers[TOKEN_HEADER] ?? ''));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new StudioApiError('ATOMKIT_ERR_FORBIDDEN', `This request changes files and needs the session token (header ${TOKEN_HEADER}); reload the studio page.`);
    }
  });
  const linter = new LiveLinter(options.config);
  linter.watch();
  // Read the corpus and lint one atom now, not on the first page load: its parse, the rules and
  // the completion lists are ready (compiled, cached) before anyone asks.
  linter.warmUp();
  app.addHook('onClose', async () => linter.close());
  const context: StudioContext = { config: options.config, linter, ...(options.today ? { today: options.today } : {}), ...(options.author ? { author: options.author } : {}), ...(options.apiKey ? { apiKey: options.apiKey } : {}) };
  await app.register(sessionRoutes, context);
  await app.register(interviewRoutes, context);
  await app.register(atomRoutes, context);
  await app.register(reviewRoutes, context);
  await app.register(signalRoutes, context);
  await app.register(changeRoutes, context);
  await app.register(clientRoutes, { token: options.token, clientDir: options.clientDir });
  return app;
}

