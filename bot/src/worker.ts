/**
 * A cluster worker of `atomkit serve --workers <n>`: starts the same server as a single process
 * would (without backups, which the primary takes), and answers `GET /metrics` with the figures of
 * every worker, gathered by the primary.
 */
import { AggregatorRegistry } from 'prom-client';
import { loadConfig } from '../../tooling/src/config/load.js';
import { primaryRateLimitStore } from './cluster-rate-limit.js';
import { WORKER_ENV, type ClusterMessage, type WorkerSpec } from './cluster.js';
import { startServer } from './server.js';

const spec = JSON.parse(process.env[WORKER_ENV] ?? '{}') as WorkerSpec;
const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let nextId = 0;
let stopping: Promise<void> | undefined;
let server: Awaited<ReturnType<typeof startServer>> | undefined;

const stop = () => {
  stopping ??= (async () => {
    await server?.close();
    process.exit(0);
  })();
};
process.on('message', (message: ClusterMessage) => {
  if (message.type === 'atomkit:metrics') {
    const request = pending.get(message.id);
    pending.delete(message.id);
    if (message.text !== undefined) request?.resolve(message.text);
    else request?.reject(new Error(message.error ?? 'no metrics'));
  }
});
// Ctrl-C reaches every process of the group; the primary decides and stops workers with SIGTERM.
process.on('SIGINT', () => {});
process.on('SIGTERM', stop);
process.on('SIGHUP', () => void server?.reloadIndex());

try {
  const config = loadConfig({ ...(spec.configFile ? { file: spec.configFile } : {}), cwd: spec.root });
  server = await startServer({
    config,
    port: spec.port,
    host: spec.host,
    ...(spec.indexDir ? { indexDir: spec.indexDir } : {}),
    ...(spec.db ? { db: spec.db } : {}),
    ...(spec.store ? { store: spec.store } : {}),
    ...(spec.siteDir ? { siteDir: spec.siteDir } : {}),
    backups: false,
    ...(spec.countsInPrimary ? { rateLimitStore: primaryRateLimitStore() } : {}),
    onMetrics: (metrics) => {
      // Constructing one installs prom-client's listener that answers the primary's metric requests.
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([metrics.registry]);
    },
    metricsText: () =>
      new Promise<string>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        process.send!({ type: 'atomkit:metrics', id } satisfies ClusterMessage);
      }),
    log: (line) => process.stderr.write(`warning ${line}\n`),
  });
  process.send!({ type: 'atomkit:listening', url: server.url } satisfies ClusterMessage);
} catch (error) {
  process.stderr.write(`error ${(error as Error).message}\n`);
  process.exit(2);
}
