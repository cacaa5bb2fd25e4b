/**
 * Starts the chat service from the configuration: opens the index (failing fast when it is
 * missing or built with another model) and keeps it current, the store (SQLite with its backup
 * schedule, or PostgreSQL shared with other replicas), the LLM client when an endpoint is
 * configured, then listens.
 */
import path from 'node:path';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { projectPath, type AtomkitConfig } from '../../tooling/src/config/load.js';
import { openRetriever } from '../../tooling/src/retrieval/api.js';
import { buildApp } from './app.js';
import type { AnswerSettings } from './answer/answerer.js';
import { LlmClient } from './answer/llm.js';
import { AtomCatalog } from './mcp/catalog.js';
import { createMetrics, serviceMetricsOptions, type BotMetrics } from './metrics.js';
import { openRollingRetriever, type RollingRetriever } from './index-roll.js';
import { backupNow, scheduleBackups } from './store/backup.js';
import { startCheckpointer } from './store/checkpoint.js';
import { openConfiguredStore } from './store/open.js';
import { warmUp } from './warm-up.js';
import { WIDGET_FILE } from './widget-file.js';

export interface StartOptions {
  readonly config: AtomkitConfig;
  /** Overrides `bot.port` (0: any free port). */
  readonly port?: number;
  readonly host?: string;
  /** Overrides `index.dir`. */
  readonly indexDir?: string;
  /** Overrides `bot.db`. */
  readonly db?: string;
  /** Overrides `bot.store` (`sqlite` or a PostgreSQL connection string). */
  readonly store?: string;
  /** How often the index folder's manifest is checked for a new build (ms). @default 1000 */
  readonly indexPollMs?: number;
  /** A built site folder to serve from `/`. */
  readonly siteDir?: string;
  /** The widget script served at `/widget/atom-chat.js`. @default the widget prebuilt in the package */
  readonly widgetFile?: string;
  /** Overrides `bot.rateLimit` (`false`: off). */
  readonly rateLimit?: { max: number; windowMs: number } | false;
  /** Overrides `bot.cache`. */
  readonly cache?: boolean;
  /** The environment the LLM API key is read from (by the name in `bot.llm.apiKeyEnv`). */
  readonly env?: NodeJS.ProcessEnv;
  /** One line per notable event (startup warnings, backup failures). */
  readonly log?: (line: string) => void;
  /** Fastify log level for request failures. @default 'warn' */
  readonly logLevel?: string;
  /** Where the rate-limit counters are kept with the SQLite store (a cluster's workers: in the primary). @default this process's memory */
  readonly rateLimitStore?: RateLimitPluginOptions['store'];
  /** Take the scheduled backups in this process. @default true (a cluster's primary takes them instead) */
  readonly backups?: boolean;
  /** What `GET /metrics` serves; a cluster worker asks the primary for every worker's figures. */
  readonly metricsText?: () => Promise<string>;
  /** Receives the app's metrics registry (a cluster worker shares it with the primary). */
  readonly onMetrics?: (metrics: BotMetrics) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly app: FastifyInstance;
  /** Takes an online backup of the SQLite store now (into `bot.backup.dir`, keeping `bot.backup.keep`); returns its path. */
  backup(): Promise<string>;
  /** Loads the index folder again (what SIGHUP does); resolves with whether a new index is in use. */
  reloadIndex(): Promise<boolean>;
  /** Stops listening, takes no more backups, closes the index and the database. */
  close(): Promise<void>;
}

/**
 * The configured language model client, or undefined for extractive answers.
 *
 * @throws OptionalDependencyUnavailable when a model is configured but the `openai` package is not installed.
 */
export async function llmClient(config: AtomkitConfig, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<LlmClient | undefined> {
  const { llm } = config.bot;
  if (!llm.baseUrl) return undefined;
  return LlmClient.create({
    baseUrl: llm.baseUrl,
    apiKey: env[llm.apiKeyEnv],
    models: llm.models,
    timeoutMs: llm.timeoutMs,
    cooldownMs: llm.cooldownMs,
    onFailure: (failure) => log(`model ${failure.model} failed (${failure.detail})`),
    onRefusedField: (model, param) => log(`model ${model} does not take \`${param}\`; it is left out of its requests from now on`),
  });
}

/** How questions are answered, from the configuration (`cache` overrides `bot.cache`). */
export function answerSettings(config: AtomkitConfig, cache?: boolean): AnswerSettings {
  const { bot } = config;
  return {
    minScore: bot.minScore,
    historyTurns: bot.historyTurns,
    cache: cache ?? bot.cache,
    maxContextTokens: bot.llm.maxContextTokens,
    supportContact: bot.support.contact,
    suggestUrl: bot.support.suggestUrl,
    siteTitle: config.site.title,
    defaultLanguage: config.atoms.defaultLanguage,
  };
}


/**
 * @throws IndexLoadError when the index is missing, unreadable or from another model.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const bot = config.bot;
  const log = options.log ?? (() => {});
  // First: a configured model without its package stops the start before anything is opened.
  const llm = await llmClient(config, options.env ?? process.env, log);
  const indexDir = projectPath(config, options.indexDir ?? config.index.dir);
  const retrieverConfig = { ...config, index: { ...config.index, dir: indexDir } };
  let warned = false;
  const retriever: RollingRetriever = await openRollingRetriever({
    // The fallback warning (dense to lexical) is said once, not at every roll.
    open: async () => {
      const opened = await openRetriever(retrieverConfig, {
        onWarning: (line) => {
          if (!warned) log(line);
          warned = true;
        },
      });
      await warmUp(opened);
      return opened;
    },
    dir: indexDir,
    pollMs: options.indexPollMs ?? 1000,
    log,
  });
  let store;
  try {
    store = await openConfiguredStore(config, { store: options.store, db: options.db });
  } catch (error) {
    retriever.close();
    throw error;
  }
  const sqlite = store.kind === 'sqlite' ? store : undefined;
  const backupOptions = { dir: projectPath(config, bot.backup.dir), keep: bot.backup.keep };
  // PostgreSQL is backed up with its own tools (README: "Backups").
  const checkpointer = sqlite ? startCheckpointer(sqlite.db) : undefined;
  const backups = sqlite
    ? scheduleBackups(sqlite.db, {
        ...backupOptions,
        everyMinutes: options.backups === false ? 0 : bot.backup.everyMinutes,
        onError: (error) => log(`backup failed: ${error.message}`),
      })
    : undefined;
  const rate = options.rateLimit ?? (bot.rateLimit.enabled ? { max: bot.rateLimit.max, windowMs: bot.rateLimit.windowMs } : false);
  const metrics = createMetrics(serviceMetricsOptions(retriever, llm));
  options.onMetrics?.(metrics);
  let app: FastifyInstance;
  try {
    app = await buildApp({
      retriever,
      store,
      llm,
      metrics,
      ...(options.metricsText ? { metricsText: options.metricsText } : {}),
      settings: answerSettings(config, options.cache),
      maxQuestionChars: bot.maxQuestionChars,
      corsOrigins: bot.cors,
      trustProxy: bot.trustProxy,
      rateLimit: rate,
      ...(store.kind === 'postgres'
        ? { rateLimitStore: (await import('./store/postgres/rate-limit.js')).postgresRateLimitStore(store.pool) }
        : options.rateLimitStore
          ? { rateLimitStore: options.rateLimitStore }
          : {}),
      siteDir: options.siteDir ? path.resolve(options.siteDir) : undefined,
      widgetFile: options.widgetFile ?? WIDGET_FILE,
      logger: { level: options.logLevel ?? 'warn', redact: ['req.headers.authorization', 'req.headers.cookie'] },
      mcp: { catalog: new AtomCatalog(config), siteUrl: config.site.url },
    });
    await app.listen({ port: options.port ?? bot.port, host: options.host ?? bot.host });
  } catch (error) {
    await backups?.stop();
    await checkpointer?.stop();
    await store.close();
    retriever.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? bot.port);
  const host = options.host ?? bot.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    backup: async () => {
      if (!sqlite) throw new Error('PostgreSQL is backed up with its own tools (pg_dump, base backups), not by atomkit.');
      return backupNow(sqlite.db, backupOptions);
    },
    reloadIndex: () => retriever.reload(),
    close() {
      closing ??= (async () => {
        await app.close();
        await backups?.stop();
        await checkpointer?.stop();
        await store.close();
        retriever.close();
      })();
      return closing;
    },
  };
}
