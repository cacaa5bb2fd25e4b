/**
 * The published atoms as MCP clients see them: the same atoms the index holds (a valid header,
 * not a draft), each with its page URL on the configured site origin, its header fields, its
 * Markdown and its related atoms. Read from the atoms folder on first use, so a chat service
 * whose clients never speak MCP pays nothing for it.
 *
 * @example
 * const catalog = new AtomCatalog(config);
 * catalog.get('procedure/run-lint-locally')?.url //=> 'https://atomkit.github.io/procedure/run-lint-locally/'
 */
import type { AtomkitConfig } from '../../../tooling/src/config/load.js';
import { absoluteUrl } from '../../../tooling/src/atom/identity.js';
import { loadAtoms, type Atom } from '../../../tooling/src/atom/load.js';
import { linkRoot } from '../../../tooling/src/atom/outside-links.js';
import type { AtomHeader } from '../../../tooling/src/atom/schema.js';
import { titleKey } from '../../../tooling/src/lint/corpus.js';

export interface CatalogAtom {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly type: string;
  readonly tags: readonly string[];
  readonly language: string;
  /** The atom page, absolute on `site.url` (what citations link to). */
  readonly url: string;
  readonly header: AtomHeader;
  /** The whole file: YAML header and body. */
  readonly markdown: string;
  /** The body after the header. */
  readonly body: string;
  /** `related` titles, with the page of each that is published. */
  readonly related: readonly { readonly title: string; readonly id?: string; readonly url?: string }[];
}

export interface CatalogPage {
  readonly atoms: readonly CatalogAtom[];
  /** Where the next page starts; absent on the last page. */
  readonly nextCursor?: string;
}

export class AtomCatalog {
  #atoms: CatalogAtom[] | undefined;
  #byId = new Map<string, CatalogAtom>();
  #byUrl = new Map<string, CatalogAtom>();

  constructor(readonly config: AtomkitConfig) {}

  /** Atoms of `type` and with `tag` (when given), in id order, `limit` from `cursor` on. */
  list(options: { type?: string; tag?: string; cursor?: string; limit: number }): CatalogPage {
    const matching = this.#all().filter((atom) => (!options.type || atom.type === options.type) && (!options.tag || atom.tags.includes(options.tag)));
    const start = options.cursor === undefined ? 0 : decodeCursor(options.cursor);
    const atoms = matching.slice(start, start + options.limit);
    const next = start + atoms.length;
    return next < matching.length ? { atoms, nextCursor: encodeCursor(next) } : { atoms };
  }

  /**
   * The atom with this id, or whose page this URL is (absolute, or a site path; a `#section` or
   * query is ignored).
   */
  get(idOrUrl: string): CatalogAtom | undefined {
    this.#all();
    const byId = this.#byId.get(idOrUrl.replace(/^\/+|\/+$/g, ''));
    if (byId) return byId;
    let page: string;
    try {
      const url = new URL(idOrUrl, this.config.site.url);
      page = absoluteUrl(url.pathname, this.config.site.url);
    } catch {
      return undefined;
    }
    return this.#byUrl.get(page);
  }

  #all(): CatalogAtom[] {
    if (this.#atoms) return this.#atoms;
    const { config } = this;
    const loaded = loadAtoms({
      root: config.atoms.dirAbs,
      projectRoot: linkRoot(config.atoms.dirAbs, config.root),
      base: config.site.base,
      locales: config.atoms.locales,
      maxFileBytes: config.lint.maxFileBytes,
    });
    // The index's rule (tooling/src/retrieval/build.ts): drafts and invalid headers have no page.
    const published = loaded.filter((atom): atom is Atom & { header: AtomHeader } => atom.header !== undefined && atom.header.status !== 'draft');
    const byTitle = new Map(published.map((atom) => [titleKey(atom.header.title), atom]));
    this.#atoms = published
      .map((atom) => {
        const { header } = atom;
        return {
          id: atom.id,
          title: header.title.trim(),
          summary: header.summary.trim(),
          type: header.type,
          tags: [...header.tags],
          language: header.language ?? atom.locale ?? config.atoms.defaultLanguage,
          url: absoluteUrl(atom.url, config.site.url),
          header,
          markdown: atom.text,
          body: bodyOf(atom),
          related: header.related.map((title) => {
            const target = byTitle.get(titleKey(title));
            return target ? { title, id: target.id, url: absoluteUrl(target.url, config.site.url) } : { title };
          }),
        };
      })
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const atom of this.#atoms) {
      this.#byId.set(atom.id, atom);
      this.#byUrl.set(atom.url, atom);
    }
    return this.#atoms;
  }
}

/** A cursor that is not one this catalog made. */
export class CursorError extends Error {
  override name = 'CursorError';
}

function encodeCursor(offset: number): string {
  return Buffer.from(`atoms:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^atoms:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new CursorError('The cursor is not one this server returned; start again without a cursor.');
  return Number(match[1]);
}

/** The Markdown after the YAML header (the closing delimiter line ends it). */
function bodyOf(atom: Atom): string {
  const end = atom.frontmatter?.range.end?.line;
  return (end === undefined ? atom.text : atom.text.split('\n').slice(end).join('\n')).replace(/^\n+/, '');
}
