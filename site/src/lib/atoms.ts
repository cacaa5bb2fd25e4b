/**
 * The published atoms as the index pages see them: the store's atoms, sorted by title, grouped by
 * type or tag.
 */
import site from 'virtual:atomkit/site';
import { atomLocale, atomUrl } from '../../../tooling/src/atom/identity.js';
import type { AtomType } from '../../../tooling/src/atom/schema.js';
import type { AtomPageInfo } from '../../../tooling/src/site/page-data.js';
import { sharedStore } from '../shared-store.js';
import type { AtomStore } from '../store.js';

/** An atom as lists show it. */
export interface AtomEntry {
  readonly id: string;
  readonly body?: string;
  readonly data: { readonly title: string; readonly description?: string; readonly atom: AtomPageInfo };
  /** Set on an untranslated atom listed in another locale: the language it is written in. */
  readonly untranslatedFrom?: string;
}

/** The store the integration shared for this site. */
export function atomStore(): AtomStore {
  const store = sharedStore(site.storeKey);
  if (!store) throw new Error('atomkit: the atoms were not loaded; is the atomkit plugin in Starlight\'s `plugins`?');
  return store;
}

// Thousands of index pages list the same atoms: each list is made once per load of the atoms.
const derived = new WeakMap<AtomStore, { version: number; values: Map<string, unknown> }>();

function once<T>(key: string, make: () => T): T {
  const store = atomStore();
  let cache = derived.get(store);
  if (cache?.version !== store.version) derived.set(store, (cache = { version: store.version, values: new Map() }));
  if (!cache.values.has(key)) cache.values.set(key, make());
  return cache.values.get(key) as T;
}

/** Every published atom, sorted by title. */
export function atomEntries(): AtomEntry[] {
  return once('all', () => atomStore().atoms().map((atom) => ({ id: atom.id, body: atom.body, data: { title: atom.title, description: atom.description, atom: atom.atom } })));
}

/** A locale's atoms by type (see `localeAtomEntries`). */
export function localeTypes(locale: string | undefined): Map<AtomType, AtomEntry[]> {
  return once(`types:${locale ?? ''}`, () => groupByType(localeAtomEntries(locale)));
}

/** A locale's tags with their atoms, most used first (see `localeAtomEntries`). */
export function localeTags(locale: string | undefined): [string, AtomEntry[]][] {
  return once(`tags:${locale ?? ''}`, () => groupByTag(localeAtomEntries(locale)));
}

/**
 * The atoms one locale's index pages list. The root locale lists the atoms of the default language;
 * another locale lists its translations, then the atoms not translated into it, linked to their
 * fallback pages under the locale and marked with their language.
 */
export function localeAtomEntries(locale: string | undefined): AtomEntry[] {
  return once(`entries:${locale ?? ''}`, () => entriesOfLocale(atomEntries(), locale));
}

function entriesOfLocale(entries: readonly AtomEntry[], locale: string | undefined): AtomEntry[] {
  const own = entries.filter((entry) => atomLocale(entry.data.atom.id, site.locales) === locale);
  if (locale === undefined) return own;
  const translated = new Set(own.map((entry) => entry.id));
  const untranslated = entries
    .filter((entry) => atomLocale(entry.data.atom.id, site.locales) === undefined && !translated.has(`${locale}/${entry.id}`))
    .map((entry) => ({
      ...entry,
      data: { ...entry.data, atom: { ...entry.data.atom, url: atomUrl(`${locale}/${entry.id}`, site.base) } },
      untranslatedFrom: entry.data.atom.language ?? site.defaultLanguage,
    }));
  return [...own, ...untranslated];
}

export function groupByType(entries: readonly AtomEntry[]): Map<AtomType, AtomEntry[]> {
  const groups = new Map<AtomType, AtomEntry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.data.atom.type);
    if (list) list.push(entry);
    else groups.set(entry.data.atom.type, [entry]);
  }
  return groups;
}

/** Tags with their atoms, most used first, then alphabetically. */
export function groupByTag(entries: readonly AtomEntry[]): [string, AtomEntry[]][] {
  const groups = new Map<string, AtomEntry[]>();
  for (const entry of entries) {
    for (const tag of entry.data.atom.tags) {
      const list = groups.get(tag);
      if (list) list.push(entry);
      else groups.set(tag, [entry]);
    }
  }
  return [...groups].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b, 'en'));
}
