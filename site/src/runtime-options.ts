/**
 * What the site needs to know about the project at build time. The integration serves it to the
 * content loader and the pages as the `virtual:atomkit/site` module.
 */
export interface SiteRuntimeOptions {
  /** Absolute path of the atoms folder. */
  readonly atomsDir: string;
  /** Absolute project root (edit links are relative to it). */
  readonly projectRoot: string;
  /** Site base path, e.g. `/` or `/atomkit`. */
  readonly base: string;
  /** Origin the site is served from, for absolute links in `llms.txt`. */
  readonly siteUrl: string;
  /** Where lint rules are documented (`lint.docsUrl`), for the links of build errors. */
  readonly docsUrl: string;
  readonly title: string;
  /** URL of the repository folder that holds the project, for edit links. */
  readonly editUrl: string;
  /** BCP 47 tag of atoms without `language`. */
  readonly defaultLanguage: string;
  /** Locale folders of `atoms/` (e.g. `ja`). */
  readonly locales: readonly string[];
  /** Publish `status: draft` atoms (dev shows them, production builds do not). */
  readonly drafts: boolean;
  /** `dev` logs invalid atoms and skips them; `build` stops on them. */
  readonly command: 'dev' | 'build';
}

export const VIRTUAL_MODULE = 'virtual:atomkit/site';

/** Where `buildSite()`/`devSite()` put their options for `astro.config.mjs` to pick up. */
export const SITE_OPTIONS = Symbol.for('atomkit.site');

/** What `buildSite()`/`devSite()` hand to `astro.config.mjs`. */
export interface SiteConfigOptions {
  readonly config: import('../../tooling/src/config/load.js').AtomkitConfig;
  /** Atoms folder to publish. @default config.atoms.dirAbs */
  readonly atomsDir?: string;
  /** Output folder. @default site/dist */
  readonly outDir?: string;
  /** Publish drafts. @default true in dev, false in builds */
  readonly drafts?: boolean;
  /** Astro's cache folder (keeps rendered atoms between builds). @default site/node_modules/.astro */
  readonly cacheDir?: string;
  /**
   * The atoms of `atomsDir`, already parsed and checked by `buildSite()`: the loader uses them
   * instead of parsing every file a second time.
   */
  readonly checkedAtoms?: readonly import('../../tooling/src/atom/load.js').Atom[];
}
