/**
 * `POST /mcp`: the MCP server over Streamable HTTP, stateless (each request gets its own server,
 * so any replica can answer it) and answering with plain JSON rather than an event stream. Fastify
 * still owns the request: body limit, JSON-only rule, rate limit, CORS and security headers apply
 * as to the chat API.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyPluginAsync } from 'fastify';
import type { BotMetrics } from '../metrics.js';
import { MCP_PATH } from './optional.js';
import { connectMcpServer } from './server.js';
import { createTools, type ToolDeps } from './tools.js';

/** Request headers that describe the body Fastify already read, not the one handed on. */
const BODY_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

export interface McpRouteOptions extends Omit<ToolDeps, 'onInternalError'> {
  readonly metrics: BotMetrics;
}

export const mcpRoutes: FastifyPluginAsync<McpRouteOptions> = async (app, options) => {
  const tools = createTools({ ...options, onInternalError: (error) => app.log.error({ err: error }, 'MCP tool call failed') });
  const deps = { answerer: options.answerer, catalog: options.catalog, metrics: options.metrics, tools };
  // The body goes to the SDK as text, so malformed JSON gets a JSON-RPC parse error like any other
  // protocol mistake; other media types still get the API's 415.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.post(MCP_PATH, async (request, reply) => {
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const server = await connectMcpServer(transport, deps);
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && !BODY_HEADERS.has(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await transport.handleRequest(
        new Request(new URL(request.url, 'http://localhost'), { method: 'POST', headers, body: typeof request.body === 'string' ? request.body : '' }),
      );
      reply.code(response.status);
      response.headers.forEach((value, name) => void reply.header(name, value));
      return reply.send(await response.text());
    } finally {
      await server.close();
    }
  });
};
