/**
 * Links to documentation pages in a question. Tools print the page that explains an error beside it
 * ("Refer to docs https://vite.dev/config/server-options.html#server-fs-allow", atomkit's lint
 * messages link each rule's error atom): a pasted message that names a page of these docs asks
 * about that page, as one that quotes an error code asks about the code's atom. A page is known by
 * its path, not its host: the docs may be served from anywhere, and an imported atom names the
 * file it came from (`docs/config/server-options.md#server-fs-allow`), an atom its own page
 * (`error/frontmatter-schema`).
 */

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
  // Sites slug a heading differently (`server.fs.allow`: VitePress `server-fs-allow`, GitHub
  // `serverfsallow`): a fragment is compared by its letters and digits.
  const fragment = decode(hash.replace(/^#/, '')).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
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

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
