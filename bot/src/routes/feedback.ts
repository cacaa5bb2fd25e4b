/** `POST /api/feedback`: a thumbs up or down (and an optional comment) on one answer. */
import type { FastifyPluginAsync } from 'fastify';
import { feedbackRequestSchema, feedbackResponseSchema } from '../contract.js';
import { ApiError } from '../errors.js';
import type { ZodTypeProvider } from '../http/zod.js';
import type { BotMetrics } from '../metrics.js';
import { StoreUnavailableError, type FeedbackRepository } from '../store/store.js';

export const feedbackRoutes: FastifyPluginAsync<{ feedback: FeedbackRepository; metrics: BotMetrics }> = async (app, { feedback, metrics }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/feedback',
    { schema: { body: feedbackRequestSchema, response: { 201: feedbackResponseSchema } } },
    async (request, reply) => {
      const { messageId, rating, comment } = request.body;
      let id: number | undefined;
      try {
        id = await feedback.add(messageId, rating, comment);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        metrics.storeWriteFailures.inc({ write: 'feedback' });
        throw new ApiError('ATOMKIT_ERR_STORE_UNAVAILABLE', 'The feedback could not be stored: the conversation store cannot be reached. Retry later.', { 'retry-after': '5' });
      }
      if (id === undefined) throw new ApiError('ATOMKIT_ERR_MESSAGE_NOT_FOUND', 'No answer has this message id.');
      return reply.code(201).send({ id, messageId, rating });
    },
  );
};
