/**
 * The published atoms as the index pages see them: docs entries that carry atom data, sorted by
 * title, grouped by type or tag.
 */
import { getCollection } from 'astro:content';
import type { AtomType } from '../../../tooling/src/atom/schema.js';
import type { AtomPageInfo } from '../../../tooling/src/site/page-data.js';

/** A docs entry that is an atom (the fields the index pages read). */
export interface AtomEntry {
  readonly id: string;
  readonly body?: string;
  readonly data: { readonly title: string; readonly description?: string; readonly atom: AtomPageInfo };
}

const byTitle = (a: AtomEntry, b: AtomEntry) => a.data.title.localeCompare(b.data.title, 'en');

export async function atomEntries(): Promise<AtomEntry[]> {
  const entries = (await getCollection('docs')) as unknown as { id: string; body?: string; data: Partial<AtomEntry['data']> }[];
  return entries.filter((entry): entry is AtomEntry => entry.data.atom !== undefined).sort(byTitle);
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
