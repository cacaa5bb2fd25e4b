/**
 * What the site shows for one atom: Starlight's page fields (title, description, edit link, last
 * updated) plus everything the atom header adds, computed once when the atoms load from the headers
 * alone; the page's `head` (FAQPage data) comes with its rendered body.
 */
import path from 'node:path';
import type { Atom } from '../atom/load.js';
import { atomUrl } from '../atom/identity.js';
import type { AtomHeader, AtomType } from '../atom/schema.js';
import { titleKey } from '../lint/corpus.js';
import type { FaqText } from './faq.js';

export interface RelatedLink {
  readonly title: string;
  /** The page of the related atom; absent when it is not published (a draft in production). */
  readonly url?: string;
  readonly type?: AtomType;
  /**
   * Where the link goes on a page of each site locale, for a related atom in the default language:
   * its translation when there is one, else the locale's fallback page of it (Starlight's), so a
   * reader stays in their language.
   */
  readonly localized?: Readonly<Record<string, string>>;
}

export interface AtomPageInfo {
  readonly id: string;
  readonly url: string;
  readonly type: AtomType;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly version: string;
  readonly author: string;
  readonly created: string;
  readonly updated?: string;
  readonly status: NonNullable<AtomHeader['status']>;
  readonly language?: string;
  readonly prerequisites?: AtomHeader['prerequisites'];
  readonly errorCodes: readonly string[];
  readonly related: readonly RelatedLink[];
  /** The atom file relative to the project root (POSIX), for people and for `llms-full.txt`. */
  readonly source: string;
}

export interface AtomPageData {
  readonly title: string;
  readonly description: string;
  readonly editUrl: string | false;
  readonly lastUpdated: Date;
  readonly atom: AtomPageInfo;
}

/** An element Starlight adds to a page's `<head>`. */
export interface HeadEntry {
  readonly tag: 'script';
  readonly attrs: Record<string, string>;
  readonly content: string;
}

export interface PageDataContext {
  /** Published atoms by title (keyed with the linter's `titleKey`), to link `related` entries. */
  readonly published: ReadonlyMap<string, Atom>;
  readonly projectRoot: string;
  /** URL of the repository folder that holds the project, for edit links; none, no edit links. */
  readonly editUrl: string | undefined;
  /** The site's locales besides the default language (`ja`), and its base path. */
  readonly locales?: readonly string[];
  readonly base?: string;
  /** Published translations, keyed by `translationKey(locale, title of the source atom)`. */
  readonly translations?: ReadonlyMap<string, Atom>;
}

/** The key of a translation in `PageDataContext.translations`. */
export function translationKey(locale: string, sourceTitle: string): string {
  return `${locale}\u0000${titleKey(sourceTitle)}`;
}

/**
 * The page data of a schema-valid atom (its header is all it reads).
 *
 * @example atomPageData(atom, ctx).atom.related //=> [{ title: 'Run lint locally', url: '/procedure/run-lint-locally/' }]
 */
export function atomPageData(atom: Atom & { header: AtomHeader }, context: PageDataContext): AtomPageData {
  const header = atom.header;
  const source = path.relative(context.projectRoot, atom.file).split(path.sep).join('/');
  return {
    title: header.title,
    description: header.summary,
    editUrl: !context.editUrl || source.startsWith('..') || path.isAbsolute(source) ? false : new URL(source, withSlash(context.editUrl)).href,
    lastUpdated: new Date(`${header.updated ?? header.created}T00:00:00Z`),
    atom: {
      id: atom.id,
      url: atom.url,
      type: header.type,
      summary: header.summary,
      tags: header.tags,
      version: header.version,
      author: header.author,
      created: header.created,
      ...(header.updated ? { updated: header.updated } : {}),
      status: header.status ?? 'published',
      ...(header.language ? { language: header.language } : {}),
      ...(header.prerequisites ? { prerequisites: header.prerequisites } : {}),
      errorCodes: header.error_codes ?? [],
      related: header.related.map((title) => {
        const target = context.published.get(titleKey(title));
        if (!target?.header) return { title };
        const localized =
          target.locale === undefined && context.locales?.length
            ? Object.fromEntries(
                context.locales.map((locale) => [locale, context.translations?.get(translationKey(locale, target.header!.title))?.url ?? atomUrl(`${locale}/${target.slug}`, context.base)]),
              )
            : undefined;
        return { title, url: target.url, type: target.header.type, ...(localized ? { localized } : {}) };
      }),
      source: source.startsWith('..') ? atom.relPath : source,
    },
  };
}

/** The Markdown body of an atom: its text after the header. */
export function atomBody(atom: Atom): string {
  const end = atom.frontmatter?.range.end;
  if (!end) return atom.text;
  if (end.line >= atom.lines.lineCount) return '';
  return atom.text.slice(atom.lines.lineStart(atom.frontmatter.range.end.line + 1)).replace(/^\n+/, '');
}

/**
 * The `head` of an atom's page: FAQPage data of the pairs it publishes, if it has any.
 *
 * @example faqHead([{ question: 'Why?', answer: 'Because.' }]) //=> [{ tag: 'script', attrs: { type: 'application/ld+json' }, content: '{"@context":…}' }]
 */
export function faqHead(faq: readonly FaqText[]): HeadEntry[] {
  return faq.length > 0 ? [{ tag: 'script', attrs: { type: 'application/ld+json' }, content: faqJsonLd(faq) }] : [];
}

/**
 * FAQPage structured data (schema.org), safe to put in a `<script>` element.
 *
 * @example faqJsonLd([{ question: 'Why?', answer: 'Because.' }]) //=> '{"@context":"https://schema.org","@type":"FAQPage",...}'
 */
export function faqJsonLd(faq: readonly FaqText[]): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: faq.map((pair) => ({ '@type': 'Question', name: pair.question, acceptedAnswer: { '@type': 'Answer', text: pair.answer } })),
  };
  // `<` escaped so no answer text can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
