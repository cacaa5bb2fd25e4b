/**
 * What the site shows for one atom: Starlight's page fields (title, description, edit link, last
 * updated, head) plus everything the atom header and FAQ add, computed once when the atoms load.
 */
import path from 'node:path';
import type { Atom } from '../atom/load.js';
import { atomUrl } from '../atom/identity.js';
import type { AtomHeader, AtomType } from '../atom/schema.js';
import { titleKey } from '../lint/corpus.js';
import { atomFaq } from './faq.js';

export interface FaqText {
  readonly question: string;
  readonly answer: string;
}

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
  readonly faq: readonly FaqText[];
  /** The atom file relative to the project root (POSIX), for people and for `llms-full.txt`. */
  readonly source: string;
}

export interface AtomPageData {
  readonly title: string;
  readonly description: string;
  readonly editUrl: string | false;
  readonly lastUpdated: Date;
  readonly head: readonly { tag: 'script'; attrs: Record<string, string>; content: string }[];
  readonly atom: AtomPageInfo;
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
 * The page data of a schema-valid atom.
 *
 * @param faq Its FAQ pairs, when the caller has them already (the atom's body was not parsed).
 * @example atomPageData(atom, ctx).atom.related //=> [{ title: 'Run lint locally', url: '/procedure/run-lint-locally/' }]
 */
export function atomPageData(atom: Atom & { header: AtomHeader }, context: PageDataContext, faq: readonly FaqText[] = atomFaq(atom).map(({ question, answer }) => ({ question, answer }))): AtomPageData {
  const header = atom.header;
  const source = path.relative(context.projectRoot, atom.file).split(path.sep).join('/');
  return {
    title: header.title,
    description: header.summary,
    editUrl: !context.editUrl || source.startsWith('..') || path.isAbsolute(source) ? false : new URL(source, withSlash(context.editUrl)).href,
    lastUpdated: new Date(`${header.updated ?? header.created}T00:00:00Z`),
    head: faq.length > 0 ? [{ tag: 'script', attrs: { type: 'application/ld+json' }, content: faqJsonLd(faq) }] : [],
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
      faq,
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
