/**
 * Builds or serves the docs site with Astro's JS API, so `atomkit site build|dev` and `atomkit start`
 * share one code path. The atoms are checked first: an invalid atom stops the build with the
 * linter's messages before Astro starts.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroInlineConfig } from 'astro';
import { SITE_OPTIONS, type SiteConfigOptions } from '../../../site/src/runtime-options.js';
import { loadAtoms } from '../atom/load.js';
import { linkRoot } from '../atom/outside-links.js';
import { AtomCheckError, checkAtoms } from './check.js';

/** The Astro project of the site. */
export const SITE_ROOT = fileURLToPath(new URL('../../../site/', import.meta.url));

export interface SiteOptions extends SiteConfigOptions {
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
 * Builds the site into `outDir` (site/dist by default), Pagefind index included. Builds that run at
 * the same time need output folders inside the working directory: Astro stages an output folder
 * outside it in a shared `<cwd>/.astro`.
 *
 * @throws AtomCheckError when an atom is invalid or a `related` title does not resolve.
 * @example await buildSite({ config: loadConfig() }) //=> { outDir: '/repo/site/dist', atoms: 31, pages: 45 }
 */
export async function buildSite(options: SiteOptions): Promise<BuiltSite> {
  const atomsDir = options.atomsDir ?? options.config.atoms.dirAbs;
  const atoms = loadAtoms({ root: atomsDir, projectRoot: linkRoot(atomsDir, options.config.root), base: options.config.site.base, locales: options.config.atoms.locales });
  const { config } = options;
  const diagnostics = checkAtoms(atoms, { root: config.root, docsUrl: config.lint.docsUrl, defaultLanguage: config.atoms.defaultLanguage });
  if (diagnostics.length > 0) throw new AtomCheckError(diagnostics);

  const outDir = path.resolve(options.outDir ?? path.join(SITE_ROOT, 'dist'));
  const { build } = await import('astro');
  await withSiteOptions({ ...options, atomsDir, outDir, checkedAtoms: atoms }, () =>
    build({ root: SITE_ROOT, mode: 'production', logLevel: options.logLevel ?? 'info' }),
  );
  const published = atoms.filter((atom) => atom.header && (options.drafts || atom.header.status !== 'draft')).length;
  return { outDir, atoms: published, pages: countHtml(outDir) };
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
  const { dev } = await import('astro');
  const restore = setSiteOptions(options, 'development');
  const server = await dev({
    root: SITE_ROOT,
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

async function withSiteOptions<T>(options: SiteConfigOptions, run: () => Promise<T>): Promise<T> {
  const restore = setSiteOptions(options, 'production');
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

/** Hands `options` to astro.config.mjs; returns the function that takes them back. */
function setSiteOptions(options: SiteConfigOptions, nodeEnv: 'production' | 'development'): () => void {
  const slot = globalThis as { [SITE_OPTIONS]?: SiteConfigOptions };
  slot[SITE_OPTIONS] = options;
  const saved = VITE_RESERVED_ENV.map((key) => [key, process.env[key]] as const);
  for (const [key] of saved) delete process.env[key];
  process.env.NODE_ENV = nodeEnv;
  return () => {
    delete slot[SITE_OPTIONS];
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
