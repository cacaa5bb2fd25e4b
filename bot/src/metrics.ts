/**
 * Prometheus metrics of the chat service, in a registry of its own (several apps in one process,
 * as in tests, never collide). `GET /metrics` serves them in the text format; bot/README.md lists
 * them. The default process and Node metrics keep their standard names (`process_*`, `nodejs_*`),
 * which the usual dashboards query.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Retriever } from '../../tooling/src/retrieval/api.js';
import type { LlmClient } from './answer/llm.js';
import { packageVersion } from '../../tooling/src/package/files.js';

const VERSION = packageVersion();

/** Model latency buckets (seconds): a first token in tens of milliseconds, a local model's whole answer in a minute. */
const MODEL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];

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
  /** `outcome` is `ok` or a failure reason; observed only for streamed calls that received text. */
  readonly llmFirstToken: Histogram<'model' | 'outcome'>;
  readonly llmDuration: Histogram<'model' | 'outcome'>;
  /** `kind`: `prompt` or `completion`, as the endpoint counted them. */
  readonly llmTokens: Counter<'model' | 'kind'>;
  /** MCP tool calls (both transports), by tool and outcome (`ok`, `tool_error`, `protocol_error`). */
  readonly mcpToolCalls: Counter<'tool' | 'outcome'>;
  /** Writes lost because the store could not be reached (the response said `stored: false`, or the feedback post got a 503). */
  readonly storeWriteFailures: Counter<'write'>;
  /** Reads the answer went without because the store could not be reached. */
  readonly storeReadFailures: Counter<'read'>;
}

export interface MetricsOptions {
  /** Collect Node process metrics too. @default true */
  readonly defaults?: boolean;
  /** How many models are cooling down now, read at each scrape. */
  readonly modelsCoolingDown?: () => number;
  /** What `atomkit_build_info` labels: the answering model (the first configured; empty when extractive) and the loaded index's content hash (read at each scrape: an index roll changes it). */
  readonly build?: { readonly model: string; readonly indexHash: () => string };
  /** When the loaded index was built (ISO 8601), read at each scrape. */
  readonly indexBuiltAt?: () => string;
}

export function createMetrics(options: MetricsOptions = {}): BotMetrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const build = options.build;
  if (build) {
    new Gauge({
      name: 'atomkit_build_info',
      help: 'Always 1; the labels say which atomkit version runs, which model answers and which index is loaded.',
      labelNames: ['version', 'model', 'index_hash'],
      // The same in every worker of a cluster.
      aggregator: 'max',
      registers,
      collect() {
        this.reset();
        this.set({ version: VERSION, model: build.model, index_hash: build.indexHash() }, 1);
      },
    });
  }
  const builtAt = options.indexBuiltAt;
  if (builtAt) {
    new Gauge({
      name: 'atomkit_index_age_seconds',
      help: 'Seconds since the loaded search index was built.',
      aggregator: 'max',
      registers,
      collect() {
        const ms = Date.parse(builtAt());
        if (Number.isFinite(ms)) this.set(Math.max(0, (Date.now() - ms) / 1000));
      },
    });
  }
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
    llmFirstToken: new Histogram({
      name: 'atomkit_llm_time_to_first_token_seconds',
      help: 'Time from sending a streamed request to a model to its first text (thinking included), by model and outcome.',
      labelNames: ['model', 'outcome'],
      buckets: MODEL_BUCKETS,
      registers,
    }),
    llmDuration: new Histogram({
      name: 'atomkit_llm_request_duration_seconds',
      help: 'Time a language model call took, to its last chunk or its failure, by model and outcome (ok or the failure reason).',
      labelNames: ['model', 'outcome'],
      buckets: MODEL_BUCKETS,
      registers,
    }),
    llmTokens: new Counter({
      name: 'atomkit_llm_tokens_total',
      help: 'Tokens used by language model calls that answered, by model and kind (prompt or completion), as the endpoint reported them.',
      labelNames: ['model', 'kind'],
      registers,
    }),
    storeWriteFailures: new Counter({
      name: 'atomkit_store_write_failures_total',
      help: 'Writes the conversation store could not take (database unreachable), by what was written: exchange, unanswered, cache, feedback.',
      labelNames: ['write'],
      registers,
    }),
    storeReadFailures: new Counter({
      name: 'atomkit_store_read_failures_total',
      help: 'Reads from the conversation store that failed (database unreachable) and were answered without it, by what was read: thread, history, cache.',
      labelNames: ['read'],
      registers,
    }),
    mcpToolCalls: new Counter({
      name: 'atomkit_mcp_tool_calls_total',
      help: 'MCP tool calls, by tool (`unknown` for a name that is no tool) and outcome.',
      labelNames: ['tool', 'outcome'],
      registers,
    }),
  };
}

/**
 * The metrics options of a service answering over `retriever` with `llm` (the build labels, the
 * index age and the models cooling down).
 */
export function serviceMetricsOptions(retriever: Pick<Retriever, 'manifest'>, llm: Pick<LlmClient, 'models' | 'coolingDown'> | undefined): MetricsOptions {
  return {
    modelsCoolingDown: () => llm?.coolingDown().length ?? 0,
    build: { model: llm?.models[0] ?? '', indexHash: () => retriever.manifest.contentHash },
    indexBuiltAt: () => retriever.manifest.builtAt,
  };
}
