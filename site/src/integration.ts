/**
 * The Astro integration the Starlight plugin adds: the knowledge base's routes (one for its pages,
 * two for `llms.txt`), its options for the pages as `virtual:atomkit/site`, and the atom store the
 * pages read (loaded when Astro starts, given the Markdown pipeline once Astro's configuration is
 * final, reloaded in dev when an atom changes). Rendered bodies are kept in Astro's cache folder
 * for the next build (`body-cache.ts`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';
import { isUnifiedProcessor, unified } from '@astrojs/markdown-remark';
import { atomRemarkPlugins } from '../../tooling/src/site/markdown-plugins.js';
import { formatDiagnostic } from '../../tooling/src/site/check.js';
import { faqGroupsOf } from '../../tooling/src/site/faq.js';
import { bodyCache, pipelineFingerprint, type BodyCache } from './body-cache.js';
import { externalsFromImporter } from './externals.js';
import { servePackageDirs } from './installed-packages.js';
import { sibling } from './sibling.js';
import { VIRTUAL_MODULE, type SiteRuntimeOptions } from './runtime-options.js';
import { shareStore, sharedStore, storeKey, unshareStore } from './shared-store.js';
import { AtomStore, type AtomStoreOptions, type BodyRenderer } from './store.js';

export interface AtomkitIntegrationOptions {
  /** The store's options, but for `drafts`, which follows the command unless set. */
  readonly store: Omit<AtomStoreOptions, 'drafts'> & { readonly drafts?: boolean };
  /** Where the pages live below the site's base (`''` or `kb`). */
  readonly routeBase: string;
  readonly site: Omit<SiteRuntimeOptions, 'storeKey'>;
  /** Add a 404 page (when the site is the knowledge base alone). */
  readonly notFound: boolean;
}

/** Packages Vite must bundle into the server build rather than leave to Node. */
const BUNDLED = ['atomkit', '@astrojs/starlight'];

export function atomkitIntegration(options: AtomkitIntegrationOptions): AstroIntegration {
  let store: AtomStore;
  let bodies: BodyCache | undefined;
  return {
    name: 'atomkit',
    hooks: {
      'astro:config:setup': ({ command, config, injectRoute, updateConfig, logger }) => {
        const dev = command === 'dev';
        const storeOptions: AtomStoreOptions = { ...options.store, drafts: options.store.drafts ?? dev };
        // `buildSite()` may have loaded and checked the atoms already.
        const ready = sharedStore(storeKey(storeOptions));
        store = ready ?? new AtomStore(storeOptions);
        if (!ready) for (const diagnostic of store.load(!dev)) logger.error(formatDiagnostic(diagnostic));
        const runtime: SiteRuntimeOptions = { ...options.site, storeKey: shareStore(store) };
        const route = (pattern: string) => [options.routeBase, pattern].filter(Boolean).join('/');
        injectRoute({ pattern: route('[...page]'), entrypoint: sibling(import.meta.url, 'routes/page.astro'), prerender: true });
        injectRoute({ pattern: route('llms.txt'), entrypoint: sibling(import.meta.url, 'routes/llms.txt', 'script'), prerender: true });
        injectRoute({ pattern: route('llms-full.txt'), entrypoint: sibling(import.meta.url, 'routes/llms-full.txt', 'script'), prerender: true });
        if (options.notFound) injectRoute({ pattern: '404', entrypoint: sibling(import.meta.url, 'routes/404.astro'), prerender: true });
        const resolved = `\0${VIRTUAL_MODULE}`;
        updateConfig({
          vite: {
            // Installed, the plugin's pages live in node_modules/atomkit, which Vite would leave to
            // Node to load as it is; they import Astro's virtual modules, so Vite must bundle them.
            // Starlight too: Astro finds it by the project's package.json, and a knowledge base
            // built without a site of its own has its Astro project in .atomkit/site, without one.
            // Astro 7 prerenders in an environment of its own, which takes the shared `resolve`.
            ssr: { noExternal: BUNDLED },
            resolve: { noExternal: BUNDLED },
            plugins: [
              externalsFromImporter(),
              servePackageDirs(),
              {
                name: 'atomkit-site-options',
                resolveId: (id: string) => (id === VIRTUAL_MODULE ? resolved : undefined),
                load: (id: string) => (id === resolved ? `export default ${JSON.stringify(runtime)};` : undefined),
              },
            ],
          },
        });
      },
      'astro:config:done': async ({ config, logger }) => {
        const { render, pipeline } = await bodyRenderer(config);
        const fingerprint = await pipelineFingerprint(pipeline, render);
        // Kept where Astro keeps its own content store between builds.
        bodies = fingerprint ? bodyCache(render, { dir: fileURLToPath(new URL('atomkit/bodies/', config.cacheDir)), fingerprint, warn: (message) => logger.warn(message) }) : undefined;
        store.setRenderer(bodies?.render ?? render);
      },
      'astro:server:setup': ({ server, logger }) => {
        const root = path.resolve(store.options.atomsDir);
        server.watcher.add(root);
        let running: Promise<void> = Promise.resolve();
        const onChange = (file: string) => {
          if (!path.resolve(file).startsWith(root + path.sep) || !/\.md$/i.test(file)) return;
          // Edits arrive in bursts (editors write twice); each reload starts after the previous one.
          running = running
            .then(() => {
              for (const diagnostic of store.load(false)) logger.error(formatDiagnostic(diagnostic));
              // Astro keeps each route's static paths until content changes: this is such a change.
              for (const environment of Object.values(server.environments)) if (environment.name !== 'client') environment.hot.send('astro:content-changed', {});
              server.environments.client?.hot.send({ type: 'full-reload', path: '*' });
            })
            .catch((error: unknown) => logger.error(String((error as Error).message ?? error)));
        };
        server.watcher.on('add', onChange);
        server.watcher.on('change', onChange);
        server.watcher.on('unlink', onChange);
      },
      'astro:build:done': () => {
        bodies?.prune();
        unshareStore(store);
      },
      'astro:server:done': () => unshareStore(store),
    },
  };
}

/**
 * The renderer of atom bodies, with the plugins and settings it runs (the fingerprint of what it
 * renders). Atom bodies go through the atom remark plugins first, then through what the site's own
 * unified pipeline holds (Starlight's directives and heading ids, Expressive Code), as `.md` pages
 * do; heading ids are github-slugger's, the anchors `headingAnchors()` gives chat citations. A site
 * on another Markdown processor has its plugins left out: they are not remark plugins.
 */
async function bodyRenderer(config: AstroConfig): Promise<{ render: BodyRenderer; pipeline: unknown }> {
  const { markdown } = config;
  const host = isUnifiedProcessor(markdown.processor) ? markdown.processor.options : undefined;
  const plugins = {
    remarkPlugins: [...atomRemarkPlugins, ...(host?.remarkPlugins ?? [])],
    rehypePlugins: [...(host?.rehypePlugins ?? [])],
    ...(host ? { remarkRehype: host.remarkRehype } : {}),
  };
  const settings = { syntaxHighlight: markdown.syntaxHighlight, shikiConfig: markdown.shikiConfig, gfm: markdown.gfm, smartypants: markdown.smartypants };
  const renderer = await unified(plugins).createRenderer(settings);
  return {
    render: async (body) => {
      const { code, metadata } = await renderer.render(body);
      return { html: code, headings: metadata.headings, faq: faqGroupsOf(metadata.frontmatter) };
    },
    pipeline: { ...plugins, ...settings },
  };
}
