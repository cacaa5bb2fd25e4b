/** `GET /api/threads/:id`: a conversation so far, oldest message first. */
import type { FastifyPluginAsync } from 'fastify';
import { threadParamsSchema, threadResponseSchema } from '../contract.js';
import { ApiError } from '../errors.js';
import type { ZodTypeProvider } from '../http/zod.js';
import type { ThreadStore } from '../store/threads.js';

export const threadRoutes: FastifyPluginAsync<{ threads: ThreadStore }> = async (app, { threads }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/threads/:id',
    { schema: { params: threadParamsSchema, response: { 200: threadResponseSchema } } },
    async (request) => {
      const thread = threads.get(request.params.id);
      if (!thread) throw new ApiError('ATOMKIT_ERR_THREAD_NOT_FOUND', 'No conversation has this thread id.');
      return thread;
    },
  );
};
