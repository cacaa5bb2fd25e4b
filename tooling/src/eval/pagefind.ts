/**
 * The docs site's own search as a ranker: the built site (`site/dist`) is served on 127.0.0.1,
 * headless Chromium loads the site's `pagefind/pagefind.js` and calls `search()` exactly as the
 * search box does, and the result pages are mapped back to atom ids through `atomUrl`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Browser, Page } from 'playwright-core';
import { atomUrl } from '../atom/identity.js';
import { importOptional } from '../package/optional.js';
import { MAX_RANK } from './metrics.js';
import type { Ranker } from './ranker.js';

export interface PagefindRankerOptions {
  /** The built site (it holds `pagefind/pagefind.js`). */
  readonly distDir: string;
  /** Site base path the site was built with, e.g. `/` or `/docs`. */
  readonly base: string;
  /** Ids of the atoms the site was built from. */
  readonly atomIds: readonly string[];
  /** @default '/usr/bin/chromium' */
  readonly executablePath?: string;
}

/** Chromium flags that work on a headless CI machine (ENVIRONMENT.md). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Why Pagefind cannot run against `distDir`, or undefined when it can. */
export function pagefindUnavailable(distDir: string, executablePath = '/usr/bin/chromium'): string | undefined {
  if (!existsSync(path.join(distDir, 'pagefind', 'pagefind.js'))) return `no Pagefind index in ${distDir} (build the site first: \`atomkit site build\`)`;
  if (!existsSync(executablePath)) return `Chromium not found at ${executablePath}`;
  return undefined;
}

/** Pagefind's `search()` in a headless browser, as the site's search box calls it. */
export interface PagefindSearch {
  /**
   * The URLs of the first `k` results, and the milliseconds the page spent on them: `search()` and
   * each result's `data()` (what the search box shows), timed in the page, not over the wire.
   */
  search(text: string, language: string, k: number): Promise<{ urls: string[]; ms: number }>;
  close(): Promise<void>;
}

/** Serves `distDir` on 127.0.0.1 and opens its `pagefind/pagefind.js` in headless Chromium. */
export async function openPagefindSearch(options: Omit<PagefindRankerOptions, 'atomIds'>): Promise<PagefindSearch & { origin: string }> {
  const { chromium } = await importOptional<typeof import('playwright-core')>('playwright-core', 'Pagefind search (it runs in a headless browser)');
  const base = atomUrl('', options.base);
  const server = Fastify({ logger: false });
  await server.register(fastifyStatic, { root: path.resolve(options.distDir), prefix: base });
  const origin = await server.listen({ host: '127.0.0.1', port: 0 });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: options.executablePath ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const opened = browser;
    const script = `${origin}${base}pagefind/pagefind.js`;
    // One page per question language: Pagefind searches the index of the page's `<html lang>`,
    // as on a page of that locale of the site.
    const pages = new Map<string, Promise<Page>>();
    const pageFor = (language: string): Promise<Page> => {
      let page = pages.get(language);
      if (!page) {
        page = (async () => {
          const tab = await opened.newPage();
          // Any document of the origin will do: the module is imported from the page's context.
          await tab.goto(script);
          await tab.evaluate(`(async () => {
            document.documentElement.setAttribute('lang', ${JSON.stringify(language)});
            const pagefind = await import(${JSON.stringify(script)});
            await pagefind.init();
            globalThis.__atomkitPagefind = pagefind;
          })()`);
          return tab;
        })();
        pages.set(language, page);
      }
      return page;
    };
    await pageFor('en');
    return {
      origin,
      async search(text, language, k) {
        const page = await pageFor(language);
        return (await page.evaluate(`(async () => {
          const started = performance.now();
          const response = await globalThis.__atomkitPagefind.search(${JSON.stringify(text)});
          const top = await Promise.all(response.results.slice(0, ${k}).map((result) => result.data()));
          return { urls: top.map((data) => data.url), ms: performance.now() - started };
        })()`)) as { urls: string[]; ms: number };
      },
      async close() {
        await opened.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

export async function openPagefindRanker(options: PagefindRankerOptions): Promise<Ranker> {
  const byUrl = new Map(options.atomIds.map((id) => [atomUrl(id, atomUrl('', options.base)), id]));
  const pagefind = await openPagefindSearch(options);
  return {
    name: 'pagefind',
    async rank(query) {
      const { urls } = await pagefind.search(query.text, query.language, MAX_RANK);
      // A page that is not an atom (home, tag list) keeps its place in the ranking under its URL.
      return urls.map((url) => byUrl.get(pagePath(url, pagefind.origin)) ?? pagePath(url, pagefind.origin));
    },
    close: () => pagefind.close(),
  };
}

/**
 * The page path of a Pagefind result URL: no origin, query, hash or `index.html`, trailing slash.
 *
 * @example pagePath('/docs/error/x/index.html#fix', 'http://127.0.0.1:1') //=> '/docs/error/x/'
 */
export function pagePath(url: string, origin: string): string {
  const { pathname } = new URL(url, origin);
  const decoded = decodeURI(pathname).replace(/(?:index)?\.html$/, '');
  return decoded.endsWith('/') ? decoded : `${decoded}/`;
}
