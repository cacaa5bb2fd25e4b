/**
 * Index pages list at most `PAGE_SIZE` atoms each, so a type or tag with thousands of atoms makes
 * more pages, not bigger ones. Page 1 lives at the index's own path, page n at `<path>page/<n>/`.
 */
export const PAGE_SIZE = 100;

/** How many pages `count` atoms fill (at least one, so an empty index still has its page). */
export function pageCount(count: number): number {
  return Math.max(1, Math.ceil(count / PAGE_SIZE));
}

/** The items of 1-based page `page`. */
export function pageItems<T>(items: readonly T[], page: number): T[] {
  return items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

/**
 * @example pagePath('/kb/error/', 1) //=> '/kb/error/'
 * @example pagePath('/kb/error/', 3) //=> '/kb/error/page/3/'
 */
export function pagePath(firstPage: string, page: number): string {
  return page === 1 ? firstPage : `${firstPage}page/${page}/`;
}
