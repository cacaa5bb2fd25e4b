/**
 * Where the pages find the atom store. The integration makes the store in Node; Astro runs the
 * pages in the same process (prerendering, and the dev server's module runner) but from a bundle
 * of their own, so the two meet through `globalThis`, keyed by `SiteRuntimeOptions.storeKey`.
 * This module stays small: the pages' bundle imports it, and nothing of the loader or the linter.
 */
import type { AtomStore, AtomStoreOptions } from './store.js';

const STORES = Symbol.for('atomkit.atom-stores');

function stores(): Map<string, AtomStore> {
  const slot = globalThis as { [STORES]?: Map<string, AtomStore> };
  return (slot[STORES] ??= new Map());
}

/** The key a store is shared under: same folder and publishing options, same atoms. */
export function storeKey(options: AtomStoreOptions): string {
  return JSON.stringify([options.atomsDir, options.projectRoot, options.base.split('/').filter(Boolean).join('/'), options.drafts, options.locales, options.editUrl ?? null]);
}

/** Makes a store the one pages with this key read. */
export function shareStore(store: AtomStore): string {
  const key = storeKey(store.options);
  stores().set(key, store);
  return key;
}

/** The store shared under `key`, if one is. */
export function sharedStore(key: string): AtomStore | undefined {
  return stores().get(key);
}

/** Stops sharing a store (after a build, or when the dev server stops). */
export function unshareStore(store: AtomStore): void {
  const key = storeKey(store.options);
  if (stores().get(key) === store) stores().delete(key);
}
