/**
 * `atomkit/starlight`: the Starlight plugin that publishes a knowledge base of atoms in a Starlight
 * site, beside the site's own docs: atom pages, type and tag indexes, search, FAQ rendering,
 * `llms.txt`, and the chat widget on every page. The site's `docs` collection and content config
 * stay the site's own.
 *
 * @example
 * // astro.config.mjs
 * starlight({ title: 'Acme docs', plugins: [atomkit({ atomsDir: 'atoms', base: 'kb' })] })
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StarlightPlugin, StarlightUserConfig } from '@astrojs/starlight/types';
import { AstroError } from 'astro/errors';
import { z } from 'astro/zod';
import { ConfigError, loadConfig, type AtomkitConfig } from '../../tooling/src/config/load.js';
import { atomkitIntegration } from './integration.js';
import { atomSidebar } from './lib/sidebar.js';
import { sibling } from './sibling.js';

const optionsSchema = z.object({
  /** The atoms folder, relative to the Astro project root. @default the config's `atoms.dir` */
  atomsDir: z.string().min(1).optional(),
  /** Where the knowledge base's pages live below the site's base. @example 'kb' @default '' */
  base: z.string().regex(/^\/?([A-Za-z0-9._~-]+\/?)*$/, 'a path like `kb` or `docs/kb`').default(''),
  /** atomkit.config.yaml, relative to the Astro project root. @default the one in the project root */
  config: z.string().min(1).optional(),
  /** Base URL of the chat service (`atomkit serve`). @default the knowledge base's own path, as `atomkit start` serves both */
  chatUrl: z.string().min(1).optional(),
  /** Publish `status: draft` atoms. @default true in `astro dev`, false in builds */
  drafts: z.boolean().optional(),
  /** `group`: one sidebar group after the site's own entries; `items`: the entries at the top; `false`: none. @default 'group' */
  sidebar: z.union([z.enum(['group', 'items']), z.literal(false)]).default('group'),
});

export type AtomkitStarlightOptions = z.input<typeof optionsSchema> & {
  /** The loaded configuration, for callers that have one (`atomkit site build`). */
  readonly atomkitConfig?: AtomkitConfig;
};

export default function atomkit(userOptions: AtomkitStarlightOptions = {}): StarlightPlugin {
  const { atomkitConfig, ...rest } = userOptions;
  const parsed = optionsSchema.safeParse(rest);
  if (!parsed.success) {
    throw new AstroError(`Invalid atomkit/starlight options: ${parsed.error.issues.map((issue) => `\`${issue.path.join('.')}\` ${issue.message}`).join('; ')}.`, 'See the "Adopt atomkit" section of the atomkit README.');
  }
  const options = parsed.data;
  return {
    name: 'atomkit',
    hooks: {
      'config:setup'({ config: starlight, astroConfig, addIntegration, updateConfig, addRouteMiddleware, logger }) {
        const astroRoot = fileURLToPath(astroConfig.root);
        const config = atomkitConfig ?? projectConfig(astroRoot, options.config);
        const routeBase = options.base.replace(/^\/+|\/+$/g, '');
        const base = joinPath(astroConfig.base, routeBase);
        if (normalPath(config.site.base) !== base) {
          throw new AstroError(
            `The knowledge base's pages are at \`${base}\`, but \`site.base\` in ${config.file ?? 'the atomkit config'} is \`${config.site.base}\`.`,
            `Set \`site.base: ${base}\` so chat citations and lint links point at the atom pages.`,
          );
        }
        // A locale folder of atoms needs a Starlight locale to give its pages their language.
        const siteLocales = Object.keys(starlight.locales ?? {}).filter((locale) => locale !== 'root');
        const locales = config.atoms.locales.filter((locale) => siteLocales.includes(locale));
        for (const locale of config.atoms.locales) {
          if (!locales.includes(locale)) logger.warn(`atoms/${locale}/ is not published: the site has no \`${locale}\` locale in Starlight's \`locales\`.`);
        }
        addIntegration(
          atomkitIntegration({
            store: {
              atomsDir: options.atomsDir ? path.resolve(astroRoot, options.atomsDir) : config.atoms.dirAbs,
              projectRoot: config.root,
              base,
              siteUrl: astroConfig.site ?? config.site.url,
              docsUrl: config.lint.docsUrl,
              editUrl: config.site.editUrl,
              defaultLanguage: config.atoms.defaultLanguage,
              locales,
              ...(options.drafts !== undefined ? { drafts: options.drafts } : {}),
            },
            routeBase,
            site: { base, siteUrl: astroConfig.site ?? config.site.url, title: config.site.title, defaultLanguage: config.atoms.defaultLanguage, locales, chatUrl: options.chatUrl ?? base },
            notFound: starlight.disable404Route === true,
          }),
        );
        const items = atomSidebar(routeBase);
        // Without a sidebar of its own, Starlight lists every docs page: so it still does, first.
        const sidebar: StarlightUserConfig['sidebar'] =
          options.sidebar === 'items'
            ? [...(starlight.sidebar ?? []), ...items]
            : options.sidebar === 'group'
              ? [...(starlight.sidebar ?? [{ autogenerate: { directory: '' } }]), { label: config.site.title, items }]
              : starlight.sidebar;
        const components = { ...starlight.components };
        if (components.Footer) logger.warn('The site overrides Starlight\'s `Footer`, so the chat widget is not added: render `atomkit/starlight/components/ChatSlot.astro` in your footer.');
        else components.Footer = sibling(import.meta.url, 'components/Footer.astro');
        updateConfig({
          ...(sidebar ? { sidebar } : {}),
          components,
          customCss: [...(starlight.customCss ?? []), sibling(import.meta.url, 'styles/atomkit.css')],
        });
        addRouteMiddleware({ entrypoint: sibling(import.meta.url, 'route-data', 'script') });
      },
    },
  };
}

function projectConfig(astroRoot: string, file: string | undefined): AtomkitConfig {
  try {
    return loadConfig({ cwd: astroRoot, ...(file ? { file } : {}) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const place = error.file ? `${error.file}${error.start ? `:${error.start.line}:${error.start.column}` : ''} ` : '';
    throw new AstroError(`${place}${error.message}`, error.hint);
  }
}

/**
 * A path's normal form: a leading slash, no trailing one, `/` for the root.
 *
 * @example joinPath('/docs/', 'kb') //=> '/docs/kb'
 */
function joinPath(...parts: string[]): string {
  return normalPath(parts.join('/'));
}

function normalPath(value: string): string {
  const trimmed = value.split('/').filter(Boolean).join('/');
  return `/${trimmed}`;
}
