/**
 * What the site's pages need to know about the knowledge base. The integration serves it to them
 * as the `virtual:atomkit/site` module.
 */
export interface SiteRuntimeOptions {
  /** Path of the knowledge base's pages, the site's base included (`/`, `/docs/kb`). */
  readonly base: string;
  /** Origin the site is served from, for absolute links in `llms.txt`. */
  readonly siteUrl: string;
  readonly title: string;
  /** BCP 47 tag of atoms without `language`. */
  readonly defaultLanguage: string;
  /** Locale folders of `atoms/` the site has pages for (e.g. `ja`). */
  readonly locales: readonly string[];
  /** Base URL of the chat service the widget talks to and loads its script from. */
  readonly chatUrl: string;
  /** Where the pages find the atoms (`store.ts`). */
  readonly storeKey: string;
}

export const VIRTUAL_MODULE = 'virtual:atomkit/site';
