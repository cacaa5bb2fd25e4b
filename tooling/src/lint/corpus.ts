/**
 * The header facts cross-file rules need, for every atom: from a full parse, or from a fast
 * header-only read (for `--changed`, where only the changed atoms are parsed in full).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { Atom } from '../atom/load.js';
import { atomId, atomLocale, atomSlug, questionAnchors } from '../atom/identity.js';
import { linksOutside } from '../atom/outside-links.js';
import { parseAtomText, type ParsedAtomText } from '../atom/parse.js';
import { parseFaq } from '../atom/faq.js';
import type { Nodes, Root } from 'mdast';
import { atomLanguage } from './atom-facts.js';
import { FILE_START, type Range } from '../atom/position.js';
import type { BodyLink, CorpusEntry, EntryFacts } from './types.js';

export type { EntryFacts };


/** The key titles are matched by: NFC, trimmed. */
export function titleKey(title: string): string {
  return title.normalize('NFC').trim();
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** Finds the source atom of a translation (an atom with the `translation_of` title that is not itself a translation first). */
export function sourceOf(entries: readonly CorpusEntry[]): (entry: CorpusEntry) => CorpusEntry | undefined {
  const byTitle = new Map<string, CorpusEntry>();
  for (const entry of entries) {
    if (entry.title === undefined) continue;
    const key = titleKey(entry.title);
    const seen = byTitle.get(key);
    if (!seen || (seen.translationOf !== undefined && entry.translationOf === undefined)) byTitle.set(key, entry);
  }
  return (entry) => {
    if (entry.translationOf === undefined) return undefined;
    const source = byTitle.get(titleKey(entry.translationOf));
    return source === entry ? undefined : source;
  };
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function facts(
  file: string,
  id: string,
  data: unknown,
  locale: string | undefined,
  defaultLanguage: string,
): Omit<EntryFacts, 'positions'> {
  const header = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const related = Array.isArray(header.related) ? header.related.filter((t): t is string => typeof t === 'string') : [];
  return {
    file,
    id,
    slug: atomSlug(id),
    title: str(header.title),
    related,
    language: atomLanguage({ data, locale }, defaultLanguage),
    version: str(header.version),
    translationOf: str(header.translation_of),
    sourceVersion: str(header.source_version),
  };
}

/**
 * The anchors an atom's page has: `_top` (its title), its headings' and its FAQ questions' (every
 * `Q:` line's: the site gives those in a FAQ its anchors, and a link to one elsewhere is let be).
 */
export function pageAnchorsOf(atom: Pick<ParsedAtomText, 'headings' | 'text' | 'frontmatter' | 'lines'>): string[] {
  const question = questionAnchors();
  const body = atom.text.slice(atom.frontmatter ? atom.lines.lineStart(atom.frontmatter.range.end!.line + 1) : 0);
  return ['_top', ...atom.headings.map((heading) => heading.anchor), ...parseFaq(body).map((pair) => question(pair.question))];
}

/** Links of a parsed body that are not to another site (no scheme, not `//host`), with where each is. */
function bodyLinks(tree: Root): BodyLink[] {
  const links: BodyLink[] = [];
  const visit = (node: Nodes) => {
    if ((node.type === 'link' || node.type === 'definition') && node.position && !EXTERNAL.test(node.url)) links.push({ url: node.url, range: { start: node.position.start, end: node.position.end } });
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return links;
}

const EXTERNAL = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/** Facts of a fully parsed atom, with the positions corpus rules may need. */
export function factsOfAtom(atom: Atom, file: string, defaultLanguage: string): EntryFacts {
  const base = facts(file, atom.id, atom.data, atom.locale, defaultLanguage);
  const positions: Record<string, Range> = {};
  if (atom.frontmatter) {
    for (const key of ['title', 'language', 'translation_of', 'source_version']) positions[key] = atom.positionOf([key]);
    if (Array.isArray((atom.data as { related?: unknown } | undefined)?.related)) {
      ((atom.data as { related: unknown[] }).related).forEach((_, i) => (positions[`related.${i}`] = atom.positionOf(['related', i])));
    }
  }
  return { ...base, positions, links: bodyLinks(atom.tree), anchors: pageAnchorsOf(atom) };
}

/** A corpus entry over facts; `locate` falls back to `lazy` (a parse on demand) or the file start. */
export function toEntry(facts: EntryFacts, lazy?: () => Pick<ParsedAtomText, 'positionOf' | 'keyPositionOf' | 'headings' | 'text' | 'frontmatter' | 'lines'>): CorpusEntry {
  const { links, anchors, ...rest } = facts;
  let anchorSet: ReadonlySet<string> | undefined;
  return {
    ...rest,
    links: links ?? [],
    anchors() {
      return (anchorSet ??= new Set(anchors ?? (lazy ? pageAnchorsOf(lazy()) : [])));
    },
    locate(path, atKey = false) {
      const known = !atKey ? facts.positions?.[path.join('.')] : undefined;
      if (known) return known;
      if (lazy) {
        const parsed = lazy();
        return atKey ? parsed.keyPositionOf(path) : parsed.positionOf(path);
      }
      return FILE_START;
    },
  };
}

export interface HeaderReadOptions {
  /** Absolute atoms folder (ids are relative to it). */
  readonly root: string;
  /** Files are never read through a link that leads out of this folder. */
  readonly projectRoot: string;
  readonly locales: readonly string[];
  readonly defaultLanguage: string;
  /** Path to show in diagnostics. */
  readonly file: string;
}

/**
 * Reads only the header of an atom file, without parsing its body: the first bytes of the file
 * (the whole file only when the header is longer), parsed with a plain YAML loader. Positions,
 * which need the full parse, are computed on demand.
 */
export function readHeaderEntry(absolute: string, relToRoot: string, options: HeaderReadOptions): CorpusEntry {
  const id = atomId(relToRoot);
  const locale = atomLocale(id, options.locales);
  // A link out of the project is reported when it is linted in full; here it has no facts.
  const outside = linksOutside(absolute, options.projectRoot);
  const data = outside ? undefined : headerData(readHead(absolute));
  let parsed: ReturnType<typeof parseAtomText> | undefined;
  return toEntry(facts(options.file, id, data, locale, options.defaultLanguage), () => (parsed ??= parseAtomText(outside ? '' : readWhole(absolute))));
}

/** The header of an atom's text as data, read without parsing the body (undefined when there is none). */
export function headerData(text: string): unknown {
  const yaml = headerText(text);
  if (yaml === undefined) return undefined;
  // js-yaml's plain loader (core schema, like the full parser's YAML 1.2) is about ten times faster
  // than the document model, which only the files linted in full need (for positions).
  try {
    return loadYaml(yaml, { schema: CORE_SCHEMA, json: true }) as unknown;
  } catch {
    return undefined;
  }
}

function headerText(raw: string): string | undefined {
  const text = (raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*\n/.test(text)) return undefined;
  const start = text.indexOf('\n') + 1;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(start);
  const match = close.exec(rest);
  return match ? rest.slice(0, match.index) : undefined;
}

/** Titles get reworded, not just mistyped: suggest a title up to about half of it away. */
export const TITLE_SUGGESTION = { maxEditRatio: 0.6 } as const;

const HEAD_BYTES = 16 * 1024;
/** One buffer for every head read (reads are synchronous), instead of 16 KB zeroed per file. */
const headBuffer = Buffer.allocUnsafe(HEAD_BYTES);

/** The start of a file, enough for its header (the whole file when the header runs longer). */
function readHead(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const read = readSync(fd, headBuffer, 0, HEAD_BYTES, 0);
    // Cut at the last full line, so a character split at the boundary never reaches the parser.
    const head = headBuffer.toString('utf8', 0, read);
    if (read < HEAD_BYTES || headerText(head) !== undefined) return read < HEAD_BYTES ? head : head.slice(0, head.lastIndexOf('\n') + 1);
    return readWhole(file);
  } catch {
    // Unreadable files are reported by a full parse when they change; here they have no facts.
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readWhole(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
