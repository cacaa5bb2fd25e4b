/**
 * The Astro configuration of a knowledge base without a Starlight site of its own: Starlight with
 * the atomkit plugin and nothing else, made from atomkit.config.yaml. `atomkit site build|dev`
 * run it, and so does atomkit's own handbook (site/astro.config.mjs). Everything Astro writes
 * (its `.astro` folder, its cache, the output) goes under the knowledge base's project.
 */
import path from 'node:path';
import type { AstroInlineConfig } from 'astro';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import type { AtomkitConfig } from '../../tooling/src/config/load.js';
import { starlightLocales } from './lib/i18n.js';
import atomkit from './plugin.js';
import { sibling } from './sibling.js';

export interface StandaloneOptions {
  /** Atoms folder to publish. @default config.atoms.dirAbs */
  readonly atomsDir?: string;
  /** Output folder. @default <project>/site/dist */
  readonly outDir?: string;
  /** Publish drafts. @default true in dev, false in builds */
  readonly drafts?: boolean;
  /** Astro's cache (keeps optimized assets between builds). @default <project>/.atomkit/site/cache */
  readonly cacheDir?: string;
}

/** Where Astro's project lives for a knowledge base: its `.astro` folder goes there. */
export function standaloneRoot(config: Pick<AtomkitConfig, 'root'>): string {
  return path.join(config.root, '.atomkit', 'site');
}

/** Where a knowledge base's site is built by default. */
export function siteOutDir(config: Pick<AtomkitConfig, 'root'>): string {
  return path.join(config.root, 'site', 'dist');
}

/**
 * @example standaloneSite(loadConfig()).outDir //=> '/repo/site/dist'
 */
export function standaloneSite(config: AtomkitConfig, options: StandaloneOptions = {}): AstroInlineConfig {
  const root = standaloneRoot(config);
  const locales = starlightLocales(config.atoms.defaultLanguage, config.atoms.locales);
  return {
    configFile: false,
    root,
    srcDir: path.join(root, 'src'),
    publicDir: sibling(import.meta.url, '../public'),
    outDir: options.outDir ?? siteOutDir(config),
    cacheDir: options.cacheDir ?? path.join(root, 'cache'),
    site: config.site.url,
    base: config.site.base,
    // Astro's log, less its warnings about the Starlight collections such a site has no use for.
    logger: { entrypoint: sibling(import.meta.url, 'logger', 'script') },
    // The unified (remark) processor, not Astro's default Sätteri: atom bodies take the site's
    // remark plugins (Starlight's, Expressive Code) after their own.
    markdown: { processor: unified() },
    integrations: [
      starlight({
        title: config.site.title,
        description: 'Knowledge atoms: one idea per page, each with its type, tags, related atoms and FAQ.',
        ...(locales ? { defaultLocale: 'root', locales } : {}),
        social: config.site.repoUrl ? [{ icon: /gitlab/i.test(config.site.repoUrl) ? 'gitlab' : 'github', label: 'Source', href: config.site.repoUrl }] : [],
        pagination: false,
        disable404Route: true,
        plugins: [
          atomkit({
            atomkitConfig: config,
            ...(options.atomsDir ? { atomsDir: options.atomsDir } : {}),
            ...(options.drafts !== undefined ? { drafts: options.drafts } : {}),
            sidebar: 'items',
          }),
        ],
      }),
    ],
  };
}
