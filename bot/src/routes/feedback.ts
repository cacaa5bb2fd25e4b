/** `POST /api/feedback`: a thumbs up or down (and an optional comment) on one answer. */
import type { FastifyPluginAsync } from 'fastify';
import { feedbackRequestSchema, feedbackResponseSchema } from '../contract.js';
import { ApiError } from '../errors.js';
import type { ZodTypeProvider } from '../http/zod.js';
import type { FeedbackStore } from '../store/feedback.js';

export const feedbackRoutes: FastifyPluginAsync<{ feedback: FeedbackStore }> = async (app, { feedback }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/feedback',
    { schema: { body: feedbackRequestSchema, response: { 201: feedbackResponseSchema } } },
    async (request, reply) => {
      const { messageId, rating, comment } = request.body;
      const id = feedback.add(messageId, rating, comment);
      if (id === undefined) throw new ApiError('ATOMKIT_ERR_MESSAGE_NOT_FOUND', 'No answer has this message id.');
      return reply.code(201).send({ id, messageId, rating });
    },
  );
};
