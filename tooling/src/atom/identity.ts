/**
 * The one place that decides an atom's id, slug and URL, and a section's anchor.
 * Site routes, index metadata, bot citations and lint links all import it, so a citation is
 * always a page that exists.
 */
import GithubSlugger, { slug as slugText } from 'github-slugger';

/**
 * The id of an atom: its path inside `atoms/`, POSIX separators, NFC, without the extension.
 *
 * @example atomId('error\\frontmatter-schema.md') //=> 'error/frontmatter-schema'
 */
export function atomId(relPath: string): string {
  if (typeof relPath !== 'string') throw new TypeError(`Expected a string, got \`${typeof relPath}\``);
  return relPath
    .normalize('NFC')
    .replace(/\\/g, '/')
    .replace(/^\.?\/+/, '')
    .replace(/\.mdx?$/i, '');
}

/**
 * The URL path of an atom, relative to the site base: each segment slugged the way GitHub and
 * Astro slug headings, a trailing `index` dropped.
 *
 * @example atomSlug('error/Frontmatter Schema') //=> 'error/frontmatter-schema'
 * @example atomSlug('guides/index') //=> 'guides'
 */
export function atomSlug(id: string): string {
  const segments = atomId(id)
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => slugText(segment));
  if (segments.length > 1 && segments.at(-1) === 'index') segments.pop();
  return segments.join('/');
}

/**
 * The site-absolute URL path of an atom page, with the base path and a trailing slash.
 *
 * @example atomUrl('error/frontmatter-schema', '/docs') //=> '/docs/error/frontmatter-schema/'
 */
export function atomUrl(idOrSlug: string, base = '/'): string {
  const prefix = normalizeBase(base);
  const slug = atomSlug(idOrSlug);
  return slug === '' ? prefix : `${prefix}${slug}/`;
}

/**
 * The URL of a section of an atom page.
 *
 * @example sectionUrl('/error/x/', 'how-to-resolve') //=> '/error/x/#how-to-resolve'
 */
export function sectionUrl(pageUrl: string, anchor: string | undefined): string {
  return anchor ? `${pageUrl}#${anchor}` : pageUrl;
}

/**
 * Turns a site path into an absolute URL on the configured origin.
 *
 * @example absoluteUrl('/error/x/', 'https://example.org') //=> 'https://example.org/error/x/'
 */
export function absoluteUrl(path: string, origin: string): string {
  return new URL(path, origin.endsWith('/') ? origin : `${origin}/`).href;
}

/**
 * Anchors of a document's headings, in order, as Astro renders them (one GitHub slugger per
 * page, so a repeated heading gets `-1`, `-2`).
 *
 * @example headingAnchors(['FAQ', 'Steps', 'FAQ']) //=> ['faq', 'steps', 'faq-1']
 */
export function headingAnchors(headings: readonly string[]): string[] {
  const slugger = new GithubSlugger();
  return headings.map((heading) => slugger.slug(heading));
}

/**
 * Anchors for the questions of a page's FAQ pairs, given in document order: `q-` and the
 * question's slug, numbered when two are alike. The site gives each question its anchor and the
 * search index links each pair to it, so a citation of a FAQ answer opens at its question.
 *
 * @example const anchor = questionAnchors(); [anchor('Why?'), anchor('Why?')] //=> ['q-why', 'q-why-1']
 */
export function questionAnchors(): (question: string) => string {
  const slugger = new GithubSlugger();
  return (question) => slugger.slug(`q ${question}`);
}

/**
 * The file name stem for a new atom with this title. A slash parts words (`import/no-cycle`, a
 * rule's name), where a heading's anchor drops it as punctuation; a dash between words is one
 * hyphen, where a heading's anchor keeps one for each space and the dash (`md013---line-length`).
 *
 * @example titleSlug('Run lint locally!') //=> 'run-lint-locally'
 * @example titleSlug('import/no-cycle') //=> 'import-no-cycle'
 * @example titleSlug('MD013 - Line length') //=> 'md013-line-length'
 */
export function titleSlug(title: string): string {
  return slugText(title.normalize('NFC').replace(/\s*\/\s*/g, ' ').trim()).replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The locale an atom belongs to: the first folder of its id when that names a configured locale.
 *
 * @example atomLocale('ja/error/x', ['ja']) //=> 'ja'
 * @example atomLocale('error/x', ['ja']) //=> undefined
 */
export function atomLocale(id: string, locales: readonly string[]): string | undefined {
  const first = atomId(id).split('/')[0];
  return first !== undefined && locales.includes(first) ? first : undefined;
}

/**
 * The docs page id of the error atom documenting a lint rule code.
 *
 * @example ruleDocId('frontmatter/schema') //=> 'error/frontmatter-schema'
 * @example ruleDocId('markdown/final-newline') //=> 'error/markdown-style'
 */
export function ruleDocId(code: string): string {
  if (code.startsWith('markdown/')) return 'error/markdown-style';
  return `error/${code.replace(/\//g, '-')}`;
}

/**
 * Anchor, on the rule's error page, of a rule code that shares a page with others.
 *
 * @example ruleDocAnchor('markdown/final-newline') //=> 'final-newline'
 */
export function ruleDocAnchor(code: string): string | undefined {
  return code.startsWith('markdown/') ? slugText(code.slice('markdown/'.length)) : undefined;
}

function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}
