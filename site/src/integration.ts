/**
 * The atomkit Astro integration: hands the project's site options to the content loader and the
 * pages through a virtual module, so nothing under `site/src` reads config files or the environment.
 */
import type { AstroIntegration } from 'astro';
import { externalsFromImporter } from './externals.js';
import { VIRTUAL_MODULE, type SiteRuntimeOptions } from './runtime-options.js';

export type AtomkitSiteOptions = Omit<SiteRuntimeOptions, 'drafts' | 'command'> & {
  /** Publish drafts. @default true in `astro dev`, false in builds */
  readonly drafts?: boolean;
};

export function atomkitSite(options: AtomkitSiteOptions): AstroIntegration {
  return {
    name: 'atomkit-site',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        const runtime: SiteRuntimeOptions = {
          ...options,
          command: command === 'dev' ? 'dev' : 'build',
          drafts: options.drafts ?? command === 'dev',
        };
        const resolved = `\0${VIRTUAL_MODULE}`;
        updateConfig({
          vite: {
            plugins: [
              externalsFromImporter(),
              {
                name: 'atomkit-site-options',
                resolveId: (id: string) => (id === VIRTUAL_MODULE ? resolved : undefined),
                load: (id: string) => (id === resolved ? `export default ${JSON.stringify(runtime)};` : undefined),
              },
            ],
          },
        });
      },
    },
  };
}
