/**
 * Several processes serving the API on one port (Node cluster), for machines with more cores than
 * one process can use. The primary checks the index and migrates the database once, takes the
 * backups and keeps the rate-limit counters (SQLite), replaces a worker that dies, passes SIGHUP on
 * (reload the index), and gathers every worker's metrics for `GET /metrics`.
 */
import cluster, { type Worker } from 'node:cluster';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AggregatorRegistry } from 'prom-client';
import { projectPath } from '../../tooling/src/config/load.js';
import { RUNS_COMPILED } from '../../tooling/src/package/files.js';
import { openRetriever } from '../../tooling/src/retrieval/api.js';
import { WindowCounters } from './cluster-rate-limit.js';
import { NO_EXPERIMENTAL_WARNING } from './experimental-warning.js';
import type { StartOptions } from './server.js';
import { scheduleBackups } from './store/backup.js';
import { openConfiguredStore } from './store/open.js';

/** What a worker needs to start the same server as the primary was asked for. */
export interface WorkerSpec {
  readonly configFile: string | undefined;
  readonly root: string;
  readonly port: number;
  readonly host: string;
  readonly indexDir?: string;
  readonly db?: string;
  readonly store?: string;
  readonly siteDir?: string;
  /** The primary keeps the rate-limit counters (the SQLite store). */
  readonly countsInPrimary: boolean;
}

/** Messages between the primary and its workers. */
export type ClusterMessage =
  | { type: 'atomkit:listening'; url: string }
  | { type: 'atomkit:metrics'; id: number; text?: string; error?: string }
  | { type: 'atomkit:count'; id: number; key: string; windowMs: number }
  | { type: 'atomkit:counted'; id: number; current: number; ttl: number };

export const WORKER_ENV = 'ATOMKIT_SERVE_WORKER';

export interface RunningCluster {
  readonly url: string;
  readonly workers: number;
  close(): Promise<void>;
}

/**
 * @throws IndexLoadError when the index is missing, unreadable or from another model (before any worker starts).
 */
export async function startCluster(options: StartOptions & { workers: number }): Promise<RunningCluster> {
  const { config } = options;
  const log = options.log ?? (() => {});
  const indexDir = projectPath(config, options.indexDir ?? config.index.dir);
  (await openRetriever({ ...config, index: { ...config.index, dir: indexDir } }, { onWarning: log })).close();
  const store = await openConfiguredStore(config, { store: options.store, db: options.db });
  const backups =
    store.kind === 'sqlite'
      ? scheduleBackups(store.db, {
          dir: projectPath(config, config.bot.backup.dir),
          everyMinutes: config.bot.backup.everyMinutes,
          keep: config.bot.backup.keep,
          onError: (error) => log(`backup failed: ${error.message}`),
        })
      : undefined;
  const aggregator = new AggregatorRegistry();
  // With PostgreSQL the workers count in the database, with every other replica.
  const counters = store.kind === 'sqlite' ? new WindowCounters() : undefined;
  const spec: WorkerSpec = {
    configFile: config.file,
    root: config.root,
    port: options.port ?? config.bot.port,
    host: options.host ?? config.bot.host,
    indexDir,
    ...(options.db ? { db: projectPath(config, options.db) } : {}),
    ...(options.store ? { store: options.store } : {}),
    ...(options.siteDir ? { siteDir: options.siteDir } : {}),
    countsInPrimary: counters !== undefined,
  };
  // Workers run the compiled module; from the TypeScript sources (tests) through tsx, resolved from
  // here, not from the cwd.
  cluster.setupPrimary(
    RUNS_COMPILED
      ? { exec: fileURLToPath(new URL('./worker.js', import.meta.url)), execArgv: [...process.execArgv, NO_EXPERIMENTAL_WARNING], args: [] }
      : { exec: fileURLToPath(new URL('./worker.ts', import.meta.url)), execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, NO_EXPERIMENTAL_WARNING], args: [] },
  );

  let started = false;
  let closing = false;
  const fork = (): Worker => {
    const worker = cluster.fork({ [WORKER_ENV]: JSON.stringify(spec) });
    // A worker that died since it asked gets no answer: the callback keeps the closed channel's
    // error from being an unhandled 'error' event, which would stop the primary and every worker.
    const reply = (answer: ClusterMessage) => worker.send(answer, () => {});
    worker.on('message', (message: ClusterMessage) => {
      if (message.type === 'atomkit:count' && counters) {
        reply({ type: 'atomkit:counted', id: message.id, ...counters.count(message.key, message.windowMs) });
      } else if (message.type === 'atomkit:metrics') {
        aggregator.clusterMetrics().then(
          (text) => reply({ type: 'atomkit:metrics', id: message.id, text }),
          (error: Error) => reply({ type: 'atomkit:metrics', id: message.id, error: error.message }),
        );
      }
    });
    return worker;
  };
  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    if (!started || closing) return;
    log(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    fork();
  };
  cluster.on('exit', onExit);

  const workers = Array.from({ length: options.workers }, fork);
  const shutdown = async () => {
    closing = true;
    cluster.off('exit', onExit);
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            // A signal, not a message: a worker still loading has no message listener yet.
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await backups?.stop();
    await store.close();
  };
  let urls: string[];
  try {
    urls = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<string>((resolve, reject) => {
            worker.on('message', (message: ClusterMessage) => message.type === 'atomkit:listening' && resolve(message.url));
            worker.once('exit', (code) => reject(new Error(`a worker stopped before listening (exit ${code}); its error is printed above`)));
          }),
      ),
    );
  } catch (error) {
    await shutdown();
    throw error;
  }
  started = true;
  const reloadIndex = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
  };
  process.on('SIGHUP', reloadIndex);
  let closed: Promise<void> | undefined;
  return {
    url: urls[0]!,
    workers: workers.length,
    close: () => (closed ??= (process.off('SIGHUP', reloadIndex), shutdown())),
  };
}
