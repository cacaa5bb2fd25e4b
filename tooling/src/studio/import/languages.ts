/**
 * Which pages of a docs folder are translations, as docs tools mark them: a language before the
 * extension (`README.ja.md`, `index.zh-CN.md`: GitHub READMEs, MkDocs i18n, Hugo), a folder named
 * for the language (`ja/guide/intro.md`: VitePress, Starlight), or Docusaurus's
 * `i18n/<language>/docusaurus-plugin-content-docs/current/` tree. A translation becomes an atom in
 * its locale folder (`atoms/ja/`) that names the atom it translates; one in a language the
 * knowledge base does not have is left out and said so, not imported as if it were in the default
 * language.
 */
import path from 'node:path';

export type PageLanguage =
  /**
   * A page in one of the knowledge base's other languages. `unmarked` is its path without the
   * language (`README.md` for `README.ja.md`), `source` the page it translates when the import has it.
   */
  | { readonly kind: 'translation'; readonly language: string; readonly unmarked: string; readonly source: string | undefined }
  /** A translation into a language the knowledge base does not list. */
  | { readonly kind: 'other'; readonly language: string; readonly name: string }
  /** A page marked as in the default language (`index.en.md`, beside `index.ja.md`); `unmarked` is its path without the mark. */
  | { readonly kind: 'original'; readonly unmarked: string };

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** `ja`, `zh-CN`, `pt_BR`: a tag whose language Intl knows (`js`, `md` and `v2` are none). */
function languageName(tag: string): string | undefined {
  if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(tag)) return undefined;
  try {
    return LANGUAGE_NAMES.of(tag.replace(/_/g, '-'));
  } catch {
    return undefined;
  }
}

const SUFFIXED = /^(.+)\.([a-z]{2,3}(?:[-_][a-z0-9]{2,8})*)(\.(?:mdx?|markdown))$/i;
const DOCUSAURUS = /^(?:(.*)\/)?i18n\/([^/]+)\/docusaurus-plugin-content-docs\/current\/(.+)$/;

/**
 * The translated pages among `pages` (paths relative to the imported folder), by path. A mark
 * counts when the language is one the knowledge base has (`locales`, matched without regard to
 * case) or the page it would translate is there too: `types.ts.md` alone is not in Tsonga.
 *
 * @example pageLanguages(['README.md', 'README.ja.md'], 'en', ['ja']).get('README.ja.md')?.kind //=> 'translation'
 */
export function pageLanguages(pages: readonly string[], defaultLanguage: string, locales: readonly string[]): Map<string, PageLanguage> {
  const all = new Set(pages);
  const same = (a: string, b: string) => a.toLowerCase().replace(/_/g, '-') === b.toLowerCase().replace(/_/g, '-');
  const locale = (tag: string) => locales.find((known) => same(known, tag));
  const found = new Map<string, PageLanguage>();
  /** Pages marked as in another language by a folder, with that folder. */
  const folderMarks = new Map<string, string>();
  // The source is the page without the mark, or marked as in the default language (MkDocs's i18n
  // and VitePress may mark those too: `index.ja.md` translates `index.en.md`, `ja/` mirrors `en/`).
  const mark = (rel: string, tag: string, unmarked: string, marked: string) => {
    const name = languageName(tag);
    if (name === undefined) return false;
    const source = [unmarked, marked].find((candidate) => all.has(candidate));
    const known = locale(tag);
    if (same(tag, defaultLanguage)) {
      if (!all.has(unmarked)) found.set(rel, { kind: 'original', unmarked });
      return false;
    }
    if (known !== undefined) found.set(rel, { kind: 'translation', language: known, unmarked, source });
    else if (source !== undefined) found.set(rel, { kind: 'other', language: tag, name });
    else return false;
    return true;
  };
  for (const rel of pages) {
    const docusaurus = DOCUSAURUS.exec(rel);
    const docs = docusaurus ? path.posix.join(docusaurus[1] ?? '', 'docs', docusaurus[3]!) : '';
    if (docusaurus && mark(rel, docusaurus[2]!, docs, docs)) continue;
    const suffixed = SUFFIXED.exec(rel);
    if (suffixed && mark(rel, suffixed[2]!, `${suffixed[1]}${suffixed[3]}`, `${suffixed[1]}.${defaultLanguage}${suffixed[3]}`)) continue;
    const segments = rel.split('/');
    for (let i = 0; i < segments.length - 1; i++) {
      const beside = (segment: string[]) => [...segments.slice(0, i), ...segment, ...segments.slice(i + 1)].join('/');
      if (mark(rel, segments[i]!, beside([]), beside([defaultLanguage]))) {
        if (found.get(rel)?.kind === 'other') folderMarks.set(rel, segments.slice(0, i + 1).join('/'));
        break;
      }
    }
  }
  // A folder named like a language the knowledge base does not have is that language's only when it
  // mirrors the rest, most of its pages translating pages outside it: `id/index.md` beside
  // `index.md` may be the docs of an identity service, not Indonesian.
  const marked = new Map<string, number>();
  for (const folder of folderMarks.values()) marked.set(folder, (marked.get(folder) ?? 0) + 1);
  const mirrors = new Map([...marked].map(([folder, count]) => [folder, count >= MIRRORED_PAGES && count >= pages.filter((page) => page.startsWith(`${folder}/`)).length * MIRRORED_SHARE]));
  for (const [rel, folder] of folderMarks) if (!mirrors.get(folder)) found.delete(rel);
  return found;
}

/** A folder named like a language mirrors the others when at least this many of its pages... */
const MIRRORED_PAGES = 2;
/** ...and this share of them translate pages outside it. */
const MIRRORED_SHARE = 0.5;

/**
 * The piece of the source page a piece of its translation translates: the one with the same
 * anchor (VitePress and Docusaurus translations keep their source's as `{#modes}`), else the one
 * in the same place when both split into as many pieces (translations keep their source's
 * headings), else the page's first piece for the translation's first, and none for its others;
 * never one another piece translates by its anchor.
 *
 * @example translatedPiece({ sourceAnchor: 'modes' }, [{ sourceAnchor: undefined }, { sourceAnchor: 'modes' }], [{ sourceAnchor: undefined }, { sourceAnchor: 'env' }, { sourceAnchor: 'modes' }])?.sourceAnchor //=> 'modes'
 */
export function translatedPiece<T extends { readonly sourceAnchor: string | undefined }>(piece: T, translation: readonly T[], source: readonly T[]): T | undefined {
  const byAnchor = (one: T) => (one.sourceAnchor === undefined ? undefined : source.find((other) => other.sourceAnchor === one.sourceAnchor));
  const anchored = byAnchor(piece);
  if (anchored) return anchored;
  const i = translation.indexOf(piece);
  const placed = translation.length === source.length ? source[i] : i === 0 ? source[0] : undefined;
  // Never one that another piece translates by its anchor: two atoms cannot translate one.
  return placed && !translation.some((other) => other !== piece && byAnchor(other) === placed) ? placed : undefined;
}

/** Each piece of a translated page, with its language and the piece of its source page it translates (see `translatedPiece`). */
export function pairTranslations<T extends { readonly sourceAnchor: string | undefined }>(
  byPage: ReadonlyMap<string, readonly T[]>,
  languages: ReadonlyMap<string, PageLanguage>,
): Map<T, { language: string; source: T | undefined }> {
  const pairs = new Map<T, { language: string; source: T | undefined }>();
  for (const [page, pieces] of byPage) {
    const found = languages.get(page);
    if (found?.kind !== 'translation') continue;
    const sources = found.source === undefined ? [] : (byPage.get(found.source) ?? []);
    for (const piece of pieces) pairs.set(piece, { language: found.language, source: translatedPiece(piece, pieces, sources) });
  }
  return pairs;
}
