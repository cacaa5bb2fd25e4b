/**
 * URLs of the site's own index pages (home, type pages, tags, search). Atom pages get their URLs
 * from `identity.ts` only.
 */
import type { AtomType } from '../../../tooling/src/atom/schema.js';

/**
 * A site path under the base path, with a trailing slash for pages.
 *
 * @example sitePath('/docs', 'tags/') //=> '/docs/tags/'
 * @example sitePath('/docs', 'tags/', 'ja') //=> '/docs/ja/tags/'
 */
export function sitePath(base: string, path: string, locale?: string): string {
  const prefix = [base.replace(/^\/+|\/+$/g, ''), locale ?? ''].filter((part) => part !== '').join('/');
  return `/${prefix === '' ? '' : `${prefix}/`}${path.replace(/^\/+/, '')}`;
}

/** The index page of one atom type: `/<type>/` (`/<locale>/<type>/` in a locale). */
export function typePath(base: string, type: AtomType, locale?: string): string {
  return sitePath(base, `${type}/`, locale);
}

/** The page listing the atoms of one tag: `/tags/<tag>/` (tags are already URL-safe words). */
export function tagPath(base: string, tag: string, locale?: string): string {
  return sitePath(base, `tags/${encodeURIComponent(tag)}/`, locale);
}
