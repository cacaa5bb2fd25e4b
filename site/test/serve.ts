/** Serves a built site on 127.0.0.1 (a free port) under its base path, as a static host would. */
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../bot/widget/test/browser.js';
import type { BuiltSite } from '../../tooling/src/site/build.js';
import { removeBuild } from './helpers.js';

export interface StaticServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, { root, prefix: base.replace(/\/?$/, '/'), redirect: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new TypeError('Expected a TCP address');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export interface SiteInBrowser {
  /** Origin of the static server. */
  readonly origin: string;
  /** A Chromium page to drive. */
  readonly page: Page;
  /** Closes the browser and the server, and deletes the build. */
  close(): Promise<void>;
}

/** Serves a built site under `base` and opens a Chromium page for the browser tests. */
export async function openInBrowser(site: BuiltSite, base: string): Promise<SiteInBrowser> {
  const server = await serveStatic(site.outDir, base);
  const browser = await launchChromium();
  return {
    origin: server.origin,
    page: await browser.newPage(),
    async close() {
      await browser.close();
      await server.close();
      removeBuild(site);
    },
  };
}
