/**
 * Links to documentation pages in a question. Tools print the page that explains an error beside it
 * ("Refer to docs https://vite.dev/config/server-options.html#server-fs-allow", atomkit's lint
 * messages link each rule's error atom): a pasted message that names a page of these docs asks
 * about that page, as one that quotes an error code asks about the code's atom. A page is known by
 * its path, not its host: the docs may be served from anywhere, and an imported atom names the
 * file it came from (`docs/config/server-options.md#server-fs-allow`), an atom its own page
 * (`error/frontmatter-schema`).
 */
import { anchorKey } from '../text/anchor-key.js';

/** A page named by a path: its folders and name (no extension, no `index`) and the section its fragment names (its letters and digits). */
export interface PageRef {
  readonly segments: readonly string[];
  readonly fragment: string | undefined;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>()`[\]{}]+/gi;
/** What a documentation page's file or URL ends with: `.html`, `.md`, `.mdx`. */
const PAGE_EXTENSION = /\.(?:html?|mdx?|markdown)$/i;
/** A folder's own page. */
const INDEX_PAGE = /^(?:index|readme)$/i;

/**
 * The documentation pages the text links to (http and https URLs with a path).
 *
 * @example pageLinks('See https://vite.dev/config/server-options.html#server-fs-allow.') [0].segments //=> ['config', 'server-options']
 */
export function pageLinks(text: string): (PageRef & { readonly url: string })[] {
  const links: (PageRef & { url: string })[] = [];
  for (const [raw] of text.matchAll(URL_IN_TEXT)) {
    let url: URL;
    try {
      // A sentence's closing punctuation is not part of the link.
      url = new URL(raw.replace(/[.,;:!?]+$/, ''));
    } catch {
      continue;
    }
    const page = pageRef(url.pathname, url.hash);
    if (page) links.push({ ...page, url: url.href });
  }
  return links;
}

/**
 * The page a source reference names: a URL, or a path with an optional `#anchor`.
 *
 * @example sourcePage('docs/guide/index.md') //=> { segments: ['docs', 'guide'], fragment: undefined }
 */
export function sourcePage(ref: string): PageRef | undefined {
  if (/^https?:\/\//i.test(ref)) return pageLinks(ref)[0];
  const hash = ref.indexOf('#');
  return pageRef(hash < 0 ? ref : ref.slice(0, hash), hash < 0 ? '' : ref.slice(hash));
}

function pageRef(pathname: string, hash: string): PageRef | undefined {
  const segments = pathname
    .split(/[/\\]/)
    .map((segment) => decode(segment).replace(PAGE_EXTENSION, '').toLowerCase())
    .filter((segment) => segment !== '' && segment !== '.');
  if (segments.length > 0 && INDEX_PAGE.test(segments.at(-1)!)) segments.pop();
  if (segments.length === 0) return undefined;
  // Sites slug a heading differently: a fragment is compared by its letters and digits.
  const fragment = anchorKey(decode(hash.replace(/^#/, '')));
  return { segments, fragment: fragment === '' ? undefined : fragment };
}

/**
 * Is the linked page this one? One path ends with the other, whole folder and page names: a URL
 * carries the site's base path (`/kb/error/x/`), a source file the docs folder (`docs/guide/x.md`).
 *
 * @example samePage({ segments: ['config', 'server-options'], fragment: undefined }, { segments: ['docs', 'config', 'server-options'], fragment: undefined }) //=> true
 */
export function samePage(link: PageRef, page: PageRef): boolean {
  const [shorter, longer] = link.segments.length <= page.segments.length ? [link.segments, page.segments] : [page.segments, link.segments];
  const offset = longer.length - shorter.length;
  return shorter.every((segment, i) => segment === longer[offset + i]);
}

/** A page an atom is: its own (its id is its page's path), or one its `sources` name. */
export interface AtomPage {
  readonly atomId: string;
  readonly page: PageRef;
}

/**
 * The atoms whose pages the text links to, each with the link. A link finds the atom made from
 * the section its fragment names (on a page of that name), else the one atom that is the whole page; a link that could be
 * to several pages (`/guide` when two folders have one) finds none. Of pages whose paths end alike,
 * the one whose path is the link's, or closest to it in length: `/error/x/` is not `/ja/error/x/`.
 *
 * @example linkedAtoms('see https://kb.example/error/x/', [{ atomId: 'error/x', page: sourcePage('error/x')! }]) //=> Map { 'error/x' => 'https://kb.example/error/x/' }
 */
export function linkedAtoms(text: string, pages: readonly AtomPage[]): Map<string, string> {
  const matches = new Map<string, string>();
  for (const link of pageLinks(text)) {
    const distance = (page: PageRef) => Math.abs(page.segments.length - link.segments.length);
    const same = pages.filter((entry) => samePage(link, entry.page));
    const closest = Math.min(...same.map((entry) => distance(entry.page)));
    const nearest = same.filter((entry) => distance(entry.page) === closest);
    // A section is found by its page's name and its fragment alone when no page of the link's path
    // has it: the site's folders and the docs folder's may differ (`/api/errors.html`, `nodejs-api/errors.md`).
    const inSection = (entries: readonly AtomPage[]) => entries.filter((entry) => entry.page.fragment === link.fragment);
    const named = () => pages.filter((entry) => entry.page.segments.at(-1) === link.segments.at(-1));
    const section = link.fragment === undefined ? [] : inSection(nearest).length > 0 ? inSection(nearest) : inSection(named());
    const atoms = new Set((section.length > 0 ? section : nearest.filter((entry) => entry.page.fragment === undefined)).map((entry) => entry.atomId));
    if (atoms.size === 1) matches.set([...atoms][0]!, link.url);
  }
  return matches;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
