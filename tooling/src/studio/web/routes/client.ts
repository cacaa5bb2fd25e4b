/**
 * The browser client, built ahead of time by `buildStudioClient` (npm run build:studio): `/` is
 * its page with the session token in a meta tag, `/assets/*` its scripts and stylesheet. Asset
 * names carry a hash of their content, so browsers keep them without asking again, and each is
 * sent in the brotli or gzip form the build wrote beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** The placeholder in the built index.html that the session token replaces. */
export const TOKEN_PLACEHOLDER = '%ATOMKIT_STUDIO_TOKEN%';

/** Pages may run the studio's own script only, talk to this origin only, and be framed by nobody. */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // CodeMirror styles its editor through <style> elements it creates.
  "style-src 'self' 'unsafe-inline'",
  // Previewed atoms may show images from anywhere, as on the site.
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const clientRoutes: FastifyPluginAsync<{ token: string; clientDir: string }> = async (app, { token, clientDir }) => {
  const indexFile = path.join(clientDir, 'index.html');
  const page = existsSync(indexFile) ? readFileSync(indexFile, 'utf8').replace(TOKEN_PLACEHOLDER, token) : undefined;
  app.get('/', async (_request, reply) => {
    if (!page) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The studio's browser client is not built (${indexFile} is missing). In a checkout of atomkit, run \`npm run build:studio\`.`);
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_POLICY).send(page);
  });
  if (existsSync(clientDir)) {
    await app.register(fastifyStatic, {
      root: path.join(clientDir, 'assets'),
      prefix: '/assets/',
      index: false,
      wildcard: true,
      preCompressed: true,
      cacheControl: true,
      maxAge: '365d',
      immutable: true,
    });
  }
};
