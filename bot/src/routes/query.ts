/**
 * `POST /api/query`: one question, answered as JSON or, with `Accept: text/event-stream`, as
 * server-sent events (protocol in bot/README.md):
 *
 * - `token`     `{"text": "..."}`      a piece of the answer's Markdown, in order;
 * - `reset`     `{}`                   discard the tokens so far (a fallback model or extractive mode answers instead);
 * - `citations` `{"citations": [...]}` the checked citations, once the text is complete;
 * - `done`      the full response, exactly the JSON body of a non-streamed request;
 * - `error`     `{"error": {"code", "message"}}` the answer failed after the stream started.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Answerer } from '../answer/answerer.js';
import { queryRequestSchema, queryResponseSchema, type QueryResponse } from '../contract.js';
import { ApiError, toErrorResponse } from '../errors.js';
import { openEventStream, wantsEventStream } from '../http/sse.js';
import type { ZodTypeProvider } from '../http/zod.js';

export interface QueryRouteOptions {
  readonly answerer: Answerer;
  readonly maxQuestionChars: number;
}

export const queryRoutes: FastifyPluginAsync<QueryRouteOptions> = async (app, { answerer, maxQuestionChars }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/query',
    { schema: { body: queryRequestSchema(maxQuestionChars), response: { 200: queryResponseSchema } } },
    async (request, reply) => {
      const body = request.body;
      if (!wantsEventStream(request.headers.accept)) return answerer.answer(body);
      // Checked before the stream opens, so an unknown thread is a plain 404.
      if (body.threadId !== undefined && !(await answerer.threadExists(body.threadId))) {
        throw new ApiError('ATOMKIT_ERR_THREAD_NOT_FOUND', 'No conversation has this thread id; omit `threadId` to start a new one.');
      }
      const events = openEventStream(reply);
      void (async () => {
        try {
          const response: QueryResponse = await answerer.answer(
            body,
            { token: (text) => events.send('token', { text }), reset: () => events.send('reset', {}) },
            events.signal,
          );
          events.send('citations', { citations: response.citations });
          events.send('done', queryResponseSchema.parse(response));
        } catch (error) {
          const { body: errorBody, internal } = toErrorResponse(error);
          if (internal && !events.signal.aborted) request.log.error({ err: error }, 'streamed answer failed');
          events.send('error', errorBody);
        } finally {
          events.close();
        }
      })();
      return reply;
    },
  );
};
