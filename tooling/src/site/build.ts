/**
 * Builds or serves the docs site of a knowledge base with Astro's JS API (Starlight with the
 * atomkit plugin, `site/src/standalone.ts`), so `atomkit site build|dev` and `atomkit start` share
 * one code path. The atoms are checked first, from their headers: an invalid atom stops the build
 * with the linter's messages before Astro starts. Astro writes only under the knowledge base's
 * project.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { AstroInlineConfig } from 'astro';
import type { AtomkitConfig } from '../config/load.js';
import { checkInstallReach, linkRootPackages } from '../../../site/src/installed-packages.js';
import { standaloneRoot, standaloneSite, type StandaloneOptions } from '../../../site/src/standalone.js';
import { shareStore, unshareStore } from '../../../site/src/shared-store.js';
import { AtomStore } from '../../../site/src/store.js';

export interface SiteOptions extends StandaloneOptions {
  readonly config: AtomkitConfig;
  /** Astro's log level. @default 'info' */
  readonly logLevel?: AstroInlineConfig['logLevel'];
}

export interface BuiltSite {
  /** Absolute path of the built site. */
  readonly outDir: string;
  /** Atom pages published. */
  readonly atoms: number;
  /** HTML pages written (atoms and index pages). */
  readonly pages: number;
}

/**
 * Builds the site into `outDir` (`site/dist` of the project by default), Pagefind index included.
 *
 * @throws AtomCheckError when an atom is invalid or a `related` title does not resolve.
 * @throws UsageError when atomkit is installed where Astro cannot build the project's site from.
 * @example await buildSite({ config: loadConfig() }) //=> { outDir: '/repo/site/dist', atoms: 31, pages: 45 }
 */
export async function buildSite(options: SiteOptions): Promise<BuiltSite> {
  const { config } = options;
  checkInstallReach(config.root);
  const drafts = options.drafts ?? false;
  const inline = standaloneSite(config, { ...options, drafts });
  const store = new AtomStore({
    atomsDir: options.atomsDir ?? config.atoms.dirAbs,
    projectRoot: config.root,
    base: config.site.base,
    siteUrl: config.site.url,
    docsUrl: config.lint.docsUrl,
    editUrl: config.site.editUrl,
    defaultLanguage: config.atoms.defaultLanguage,
    locales: config.atoms.locales,
    drafts,
  });
  store.load(true);
  const outDir = path.resolve(inline.outDir!);
  const { build } = await import('astro');
  // The plugin picks up the atoms loaded and checked here instead of reading them a second time.
  shareStore(store);
  try {
    await withAstroEnv('production', () => build({ ...inline, mode: 'production', logLevel: options.logLevel ?? 'info' }), config);
  } finally {
    unshareStore(store);
  }
  return { outDir, atoms: store.atoms().length, pages: countHtml(outDir) };
}

export interface DevServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves the site with live reload: editing an atom updates its page. Invalid atoms are reported
 * in the log and left out until they are fixed.
 */
export async function devSite(options: SiteOptions & { host?: string; port?: number }): Promise<DevServer> {
  checkInstallReach(options.config.root);
  const { dev } = await import('astro');
  const restore = setAstroEnv('development', options.config);
  const server = await dev({
    ...standaloneSite(options.config, options),
    logLevel: options.logLevel ?? 'info',
    server: { host: options.host ?? '127.0.0.1', port: options.port ?? 4321 },
  });
  const base = options.config.site.base.replace(/\/?$/, '/');
  return {
    url: `http://${server.address.address}:${server.address.port}${base}`,
    stop: async () => {
      await server.stop();
      restore();
    },
  };
}

async function withAstroEnv<T>(nodeEnv: 'production' | 'development', run: () => Promise<T>, config: AtomkitConfig): Promise<T> {
  const restore = setAstroEnv(nodeEnv, config);
  try {
    return await run();
  } finally {
    restore();
  }
}

// Astro lets environment variables override `import.meta.env` in server code, and Vite decides
// between a dev and a production bundle by NODE_ENV: a `BASE_URL`, `MODE` or `NODE_ENV=test` left in
// the environment (vitest sets them; some CI systems set `BASE_URL`) would give the pages the wrong
// base path or a dev build without search. `VITEST` makes Astro's dev server answer every page with a
// 404 (it leaves page requests to Astro's own test setup), so a site served from a test runner, or
// from a tool a test runner started, would show nothing. They are set aside while Astro runs.
const VITE_RESERVED_ENV = ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX', 'NODE_ENV', 'VITEST'];

/** Prepares the environment and Astro's project folder; returns the function that restores the environment. */
function setAstroEnv(nodeEnv: 'production' | 'development', config: AtomkitConfig): () => void {
  mkdirSync(standaloneRoot(config), { recursive: true });
  linkRootPackages(standaloneRoot(config));
  const saved = VITE_RESERVED_ENV.map((key) => [key, process.env[key]] as const);
  for (const [key] of saved) delete process.env[key];
  process.env.NODE_ENV = nodeEnv;
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

function countHtml(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'pagefind') count += countHtml(path.join(dir, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.html')) count++;
  }
  return count;
}
