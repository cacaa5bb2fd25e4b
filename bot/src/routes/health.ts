/**
 * `GET /healthz` (index, answering mode, store state and counts; a 503 once the index cannot
 * answer, `degraded` while the store cannot be reached) and
 * `GET /metrics` (Prometheus text).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Retriever } from '../../../tooling/src/retrieval/api.js';
import { healthResponseSchema } from '../contract.js';
import { ApiError } from '../errors.js';
import type { ZodTypeProvider } from '../http/zod.js';
import { StoreUnavailableError, type Store } from '../store/store.js';

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
    // A lost database does not take the replica out of rotation: it still answers, so the status
    // says `degraded` with a 200, and the store's problem is reported.
    let counts: Awaited<ReturnType<Store['counts']>> | undefined;
    let storeProblem = await store.problem();
    if (!storeProblem) {
      try {
        counts = await store.counts();
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        storeProblem = error.message;
      }
    }
    return {
      status: storeProblem ? ('degraded' as const) : ('ok' as const),
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
      store: { kind: store.kind, reachable: !storeProblem, ...(storeProblem ? { problem: storeProblem } : {}) },
      ...(counts ? { counts } : {}),
    };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(contentType);
    return metricsText();
  });
};
