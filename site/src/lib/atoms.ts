/**
 * The published atoms as the index pages see them: docs entries that carry atom data, sorted by
 * title, grouped by type or tag.
 */
import { getCollection } from 'astro:content';
import site from 'virtual:atomkit/site';
import { atomLocale, atomUrl } from '../../../tooling/src/atom/identity.js';
import type { AtomType } from '../../../tooling/src/atom/schema.js';
import type { AtomPageInfo } from '../../../tooling/src/site/page-data.js';

/** A docs entry that is an atom (the fields the index pages read). */
export interface AtomEntry {
  readonly id: string;
  readonly body?: string;
  readonly data: { readonly title: string; readonly description?: string; readonly atom: AtomPageInfo };
  /** Set on an untranslated atom listed in another locale: the language it is written in. */
  readonly untranslatedFrom?: string;
}

const byTitle = (a: AtomEntry, b: AtomEntry) => a.data.title.localeCompare(b.data.title, 'en');

export async function atomEntries(): Promise<AtomEntry[]> {
  const entries = (await getCollection('docs')) as unknown as { id: string; body?: string; data: Partial<AtomEntry['data']> }[];
  return entries.filter((entry): entry is AtomEntry => entry.data.atom !== undefined).sort(byTitle);
}

/**
 * The atoms one locale's index pages list. The root locale lists the atoms of the default language;
 * another locale lists its translations, then the atoms not translated into it, linked to their
 * fallback pages under the locale and marked with their language.
 */
export async function localeAtomEntries(locale: string | undefined): Promise<AtomEntry[]> {
  const entries = await atomEntries();
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
