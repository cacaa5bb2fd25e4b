/**
 * The whole chat stack for browser tests, from a fixture atoms folder: a real lexical index
 * (`buildIndex`), the real Starlight site with the widget in every page (`buildSite`), the real
 * chat service (`buildApp`) serving both and the widget bundle on one 127.0.0.1 origin, and its
 * SQLite database. Answers are extractive unless an OpenAI-compatible endpoint is given (the tests'
 * own protocol server, the one allowed test double).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type AtomkitConfig } from '../../../tooling/src/config/load.js';
import { buildIndex } from '../../../tooling/src/retrieval/build.js';
import { openRetriever } from '../../../tooling/src/retrieval/api.js';
import { buildSite } from '../../../tooling/src/site/build.js';
import { openSqlite, prepare } from '../../../tooling/src/sqlite/database.js';
import { buildApp } from '../../src/app.js';
import { LlmClient } from '../../src/answer/llm.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { WIDGET_FILE } from '../../src/widget-file.js';

/** A project folder with a config, an index and a built site, shared by the servers started on it. */
export interface WidgetProject {
  readonly dir: string;
  readonly config: AtomkitConfig;
  readonly siteDir: string;
  remove(): void;
}

export interface RunningStack {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly dbFile: string;
  /** Feedback rows recorded for an answer, oldest first. */
  feedbackFor(messageId: string): { rating: string; comment: string | null }[];
  close(): Promise<void>;
}

export const SUPPORT_CONTACT = 'the platform team (#platform-help)';
export const SUGGEST_URL = 'https://github.com/example/handbook/issues/new?labels=atom-request&title={question}';

/** Indexes the atoms and builds the site once (about 10 s). */
export async function prepareProject(atomsDir: string): Promise<WidgetProject> {
  // Inside the working directory: Astro puts the intermediate build of an outDir outside it in
  // `<cwd>/.astro/`, which concurrent builds (other test files) would share and clobber.
  const scratch = path.join(process.cwd(), '.atomkit', 'tmp');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(path.join(scratch, 'widget-'));
  const file = path.join(dir, 'atomkit.config.yaml');
  writeFileSync(
    file,
    [
      'atoms:',
      `  dir: ${JSON.stringify(atomsDir)}`,
      '  locales: []',
      'site:',
      '  title: Handbook',
      '  url: http://127.0.0.1',
      '  base: /',
      'index:',
      '  embedder:',
      '    provider: none',
      'bot:',
      '  support:',
      `    contact: ${JSON.stringify(SUPPORT_CONTACT)}`,
      `    suggestUrl: ${JSON.stringify(SUGGEST_URL)}`,
      '',
    ].join('\n'),
  );
  const config = loadConfig({ file, env: {} });
  await buildIndex(config, { onWarning: () => {} });
  const siteDir = path.join(dir, 'site');
  // Its own Astro cache: builds running at the same time must not share one.
  await buildSite({ config, outDir: siteDir, cacheDir: path.join(dir, 'astro-cache'), logLevel: 'error' });
  return { dir, config, siteDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface StartStackOptions {
  /** Per-IP limit of API requests; off by default. */
  readonly rateLimit?: { max: number; windowMs: number };
  /** Database file name inside the project folder. @default 'bot.sqlite' */
  readonly db?: string;
  /** Answer with these models of an OpenAI-compatible endpoint (then extractively). */
  readonly llm?: { baseUrl: string; models: string[] };
  /** Origins of other sites that embed the widget (`bot.cors`). */
  readonly cors?: string[];
}

/** Starts the chat service on 127.0.0.1 (any free port), serving the site and the widget. */
export async function startStack(project: WidgetProject, options: StartStackOptions = {}): Promise<RunningStack> {
  const { config } = project;
  const bot = config.bot;
  const dbFile = path.join(project.dir, options.db ?? 'bot.sqlite');
  const retriever = await openRetriever(config, { onWarning: () => {} });
  const store = openSqliteStore(dbFile);
  const llm = options.llm ? await LlmClient.create({ ...options.llm, apiKey: 'test-key', timeoutMs: 5_000 }) : undefined;
  const app = await buildApp({
    retriever,
    store,
    llm,
    settings: {
      minScore: bot.minScore,
      historyTurns: bot.historyTurns,
      cache: bot.cache,
      maxContextTokens: bot.llm.maxContextTokens,
      supportContact: bot.support.contact,
      suggestUrl: bot.support.suggestUrl,
      siteTitle: config.site.title,
    },
    maxQuestionChars: bot.maxQuestionChars,
    corsOrigins: options.cors ?? [],
    rateLimit: options.rateLimit ?? false,
    siteDir: project.siteDir,
    widgetFile: WIDGET_FILE,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const reader = openSqlite(dbFile, { readOnly: true });
  const feedback = prepare<[string], { rating: string; comment: string | null }>(reader, 'SELECT rating, comment FROM feedback WHERE message_id = ? ORDER BY id');
  return {
    url: `http://127.0.0.1:${port}`,
    dbFile,
    feedbackFor: (messageId) => feedback.all(messageId),
    async close() {
      reader.close();
      await app.close();
      await store.close();
      retriever.close();
    },
  };
}
