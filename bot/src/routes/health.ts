/**
 * `GET /healthz` (index, answering mode, store counts; a 503 once the index cannot answer) and
 * `GET /metrics` (Prometheus text).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Retriever } from '../../../tooling/src/retrieval/api.js';
import { healthResponseSchema } from '../contract.js';
import { ApiError } from '../errors.js';
import type { ZodTypeProvider } from '../http/zod.js';
import type { Store } from '../store/store.js';

export interface HealthRouteOptions {
  readonly retriever: Retriever;
  readonly store: Store;
  readonly models: readonly string[];
  /** Prometheus text of the metrics, and its content type. */
  readonly metricsText: () => Promise<string>;
  readonly contentType: string;
}

export const healthRoutes: FastifyPluginAsync<HealthRouteOptions> = async (app, { retriever, store, models, metricsText, contentType }) => {
  app.withTypeProvider<ZodTypeProvider>().get('/healthz', { schema: { response: { 200: healthResponseSchema } } }, async () => {
    // A load balancer takes a replica whose index can no longer answer out of rotation.
    const problem = retriever.problem();
    if (problem) throw new ApiError('ATOMKIT_ERR_RETRIEVAL_FAILED', problem);
    const { manifest } = retriever;
    return {
      status: 'ok' as const,
      index: {
        loaded: true,
        model: manifest.model,
        dense: retriever.dense,
        contentHash: manifest.contentHash,
        builtAt: manifest.builtAt,
        atoms: manifest.counts.atoms,
        units: manifest.counts.units,
      },
      answering: { mode: models.length > 0 ? ('llm' as const) : ('extractive' as const), models: [...models] },
      counts: store.counts(),
    };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(contentType);
    return metricsText();
  });
};
