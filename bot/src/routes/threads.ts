/** `GET /api/threads/:id`: a conversation so far, oldest message first. */
import type { FastifyPluginAsync } from 'fastify';
import { threadParamsSchema, threadResponseSchema } from '../contract.js';
import { ApiError } from '../errors.js';
import type { ZodTypeProvider } from '../http/zod.js';
import { StoreUnavailableError, type ThreadRepository } from '../store/store.js';

export const threadRoutes: FastifyPluginAsync<{ threads: ThreadRepository }> = async (app, { threads }) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/threads/:id',
    { schema: { params: threadParamsSchema, response: { 200: threadResponseSchema } } },
    async (request) => {
      const thread = await threads.get(request.params.id).catch((error: unknown) => {
        if (error instanceof StoreUnavailableError) throw new ApiError('ATOMKIT_ERR_STORE_UNAVAILABLE', 'The conversation store cannot be reached. Retry later.', { 'retry-after': '5' });
        throw error;
      });
      if (!thread) throw new ApiError('ATOMKIT_ERR_THREAD_NOT_FOUND', 'No conversation has this thread id.');
      return thread;
    },
  );
};
