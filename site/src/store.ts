/**
 * The atoms the site publishes, held in memory for its pages: read from the atoms folder, checked
 * like the linter does, turned into page data once, and rendered to HTML page by page (so a build
 * of 10,000 atoms never holds 10,000 rendered bodies). An atom that did not change since the last
 * build is loaded without parsing its body (`atom-faq-cache.ts`), and its page takes the body
 * rendered then (`body-cache.ts`). No content collection is involved: the knowledge base lives
 * beside a site's own `docs`, never in it.
 *
 * The store is made in Node by the integration and read by the pages through `shared-store.ts`.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadAtoms, type Atom } from '../../tooling/src/atom/load.js';
import { linkRoot } from '../../tooling/src/atom/outside-links.js';
import type { AtomHeader } from '../../tooling/src/atom/schema.js';
import { titleKey } from '../../tooling/src/lint/corpus.js';
import { projectFile } from '../../tooling/src/lint/run.js';
import { AtomCheckError, checkAtoms, type SiteDiagnostic } from '../../tooling/src/site/check.js';
import { atomBody, atomPageData, translationKey, type AtomPageData } from '../../tooling/src/site/page-data.js';
import { AtomFaqCache } from './atom-faq-cache.js';
import { sibling } from './sibling.js';

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
  /** Where what the store takes from unchanged atoms is kept between builds (Astro's `cacheDir`); none, it is not kept. */
  readonly cacheDir?: string;
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
}

/** What a load in a worker sends back: structured-clone data only, no parsed trees. */
export interface LoadedAtoms {
  readonly diagnostics: SiteDiagnostic[];
  readonly atoms: readonly StoredAtom[];
}

/** Renders an atom body with the site's Markdown pipeline (see `integration.ts`). */
export type BodyRenderer = (body: string) => Promise<RenderedBody>;

export class AtomStore {
  #atoms: readonly StoredAtom[] = [];
  #bySlug = new Map<string, StoredAtom>();
  #renderer: BodyRenderer | undefined;
  #version = 0;
  #loading: Promise<void> = Promise.resolve();
  /** Read on the first load in this thread: a store that loads in a worker never needs it. */
  #faqCache: AtomFaqCache | undefined;

  constructor(readonly options: AtomStoreOptions) {}

  get #faq(): AtomFaqCache {
    this.#faqCache ??= new AtomFaqCache(this.options.cacheDir && path.join(this.options.cacheDir, 'atomkit', 'atoms.json'));
    return this.#faqCache;
  }

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
      parseBody: this.#faq.needsBody,
    });
    const diagnostics = checkAtoms(loaded, { root: options.projectRoot, docsUrl: options.docsUrl, defaultLanguage: options.defaultLanguage });
    if (strict && diagnostics.length > 0) throw new AtomCheckError(diagnostics);
    this.#adopt(this.#publish(loaded, new Set(diagnostics.map((diagnostic) => diagnostic.file))));
    return diagnostics;
  }

  /**
   * `load(true)` in a worker thread (`store-worker.ts`), so parsing the atoms, most of what a cold
   * build does besides Astro's own work, runs while Astro starts; only page data and diagnostics
   * cross back. The pages wait for it (`loaded()`), so no atom is rendered before every atom was
   * checked, too deep ones refused.
   *
   * @throws (the promise rejects) AtomCheckError when an atom is invalid.
   */
  loadInWorker(): Promise<void> {
    const entry = sibling(import.meta.url, 'store-worker', 'script');
    // From the TypeScript sources (this repository's tests), Node cannot start the worker's module.
    if (entry.endsWith('.ts')) {
      this.#loading = Promise.resolve().then(() => void this.load(true));
      return this.#loading;
    }
    this.#loading = new Promise<LoadedAtoms>((resolve, reject) => {
      const worker = new Worker(entry, { workerData: this.options });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`atomkit: the atoms were not loaded (the loader stopped with exit code ${code}).`)));
    }).then(({ diagnostics, atoms }) => {
      if (diagnostics.length > 0) throw new AtomCheckError(diagnostics);
      this.#adopt(atoms);
    });
    return this.#loading;
  }

  /** Settles once the atoms are loaded (at once unless `loadInWorker()` runs). */
  loaded(): Promise<void> {
    return this.#loading;
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

  render(atom: StoredAtom): Promise<RenderedBody> {
    if (!this.#renderer) throw new Error('atomkit: an atom page was rendered before the Markdown pipeline was ready.');
    return this.#renderer(atom.body);
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
    // Only page data and the body are kept: the parsed trees go once the atoms are checked (an
    // atom unchanged since the last load has none: its FAQ was kept).
    const stored = published.map((atom) => ({ ...atomPageData(atom, context, this.#faq.faq(atom)), id: atom.slug, body: atomBody(atom) }));
    this.#faq.save();
    return stored.sort((a, b) => a.title.localeCompare(b.title, 'en'));
  }

  #adopt(stored: readonly StoredAtom[]): void {
    this.#atoms = stored;
    this.#bySlug = new Map(stored.map((atom) => [atom.id, atom]));
    this.#version++;
  }
}
