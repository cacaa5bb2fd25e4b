/**
 * Every page of the knowledge base, for its one route: home, search, tags, type and tag indexes
 * (a page per `PAGE_SIZE` atoms), and the atom pages, in the default language and in each locale,
 * where an atom nobody translated has a fallback page in the default language.
 */
import site from 'virtual:atomkit/site';
import { atomLocale } from '../../../tooling/src/atom/identity.js';
import { ATOM_TYPES, type AtomType } from '../../../tooling/src/atom/schema.js';
import { atomEntries, localeTags, localeTypes } from './atoms.js';
import { pageCount } from './paging.js';

export type SitePage = { readonly locale: string | undefined } & (
  | { readonly kind: 'home' | 'search' | 'tags' }
  | { readonly kind: 'type'; readonly type: AtomType; readonly page: number }
  | { readonly kind: 'tag'; readonly tag: string; readonly page: number }
  | { readonly kind: 'atom'; readonly id: string; readonly fallback: boolean }
);

export interface SitePath {
  /** The page's path below the knowledge base's base, without slashes at the ends; none for its home. */
  readonly params: { readonly page: string | undefined };
  readonly props: SitePage;
}

/** What `getStaticPaths()` returns for the knowledge base's route. */
export function sitePaths(): SitePath[] {
  const paths: SitePath[] = [];
  const add = (route: string, props: SitePage) => paths.push({ params: { page: [props.locale, route].filter(Boolean).join('/') || undefined }, props });
  const entries = atomEntries();
  for (const locale of [undefined, ...site.locales]) {
    add('', { kind: 'home', locale });
    add('search', { kind: 'search', locale });
    add('tags', { kind: 'tags', locale });
    const types = localeTypes(locale);
    for (const type of ATOM_TYPES) {
      for (let page = 1; page <= pageCount(types.get(type)?.length ?? 0); page++) add(page === 1 ? type : `${type}/page/${page}`, { kind: 'type', type, page, locale });
    }
    for (const [tag, tagged] of localeTags(locale)) {
      for (let page = 1; page <= pageCount(tagged.length); page++) add(page === 1 ? `tags/${tag}` : `tags/${tag}/page/${page}`, { kind: 'tag', tag, page, locale });
    }
  }
  const ids = new Set(entries.map((entry) => entry.id));
  for (const entry of entries) {
    const locale = atomLocale(entry.data.atom.id, site.locales);
    paths.push({ params: { page: entry.id }, props: { kind: 'atom', id: entry.id, fallback: false, locale } });
    if (locale !== undefined) continue;
    for (const other of site.locales) {
      if (!ids.has(`${other}/${entry.id}`)) paths.push({ params: { page: `${other}/${entry.id}` }, props: { kind: 'atom', id: entry.id, fallback: true, locale: other } });
    }
  }
  return paths;
}
