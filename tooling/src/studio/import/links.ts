/**
 * Finds the imported piece a docs link points to, however the source wrote it: relative or
 * site-absolute, with or without `.md`/`.mdx`/`.html`, a trailing slash, an `index` or `README`
 * page, a locale or base prefix, a front matter `slug` or Docusaurus `id`, and an anchor, mapped
 * to the heading anchor on the atom page the piece becomes.
 */
import path from 'node:path';
import { anchorKey } from '../../text/anchor-key.js';
import type { Piece } from './split.js';

export interface PageRoute {
  readonly rel: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A leading URL segment that is not part of a page's path: a locale, a version, `docs`. */
const SITE_PREFIX = /^(?:[a-z]{2}(?:-[a-zA-Z]{2,4})?|v\d+(?:\.\d+)*|next|latest|current|docs?|documentation)$/;

export type LinkResolver = (fromPage: string, url: string) => { piece: Piece; anchor: string | undefined } | undefined;

/**
 * The resolver for one import.
 *
 * @example linkResolver(routes, byPage)('guide/index.md', '../config/#server') //=> { piece: <config/index.md piece with #server>, anchor: 'server' }
 */
export function linkResolver(routes: readonly PageRoute[], byPage: ReadonlyMap<string, readonly Piece[]>): LinkResolver {
  const byKey = new Map<string, string>();
  const add = (key: string, rel: string) => {
    if (!byKey.has(key)) byKey.set(key, rel);
  };
  for (const route of routes) {
    if (!byPage.has(route.rel)) continue;
    add(routeKey(route.rel), route.rel);
    const dir = path.posix.dirname(route.rel) === '.' ? '' : path.posix.dirname(route.rel);
    if (typeof route.data.id === 'string') add(routeKey(path.posix.join(dir, route.data.id)), route.rel);
    if (typeof route.data.slug === 'string') add(routeKey(route.data.slug.startsWith('/') ? route.data.slug : path.posix.join(dir, route.data.slug)), route.rel);
  }
  const keys = [...byKey.keys()];
  const bySuffix = (key: string): string | undefined => {
    // A folder above the docs in the import, or a locale, version or `docs` prefix on the link,
    // does not matter; any other first segment does (`/blog/x` is not the page `x`).
    const segments = key.split('/');
    for (let drop = 0; drop < segments.length && (drop === 0 || SITE_PREFIX.test(segments[drop - 1]!)); drop++) {
      const tail = segments.slice(drop).join('/');
      const matches = keys.filter((candidate) => candidate === tail || candidate.endsWith(`/${tail}`)).sort((a, b) => a.length - b.length);
      if (matches[0] !== undefined) return byKey.get(matches[0]);
    }
    return undefined;
  };
  /** Each page's anchors by their letters and digits, made when a link first needs them. */
  const looseAnchors = new WeakMap<readonly Piece[], LooseIndex>();
  return (fromPage, url) => {
    const hash = url.indexOf('#');
    const rawPath = (hash < 0 ? url : url.slice(0, hash)).replace(/\?.*$/, '');
    const anchor = hash < 0 ? undefined : safeDecode(url.slice(hash + 1));
    let rel: string | undefined;
    if (rawPath === '') rel = fromPage;
    else {
      const decoded = safeDecode(rawPath);
      const absolute = decoded.startsWith('/');
      const key = routeKey(absolute ? decoded : path.posix.join(path.posix.dirname(fromPage), decoded));
      rel = (!absolute ? byKey.get(key) : undefined) ?? (absolute && key === '' ? byKey.get('') : undefined) ?? bySuffix(key) ?? byKey.get(key);
    }
    const pieces = rel === undefined ? undefined : byPage.get(rel);
    if (!pieces || pieces.length === 0) return undefined;
    // Own keys only: a link to `#constructor` is not the aliases object's constructor.
    const aliasOf = (candidate: (typeof pieces)[number], id: string) => (Object.hasOwn(candidate.anchorAliases, id) ? candidate.anchorAliases[id] : undefined);
    const exact = anchor === undefined ? undefined : pieces.find((candidate) => candidate.anchors.includes(anchor) || aliasOf(candidate, anchor) !== undefined);
    const loose = anchor === undefined || exact ? undefined : looseMatch(looseAnchors.get(pieces) ?? looseAnchors.set(pieces, looseIndex(pieces)).get(pieces)!, anchor);
    const piece = exact ?? loose?.piece ?? pieces[0]!;
    const rendered = anchor === undefined ? undefined : (loose?.anchor ?? aliasOf(piece, anchor) ?? anchor);
    // A faq atom's questions are `Q:` lines, not headings: its page has no anchors.
    const onPage = rendered !== undefined && Object.hasOwn(piece.pageAnchors, rendered) && piece.type !== 'faq' ? piece.pageAnchors[rendered] : undefined;
    return { piece, anchor: onPage };
  };
}

/** A page's heading anchors by `anchorKey` (see `looseMatch`). */
type LooseIndex = ReadonlyMap<string, readonly { readonly piece: Piece; readonly anchor: string }[]>;

function looseIndex(pieces: readonly Piece[]): LooseIndex {
  const index = new Map<string, { piece: Piece; anchor: string }[]>();
  for (const piece of pieces) {
    for (const anchor of piece.anchors) {
      const key = anchorKey(anchor);
      const same = index.get(key);
      if (same) same.push({ piece, anchor });
      else index.set(key, [{ piece, anchor }]);
    }
  }
  return index;
}

/**
 * The one heading anchor of the page that an anchor written by another slug rule names. Each site
 * generator slugs a heading its own way: VitePress writes `server.watch` as `server-watch` and
 * `index.html and Project Root` as `index-html-and-project-root` where GitHub's rule, the one
 * imported pages use, writes `serverwatch` and `indexhtml-and-project-root`; MkDocs and docsify
 * write `a / b` as `a-b` where GitHub writes `a--b`. Read as their letters and digits, both say the
 * same; an anchor two headings of the page could be is matched to neither.
 *
 * @example looseMatch(looseIndex([<piece with anchor `serverwatch`>]), 'server-watch') //=> { piece: <that piece>, anchor: 'serverwatch' }
 */
function looseMatch(index: LooseIndex, anchor: string): { piece: Piece; anchor: string } | undefined {
  const key = anchorKey(anchor);
  const found = key === '' ? undefined : index.get(key);
  return found && new Set(found.map((match) => match.anchor)).size === 1 ? found[0] : undefined;
}

/** A page path as its route: no extension, no trailing `index`/`README`, no slashes at the ends. */
function routeKey(file: string): string {
  return path.posix
    .normalize(file)
    .replace(/^(?:\.\/|\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/\.(?:mdx?|markdown|html?)$/i, '')
    .replace(/(?:^|\/)(?:index|readme)$/i, '')
    .replace(/^\.$/, '');
}

function safeDecode(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    // A malformed escape is matched as written.
    return text;
  }
}
