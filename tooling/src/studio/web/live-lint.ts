/**
 * Lint as you type: the text in the editor goes through the same engine, rules and settings as
 * `atomkit lint` (`lintAtom` for the file rules, `lintCorpus` for the cross-file ones), with the
 * rest of the atoms folder as the corpus. The corpus is read header-only and kept in memory, each
 * file re-read only when its size or modification time changed. A keystroke re-checks the folder
 * only when a watcher saw something change in it since, so it costs one parse, and the cross-file
 * rules do the work of that one atom's findings only (the rest of the corpus is indexed, not
 * checked: a broken link elsewhere costs nothing per keystroke).
 */
import { readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import type { AtomkitConfig } from '../../config/load.js';
import { atomFromText, findAtomFiles } from '../../atom/load.js';
import { linkRoot } from '../../atom/outside-links.js';
import { factsOfAtom, headerData, readHeaderEntry, toEntry } from '../../lint/corpus.js';
import { lintAtom, lintCorpus, sortDiagnostics, type EngineSettings } from '../../lint/engine.js';
import { engineSettings, projectFile } from '../../lint/run.js';
import type { Atom } from '../../atom/load.js';
import type { CorpusEntry, Diagnostic } from '../../lint/types.js';
import { wordLimits, type AtomWordLimits } from '../../lint/word-limits.js';

export interface LiveLintResult {
  readonly diagnostics: Diagnostic[];
  /** The text as parsed for linting (header positions for the form). */
  readonly atom: Atom;
  readonly words: number;
  readonly limits: AtomWordLimits;
}

/** One atom of the knowledge base as the studio lists it: its corpus entry and the header fields the views need. */
export interface KnownAtom {
  readonly stamp: string;
  readonly entry: CorpusEntry;
  readonly type: string | undefined;
  readonly status: string | undefined;
  readonly tags: readonly string[];
  /** `sources[].ref`, `./` removed. */
  readonly sources: readonly string[];
}

/** How many atoms `warmUp` lints. */
const WARM_UP_ATOMS = 6;

export class LiveLinter {
  readonly #config: AtomkitConfig;
  readonly #settings: EngineSettings;
  readonly #cache = new Map<string, KnownAtom>();
  #watcher: FSWatcher | undefined;
  /** Something in the atoms folder changed since the last refresh (always, without a watcher). */
  #stale = true;
  #revision = 0;
  readonly #ignored: readonly Minimatch[];
  #vocabulary: { revision: number; titles: string[]; tags: string[] } | undefined;

  constructor(config: AtomkitConfig) {
    this.#config = config;
    this.#settings = engineSettings(config);
    this.#ignored = config.lint.ignore.map((glob) => new Minimatch(glob, { dot: true }));
  }

  /** Watches the atoms folder, so lint requests skip re-checking an unchanged folder. */
  watch(): void {
    try {
      this.#watcher = watch(this.#config.atoms.dirAbs, { recursive: true }, () => (this.#stale = true));
      this.#watcher.on('error', () => this.close());
    } catch {
      // No recursive watching here: every lint request re-checks the folder (slower, still right).
      this.#watcher = undefined;
    }
  }

  close(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    this.#stale = true;
  }

  /** The studio wrote in the atoms folder: the next list must show it, before any watcher event. */
  invalidate(): void {
    this.#stale = true;
  }

  /**
   * The atoms folder by project-relative path, refreshed from disk, file by file, when the watcher
   * saw a change (or `invalidate` was called) since the last refresh, and always without a
   * watcher. Every page load lists the atoms: a check of all 1,000 files each time took longer
   * than the rest of the page.
   */
  atoms(): ReadonlyMap<string, KnownAtom> {
    if (!this.#stale) return this.#cache;
    this.#stale = this.#watcher === undefined;
    const config = this.#config;
    const atomsDir = config.atoms.dirAbs;
    const seen = new Set<string>();
    for (const file of findAtomFiles(atomsDir, linkRoot(atomsDir, config.root))) {
      if (file === atomsDir) continue;
      const shown = projectFile(config, file);
      if (this.#ignored.some((glob) => glob.match(shown))) continue;
      seen.add(shown);
      let stamp: string;
      try {
        const stats = statSync(file);
        stamp = `${stats.size}:${stats.mtimeMs}`;
      } catch {
        continue;
      }
      if (this.#cache.get(shown)?.stamp === stamp) continue;
      const entry = readHeaderEntry(file, path.relative(atomsDir, file), {
        root: atomsDir,
        projectRoot: config.root,
        locales: config.atoms.locales,
        defaultLanguage: config.atoms.defaultLanguage,
        file: shown,
      });
      this.#cache.set(shown, { stamp, entry, ...headerFields(file) });
      this.#revision++;
    }
    for (const shown of this.#cache.keys()) {
      if (seen.has(shown)) continue;
      this.#cache.delete(shown);
      this.#revision++;
    }
    return this.#cache;
  }

  /** Changes each time `atoms()` finds the folder changed: what is derived from the atoms can be kept until it does. */
  get revision(): number {
    return this.#revision;
  }

  /**
   * Reads the corpus and lints a few of its atoms, so the first page does not pay for either: the
   * parser and rules run several times slower until the engine has compiled them, and opening an
   * atom took a quarter of a second instead of a few milliseconds.
   */
  warmUp(): void {
    this.vocabulary();
    for (const shown of [...this.#cache.keys()].slice(0, WARM_UP_ATOMS)) {
      const file = path.resolve(this.#config.root, shown);
      try {
        this.lint(readFileSync(file, 'utf8'), file);
      } catch {
        // Unreadable: whoever opens it sees why.
      }
    }
  }

  /** Titles and tags of the knowledge base, for completion. */
  vocabulary(): { titles: string[]; tags: string[] } {
    const atoms = this.atoms();
    if (this.#vocabulary?.revision !== this.#revision) {
      const titles = new Set<string>();
      const tags = new Set<string>();
      for (const { entry, tags: own } of atoms.values()) {
        if (entry.title !== undefined) titles.add(entry.title);
        for (const tag of own) tags.add(tag);
      }
      const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
      this.#vocabulary = { revision: this.#revision, titles: sorted(titles), tags: sorted(tags) };
    }
    return { titles: this.#vocabulary.titles, tags: this.#vocabulary.tags };
  }

  /**
   * Diagnostics of `text` as if it were saved at `file` (absolute, inside the atoms folder).
   *
   * @example linter.lint(text, '/kb/atoms/procedure/x.md').diagnostics //=> [{ code: 'body/required-section', ... }]
   */
  lint(text: string, file: string): LiveLintResult {
    const config = this.#config;
    const shown = projectFile(config, file);
    const atom = atomFromText(file, text, { root: config.atoms.dirAbs, base: config.site.base, locales: config.atoms.locales, maxFileBytes: config.lint.maxFileBytes, projectRoot: config.root });
    const diagnostics = lintAtom(atom, shown, this.#settings);
    const own = atom.problems.some((p) => p.code.startsWith('file/')) ? undefined : toEntry(factsOfAtom(atom, shown, this.#settings.rule.defaultLanguage));
    const corpus = this.atoms();
    const entries: CorpusEntry[] = [];
    for (const [key, cached] of corpus) if (key !== shown) entries.push(cached.entry);
    if (own) entries.push(own);
    for (const finding of lintCorpus(entries, this.#settings, new Set([shown]))) diagnostics.push(finding.diagnostic);
    return { diagnostics: sortDiagnostics(diagnostics), atom, words: atom.words, limits: wordLimits(atom, this.#settings.rule) };
  }
}

function headerFields(file: string): Pick<KnownAtom, 'type' | 'status' | 'tags' | 'sources'> {
  let data: { type?: unknown; status?: unknown; tags?: unknown; sources?: unknown } | undefined;
  try {
    data = headerData(readFileSync(file, 'utf8')) as typeof data;
  } catch {
    // Unreadable: the file rules report it when it is opened; here it has no fields.
  }
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  return {
    type: typeof data?.type === 'string' ? data.type : undefined,
    status: typeof data?.status === 'string' ? data.status : undefined,
    tags: strings(data?.tags),
    sources: Array.isArray(data?.sources) ? strings(data.sources.map((source: { ref?: unknown } | null) => source?.ref)).map((ref) => ref.replace(/^\.\//, '')) : [],
  };
}
