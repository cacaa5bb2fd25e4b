/**
 * The atoms the site publishes, held in memory for its pages: read from the atoms folder, checked
 * like the linter does, turned into page data once, and rendered to HTML page by page (so a build
 * of 10,000 atoms never holds 10,000 rendered bodies). The load reads headers only: what a page
 * takes from its body (its HTML, headings and FAQ) comes from the render, the one parse of each
 * body, kept between builds (`body-cache.ts`). No content collection is involved: the knowledge
 * base lives beside a site's own `docs`, never in it.
 *
 * The store is made in Node by the integration and read by the pages through `shared-store.ts`.
 */
import { loadAtoms, type Atom } from '../../tooling/src/atom/load.js';
import { linkRoot } from '../../tooling/src/atom/outside-links.js';
import type { AtomHeader } from '../../tooling/src/atom/schema.js';
import { titleKey } from '../../tooling/src/lint/corpus.js';
import { projectFile } from '../../tooling/src/lint/run.js';
import { AtomCheckError, checkAtoms, type SiteDiagnostic } from '../../tooling/src/site/check.js';
import { publishedFaq, type FaqGroup } from '../../tooling/src/site/faq.js';
import { atomBody, atomPageData, faqHead, translationKey, type AtomPageData, type HeadEntry } from '../../tooling/src/site/page-data.js';

export interface AtomStoreOptions {
  /** Absolute path of the atoms folder. */
  readonly atomsDir: string;
  /** Absolute project root: diagnostics and edit links are relative to it. */
  readonly projectRoot: string;
  /** Path of the knowledge base's pages, site base included (what `atomUrl()` is given). */
  readonly base: string;
  readonly siteUrl: string;
  /** Where lint rules are documented (`lint.docsUrl`), for the links of build errors. */
  readonly docsUrl: string;
  /** URL of the repository folder that holds the project; none, no edit links. */
  readonly editUrl: string | undefined;
  readonly defaultLanguage: string;
  readonly locales: readonly string[];
  /** Publish `status: draft` atoms. */
  readonly drafts: boolean;
}

/** One published atom: what its page shows, and its Markdown body to render. */
export interface StoredAtom extends AtomPageData {
  /** The atom's slug, `identity.ts`'s (`ja/error/x` for a translation). */
  readonly id: string;
  readonly body: string;
}

export interface RenderedBody {
  readonly html: string;
  readonly headings: readonly { depth: number; slug: string; text: string }[];
  /** The Q/A pairs of the body, run by run (`remarkAtomFaq`). */
  readonly faq: readonly FaqGroup[];
}

/** What an atom's page takes from its body. */
export interface RenderedPage {
  readonly html: string;
  readonly headings: RenderedBody['headings'];
  /** FAQPage data of the pairs the atom publishes. */
  readonly head: readonly HeadEntry[];
}

/** Renders an atom body with the site's Markdown pipeline (see `integration.ts`). */
export type BodyRenderer = (body: string) => Promise<RenderedBody>;

export class AtomStore {
  #atoms: readonly StoredAtom[] = [];
  #bySlug = new Map<string, StoredAtom>();
  #renderer: BodyRenderer | undefined;
  #version = 0;

  constructor(readonly options: AtomStoreOptions) {}

  /**
   * Reads and checks the atoms folder. With `strict` (builds), problems throw; otherwise (dev)
   * they are returned and the atoms that have them are left out until fixed.
   *
   * @throws AtomCheckError in strict mode when an atom is invalid.
   */
  load(strict: boolean): SiteDiagnostic[] {
    const { options } = this;
    const loaded = loadAtoms({
      root: options.atomsDir,
      projectRoot: linkRoot(options.atomsDir, options.projectRoot),
      base: options.base,
      locales: options.locales,
      // The checks that stop a build read headers; a body that might nest too deep is parsed and refused all the same.
      skipBody: true,
    });
    const diagnostics = checkAtoms(loaded, { root: options.projectRoot, docsUrl: options.docsUrl, defaultLanguage: options.defaultLanguage });
    if (strict && diagnostics.length > 0) throw new AtomCheckError(diagnostics);
    this.#adopt(this.#publish(loaded, new Set(diagnostics.map((diagnostic) => diagnostic.file))));
    return diagnostics;
  }

  /** Every published atom, sorted by title. */
  atoms(): readonly StoredAtom[] {
    return this.#atoms;
  }

  /** Goes up each time the atoms are loaded, so what was derived from them can be dropped. */
  get version(): number {
    return this.#version;
  }

  get(slug: string): StoredAtom | undefined {
    return this.#bySlug.get(slug);
  }

  /** Set once Astro's Markdown configuration is final. */
  setRenderer(renderer: BodyRenderer): void {
    this.#renderer = renderer;
  }

  async render(atom: StoredAtom): Promise<RenderedPage> {
    if (!this.#renderer) throw new Error('atomkit: an atom page was rendered before the Markdown pipeline was ready.');
    const { html, headings, faq } = await this.#renderer(atom.body);
    return { html, headings, head: faqHead(publishedFaq(faq, atom.atom.type)) };
  }

  /** Page data and bodies of the atoms to publish, sorted by title. */
  #publish(atoms: readonly Atom[], broken: ReadonlySet<string>): StoredAtom[] {
    const { options } = this;
    const published = atoms.filter(
      (atom): atom is Atom & { header: AtomHeader } =>
        atom.header !== undefined && !broken.has(projectFile({ root: options.projectRoot }, atom.file)) && (options.drafts || atom.header.status !== 'draft'),
    );
    const byTitle = new Map<string, Atom>(published.map((atom) => [titleKey(atom.header.title), atom]));
    const translations = new Map<string, Atom>();
    for (const atom of published) if (atom.locale && atom.header.translation_of) translations.set(translationKey(atom.locale, atom.header.translation_of), atom);
    const context = { published: byTitle, projectRoot: options.projectRoot, editUrl: options.editUrl, locales: options.locales, base: options.base, translations };
    const stored = published.map((atom) => ({ ...atomPageData(atom, context), id: atom.slug, body: atomBody(atom) }));
    return stored.sort((a, b) => a.title.localeCompare(b.title, 'en'));
  }

  #adopt(stored: readonly StoredAtom[]): void {
    this.#atoms = stored;
    this.#bySlug = new Map(stored.map((atom) => [atom.id, atom]));
    this.#version++;
  }
}
