/** What `atomkit serve` runs: starts the service, prints its URL, stops cleanly on a signal. */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { AtomkitConfig } from '../../../tooling/src/config/load.js';
import { warnLine, type CliIo } from '../../../tooling/src/cli/io.js';
import { onStopSignal, type StopSignal } from '../../../tooling/src/cli/stop-signal.js';
import { LLM_ANSWERS, loadOpenAI } from '../../../tooling/src/package/openai.js';
import { IndexLoadError } from '../../../tooling/src/retrieval/api.js';
import { contextWarnings, modelSettings } from '../answer/model-settings.js';
import { MCP_PATH, mcpRoutesOrMissing } from '../mcp/optional.js';
import { startServer } from '../server.js';
import { isPostgresUrl, redactUrl } from '../store/postgres/url.js';
import { StoreUnavailableError } from '../store/store.js';

export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly indexDir?: string;
  readonly db?: string;
  readonly store?: string;
  readonly site?: string;
  readonly workers?: string;
}

export async function runServe(config: AtomkitConfig, options: ServeOptions, io: CliIo, stop: StopSignal = onStopSignal): Promise<number> {
  let port: number | undefined;
  if (options.port !== undefined) {
    port = Number(options.port);
    if (!/^\d+$/.test(options.port) || port > 65535) {
      io.stderr(`${io.colors.red('error')} --port expects a number from 0 to 65535, got \`${options.port}\`.\n`);
      return 2;
    }
  }
  const workersOption = options.workers ?? String(config.bot.workers);
  if (!/^\d+$/.test(workersOption) || Number(workersOption) > 64) {
    io.stderr(`${io.colors.red('error')} --workers expects a number from 0 to 64, got \`${workersOption}\`.\n`);
    return 2;
  }
  const workers = Number(workersOption) === 0 ? availableParallelism() : Number(workersOption);
  if (options.site !== undefined) {
    const site = path.resolve(config.root, options.site);
    if (!existsSync(site) || !statSync(site).isDirectory()) {
      io.stderr(`${io.colors.red('error')} --site: no folder at ${site}. Build the site first with \`atomkit site build\`.\n`);
      return 2;
    }
  }
  if (options.store !== undefined && options.store !== 'sqlite' && !isPostgresUrl(options.store)) {
    io.stderr(`${io.colors.red('error')} --store expects \`sqlite\` or a PostgreSQL connection string (postgres://user:password@host:5432/database).\n`);
    return 2;
  }
  if (config.bot.llm.baseUrl) {
    // Said once at start, before any worker starts, and not at the first question.
    await loadOpenAI(LLM_ANSWERS);
    for (const line of contextWarnings(config.bot.llm.models, config.bot.llm.maxContextTokens)) warnLine(io, line);
  }
  let server: { url: string; close(): Promise<void>; reloadIndex?: () => Promise<boolean> };
  try {
    const start = {
      config,
      ...(port !== undefined ? { port } : {}),
      ...(options.host ? { host: options.host } : {}),
      ...(options.indexDir ? { indexDir: options.indexDir } : {}),
      ...(options.db ? { db: options.db } : {}),
      ...(options.store ? { store: options.store } : {}),
      ...(options.site ? { siteDir: path.resolve(config.root, options.site) } : {}),
      log: (line: string) => warnLine(io, line),
    };
    server = workers > 1 ? await (await import('../cluster.js')).startCluster({ ...start, workers }) : await startServer(start);
  } catch (error) {
    if (error instanceof IndexLoadError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n  ${error.hint}\n`);
      return 2;
    }
    if (error instanceof StoreUnavailableError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n  Check that PostgreSQL runs and accepts connections from this host, or set bot.store to \`sqlite\`.\n`);
      return 2;
    }
    if (/newer than this atomkit knows/.test((error as Error).message)) {
      io.stderr(`${io.colors.red('error')} ${(error as Error).message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      io.stderr(`${io.colors.red('error')} cannot listen on ${options.host ?? config.bot.host}:${port ?? config.bot.port} (${code}). Pick another --port or --host.\n`);
      return 2;
    }
    throw error;
  }
  // Listened for before the service says it listens: a service manager or test that stops it as soon
  // as it reads that line finds the handler there (loading the MCP routes below takes a while, and a
  // SIGTERM before any handler ends the process with nothing closed). Not before it starts, so that
  // Ctrl+C still ends a start that hangs.
  const stopped = stop();
  const mode = config.bot.llm.baseUrl ? `llm (${config.bot.llm.models.map((entry) => modelSettings(entry).name).join(' → ')}, then extractive)` : 'extractive (no language model configured)';
  io.stdout(`atomkit chat service listening on ${server.url}${workers > 1 ? ` (${workers} workers)` : ''}\n`);
  io.stdout(`  answers: ${mode}\n`);
  const store = options.store ?? config.bot.store;
  io.stdout(`  store: ${isPostgresUrl(store) ? redactUrl(store) : `sqlite (${options.db ?? config.bot.db})`}\n`);
  const mcp = await mcpRoutesOrMissing();
  io.stdout(`  mcp: ${'missing' in mcp ? `off. ${mcp.missing}` : `${server.url}${MCP_PATH}`}\n`);
  io.stdout(`  try: curl -s ${server.url}/api/query -H 'content-type: application/json' -d '{"question":"What can you answer?"}'\n`);
  if (options.site) io.stdout(`  site: ${server.url}/\n`);
  // SIGHUP: load the index folder again (a new build is also noticed by itself within a second).
  const onHangup = () => void server.reloadIndex?.();
  process.on('SIGHUP', onHangup);
  await stopped;
  process.off('SIGHUP', onHangup);
  await server.close();
  return 0;
}
