/**
 * `atomkit studio`: serves the authoring studio on 127.0.0.1 (never another interface: it writes
 * the knowledge base's files) with a fresh session token, prints its URL and runs until stopped.
 */
import { randomBytes } from 'node:crypto';
import type { AtomkitConfig } from '../../config/load.js';
import type { CliIo } from '../../cli/io.js';
import { onStopSignal, type StopSignal } from '../../cli/stop-signal.js';
import { buildStudioApp } from './app.js';
import { studioClientDir } from './client-dir.js';

/** Where the studio listens unless `--port` says otherwise (the chat service takes 4321). */
export const STUDIO_PORT = 4322;
export const STUDIO_HOST = '127.0.0.1';

export interface StudioOptions {
  readonly port?: string;
  /** The model endpoint's key (the CLI reads it from the variable `bot.llm.apiKeyEnv` names). */
  readonly apiKey?: string;
}

export async function runStudio(config: AtomkitConfig, options: StudioOptions, io: CliIo, stop: StopSignal = onStopSignal): Promise<number> {
  const port = options.port === undefined ? STUDIO_PORT : Number(options.port);
  if (options.port !== undefined && (!/^\d+$/.test(options.port) || port > 65535)) {
    io.stderr(`${io.colors.red('error')} --port expects a number from 0 to 65535, got \`${options.port}\`.\n`);
    return 2;
  }
  const app = await buildStudioApp({ config, token: randomBytes(24).toString('base64url'), clientDir: studioClientDir(), ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
  try {
    await app.listen({ host: STUDIO_HOST, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr(`${io.colors.red('error')} cannot listen on ${STUDIO_HOST}:${port} (${code}). Pick another --port (0 picks a free one).\n`);
      return 2;
    }
    throw error;
  }
  const address = app.server.address();
  const url = `http://${STUDIO_HOST}:${typeof address === 'object' && address ? address.port : port}/`;
  io.stdout(`atomkit studio listening on ${url}\n`);
  io.stdout(`  open it in a browser; it reads and writes ${config.atoms.dir} and ${config.atoms.interviews} in ${config.root}. Ctrl+C stops it.\n`);
  await stop();
  await app.close();
  return 0;
}
