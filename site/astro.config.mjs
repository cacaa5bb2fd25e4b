// The docs site's Astro configuration, made from the project's atomkit.config.yaml.
// `buildSite()`/`devSite()` (tooling/src/site/build.ts) hand their options over under
// `Symbol.for('atomkit.site')`: Astro must load this file itself, because Starlight only loads
// through Vite. The plain `astro` CLI (`npx astro dev --root site`) reads the config file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { loadConfig } from '../tooling/src/config/load.ts';
import { atomRemarkPlugins } from '../tooling/src/site/markdown-plugins.ts';
import { atomkitSite } from './src/integration.ts';
import { starlightLocales } from './src/lib/i18n.ts';
import { sidebar } from './src/lib/sidebar.ts';
import { SITE_OPTIONS } from './src/runtime-options.ts';

const siteRoot = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('./src/runtime-options.ts').SiteConfigOptions} */
const options = globalThis[SITE_OPTIONS] ?? { config: loadConfig({ cwd: path.dirname(siteRoot) }) };
const { config } = options;
// English (the default language) is the root locale; each locale folder of atoms/ is a locale whose
// untranslated pages fall back to the default language.
const locales = starlightLocales(config.atoms.defaultLanguage, config.atoms.locales);

export default defineConfig({
  site: config.site.url,
  base: config.site.base,
  outDir: options.outDir ?? path.join(siteRoot, 'dist'),
  ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
  // The unified (remark) processor, not Astro's default Sätteri: atom bodies need the remark plugins
  // below, and heading anchors must stay those of `headingAnchors()`, which chat citations link to.
  markdown: { processor: unified({ remarkPlugins: [...atomRemarkPlugins] }) },
  integrations: [
    atomkitSite({
      atomsDir: options.atomsDir ?? config.atoms.dirAbs,
      projectRoot: config.root,
      base: config.site.base,
      siteUrl: config.site.url,
      docsUrl: config.lint.docsUrl,
      title: config.site.title,
      editUrl: config.site.editUrl,
      locales: config.atoms.locales,
      defaultLanguage: config.atoms.defaultLanguage,
      ...(options.drafts !== undefined ? { drafts: options.drafts } : {}),
    }),
    starlight({
      title: config.site.title,
      description: 'Knowledge atoms: one idea per page, each with its type, tags, related atoms and FAQ.',
      ...(locales ? { defaultLocale: 'root', locales } : {}),
      social: [{ icon: 'github', label: 'Source', href: config.site.repoUrl }],
      sidebar,
      pagination: false,
      disable404Route: true,
      customCss: ['./src/styles/atomkit.css'],
      routeMiddleware: './src/route-data.ts',
      components: {
        PageTitle: './src/components/AtomPageTitle.astro',
        MarkdownContent: './src/components/AtomMarkdownContent.astro',
        Footer: './src/components/Footer.astro',
      },
    }),
  ],
});
