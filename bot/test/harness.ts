/**
 * Test harness: a real lexical index built from bot/test/fixtures/atoms with the retrieval
 * library, a config in a temp folder, and the real server on 127.0.0.1 (port 0).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadConfig, type AtomkitConfig } from '../../tooling/src/config/load.js';
import { buildIndex } from '../../tooling/src/retrieval/build.js';
import { startServer, type RunningServer, type StartOptions } from '../src/server.js';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.js';

export const FIXTURE_ATOMS = fileURLToPath(new URL('./fixtures/atoms', import.meta.url));

export interface Workspace {
  readonly dir: string;
  /** A config for this workspace; `bot` settings are merged over the test defaults. */
  config(bot?: Record<string, unknown>): AtomkitConfig;
  remove(): void;
}

/** A temp folder with a lexical index of the fixture atoms in `index/`. */
export async function createWorkspace(): Promise<Workspace> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atomkit-bot-'));
  let configs = 0;
  const config = (bot: Record<string, unknown> = {}): AtomkitConfig => {
    const file = path.join(dir, `atomkit-${configs++}.config.yaml`);
    const data = {
      atoms: { dir: FIXTURE_ATOMS },
      site: { title: 'atomkit test docs' },
      index: { dir: 'index', cache: 'embeddings.sqlite', embedder: { provider: 'none' } },
      bot: {
        db: `bot-${configs}.sqlite`,
        backup: { dir: 'backups', everyMinutes: 0 },
        support: { contact: 'the docs team (docs@example.org)', suggestUrl: 'https://example.org/issues/new?title={question}' },
        ...bot,
      },
    };
    writeFileSync(file, stringify(data));
    return loadConfig({ file, cwd: dir, env: {} });
  };
  await buildIndex(config(), { env: {}, onWarning: () => {} });
  return { dir, config, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  readonly config: AtomkitConfig;
  readonly dbFile: string;
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
}

/** A workspace, a fake OpenAI-protocol model server and a chat service that asks it. */
export interface ModelStack {
  readonly workspace: Workspace;
  readonly fake: FakeOpenAi;
  readonly server: TestServer;
  close(): Promise<void>;
}

/** Starts a {@link ModelStack}; `bot(baseUrl)` gives the service's `bot` settings for the fake's URL. */
export async function startModelStack(bot: (baseUrl: string) => Record<string, unknown>): Promise<ModelStack> {
  const workspace = await createWorkspace();
  const fake = await startFakeOpenAi();
  const server = await startTestServer(workspace, bot(fake.baseUrl));
  return {
    workspace,
    fake,
    server,
    close: async () => {
      await server.close();
      await fake.close();
      workspace.remove();
    },
  };
}

let questionCount = 0;
/** A question the answer cache has not seen, for tests that are about the model, not the cache. */
export const freshQuestion = (text = 'How do I run the linter locally?') => `${text} (${++questionCount})`;

export async function startTestServer(workspace: Workspace, bot: Record<string, unknown> = {}, options: Partial<StartOptions> = {}): Promise<TestServer> {
  const config = workspace.config({ rateLimit: { enabled: false }, ...bot });
  const server = await startServer({ config, port: 0, host: '127.0.0.1', env: { OPENAI_API_KEY: 'sk-test-secret' }, logLevel: 'silent', ...options });
  return {
    ...server,
    config,
    dbFile: path.resolve(config.root, config.bot.db),
    post: (url, body, headers = {}) =>
      fetch(server.url + url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (url, headers = {}) => fetch(server.url + url, { headers }),
  };
}

export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** Reads a whole server-sent-events body into its events. */
export async function readEvents(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      return { event, data: JSON.parse(data) as unknown };
    });
}

/** The answer text a client shows: the tokens after the last `reset`. */
export function streamedText(events: readonly SseEvent[]): string {
  const lastReset = events.map((e) => e.event).lastIndexOf('reset');
  return events
    .slice(lastReset + 1)
    .filter((e) => e.event === 'token')
    .map((e) => (e.data as { text: string }).text)
    .join('');
}
