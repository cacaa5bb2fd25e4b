/**
 * Prometheus metrics of the chat service, in a registry of its own (several apps in one process,
 * as in tests, never collide). `GET /metrics` serves them in the text format.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface BotMetrics {
  readonly registry: Registry;
  /** By method, route pattern (not the raw URL: ids would explode the label set) and status. */
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly latency: Histogram<'method' | 'route'>;
  readonly answers: Counter<'mode' | 'answered'>;
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;
  readonly llmErrors: Counter<'model' | 'reason'>;
  /** `to` is the next model in the list, or `extractive`; `reason` a failure reason, or `cooldown` for a skipped model. */
  readonly fallbacks: Counter<'to' | 'reason'>;
  /** Calls not made to a model because it is cooling down after a failure. */
  readonly llmSkips: Counter<'model'>;
}

export interface MetricsOptions {
  /** Collect Node process metrics too. @default true */
  readonly defaults?: boolean;
  /** How many models are cooling down now, read at each scrape. */
  readonly modelsCoolingDown?: () => number;
}

export function createMetrics(options: MetricsOptions = {}): BotMetrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'atomkit_' });
  const registers = [registry];
  const coolingDown = options.modelsCoolingDown;
  new Gauge({
    name: 'atomkit_llm_models_cooling_down',
    help: 'Language models skipped now because they failed less than bot.llm.cooldownMs ago.',
    // Every worker of a cluster keeps its own cool-downs: the most any of them skips.
    aggregator: 'max',
    registers,
    collect() {
      this.set(coolingDown?.() ?? 0);
    },
  });
  return {
    registry,
    requests: new Counter({ name: 'atomkit_http_requests_total', help: 'HTTP requests answered.', labelNames: ['method', 'route', 'status'], registers }),
    latency: new Histogram({
      name: 'atomkit_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the last byte for streams).',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    answers: new Counter({ name: 'atomkit_answers_total', help: 'Answers given, by mode and whether the atoms covered the question.', labelNames: ['mode', 'answered'], registers }),
    cacheHits: new Counter({ name: 'atomkit_answer_cache_hits_total', help: 'Answers served from the answer cache.', registers }),
    cacheMisses: new Counter({ name: 'atomkit_answer_cache_misses_total', help: 'Cacheable questions that were not in the cache.', registers }),
    llmErrors: new Counter({ name: 'atomkit_llm_errors_total', help: 'Failed language model calls, by model and reason.', labelNames: ['model', 'reason'], registers }),
    fallbacks: new Counter({
      name: 'atomkit_fallbacks_total',
      help: 'Times an answer fell back to the next model or to extractive mode, by why.',
      labelNames: ['to', 'reason'],
      registers,
    }),
    llmSkips: new Counter({
      name: 'atomkit_llm_skips_total',
      help: 'Language model calls not made because the model is cooling down after a failure.',
      labelNames: ['model'],
      registers,
    }),
  };
}
