/**
 * Loads an index artifact and answers queries: lexical (MiniSearch) and dense (hnswlib) ranked
 * lists fused by reciprocal rank (lexical units also by their atom's coverage of the question and
 * nudged by how close together they hold its words), units of atoms whose `error_codes` appear in
 * the query, or whose title is the whole query, lifted to the top, each hit given its citation URLs
 * and a confidence.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type MiniSearch from 'minisearch';
import type { AtomkitConfig } from '../config/load.js';
import { isSqliteError } from '../sqlite/database.js';
import { IndexLoadError, type AnalyzedTerm, type IndexManifest, type OpenRetrieverOptions, type Retriever, type SearchHit, type SearchOptions } from './api.js';
import { FILES, artifactFiles, currentIndexDir, indexDir, readManifest, verifyFile } from './artifact.js';
import { confidence, isCjkWord, weightedCoverage, writesCjk } from './confidence.js';
import { definedTerms, definesAll, definesInEntry } from './definition.js';
import { readDense, searchDense, similarityTo, type DenseIndex } from './dense.js';
import { EmbedderUnavailableError, type Embedder } from './embedders/embedder.js';
import { configuredModel, loadEmbedder } from './embedders/load.js';
import { COMMON_SHARE, loadLexical, searchLexical, selectQueryTerms, shareAcrossAtom, type LexicalDoc, type LexicalHit } from './lexical.js';
import { katakanaSpelling, loanwordFor, soundIndex, type SoundIndex } from './loanword.js';
import { analyzeQuery, type QueryTerm } from './query.js';
import { tokenize } from './tokenize.js';
import { linkedAtoms, sourcePage, type AtomPage } from './links.js';
import { errorCodes, quotedCodes, type ErrorCode } from './quoted-codes.js';
import { phraseShare, type ProximityWord } from './proximity.js';
import { UnitStore, type StoredUnit, type UnitMeta } from './store.js';
import { baseLanguage } from '../text/language-tag.js';
import { RULE_CODE_LEAD } from '../text/rule-code.js';

/** Reciprocal rank fusion constant (the usual 60: flattens the head of each list). */
const RRF_K = 60;
/**
 * Candidates taken from each list before fusion, whatever the number of hits asked for: the first
 * hits of a search do not depend on how many follow them, so the eval ranks what the chat quotes.
 */
const DEPTH = 50;
/** Lexical candidates searched per one kept, so an atom's other matching sections can lift its best one. */
const ATOM_POOL = 4;
/** Weight of a word's other forms (`serv` for `server`, `default` for `out of the box`) against the word as written. */
const OTHER_FORM_WEIGHT = 0.5;
/** A unit that holds every pair of the question's words side by side gains this share of a first place (see `phraseShare`). */
const PROXIMITY_WEIGHT = 0.5;
/** Proximity reads this many of the best candidates: the dev parts ranked the same at 15 as at 50, and search's p95 fell by a third (README, search benchmark). */
const PROXIMITY_UNITS = 15;
const MAX_QUERY_CHARS = 4000;
/** The id of a FAQ pair's unit (chunk.ts): the n-th pair of a section, or of a faq atom's lead. */
const FAQ_UNIT_ID = /#[^#@]*\/\d+(?:@\d+)?$/;
/** Parsed units kept in memory (about 2 KB each). */
const MAX_CACHED_UNITS = 20_000;
const REBUILD = 'atomkit index';

export async function loadRetriever(config: AtomkitConfig, options: OpenRetrieverOptions): Promise<Retriever> {
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const dir = indexDir(config);
  const shown = path.relative(config.root, dir) || dir;
  const current = currentIndexDir(dir);
  if (!current) {
    throw new IndexLoadError('ATOMKIT_ERR_INDEX_MISSING', `There is no search index at ${shown}; \`${REBUILD}\` builds it.`, `Run \`${REBUILD}\`.`);
  }
  const read = readManifest(current);
  if (!('manifest' in read)) {
    const code = read.problem === 'format' ? 'ATOMKIT_ERR_INDEX_FORMAT' : read.problem === 'missing' ? 'ATOMKIT_ERR_INDEX_MISSING' : 'ATOMKIT_ERR_INDEX_CORRUPT';
    throw new IndexLoadError(code, `The search index at ${shown} cannot be used: ${read.detail}. Rebuild it with \`${REBUILD} --full\`.`, `Run \`${REBUILD} --full\`.`);
  }
  const manifest = read.manifest;
  const wanted = configuredModel(config);
  const built = { provider: manifest.provider, model: manifest.model, dtype: String(manifest.parameters.dtype ?? '') };
  if (wanted.provider !== 'none' && (built.provider !== wanted.provider || built.model !== wanted.model || built.dtype !== wanted.dtype)) {
    throw new IndexLoadError(
      'ATOMKIT_ERR_INDEX_MODEL_MISMATCH',
      `The search index at ${shown} was built with ${describe(built)}, but the configuration asks for ${describe(wanted)}. ` +
        `Rebuild it with \`${REBUILD}\`.`,
      `Run \`${REBUILD}\`.`,
    );
  }
  if (options.requireDense && !manifest.dense) {
    throw new IndexLoadError(
      'ATOMKIT_ERR_DENSE_UNAVAILABLE',
      `The search index at ${shown} has no dense part (it was built without an embedding model). Rebuild it with the model available: \`${REBUILD} --require-dense\`.`,
      `Run \`${REBUILD} --require-dense\`.`,
    );
  }

  const corrupt = (error: unknown) =>
    new IndexLoadError('ATOMKIT_ERR_INDEX_CORRUPT', damaged(shown, (error as Error).message), `Run \`${REBUILD} --full\`.`);
  const storeFile = path.join(current, FILES.units);
  let verified: Stats;
  let store: UnitStore | undefined;
  let lexical: MiniSearch<LexicalDoc>[];
  let tables: IndexTables;
  try {
    // Every file is checked against the manifest before SQLite, MiniSearch or hnswlib reads it.
    const files = artifactFiles(manifest);
    const stats = files.map((name) => verifyFile(current, name, manifest));
    verified = stats[files.indexOf(FILES.units)]!;
    store = UnitStore.open(storeFile, { readonly: true });
    tables = readTables(store);
    lexical = files.filter((name) => name.startsWith('lexical-')).map((name) => loadLexical(readFileSync(path.join(current, name), 'utf8')));
  } catch (error) {
    store?.close();
    throw corrupt(error);
  }

  let embedder: Embedder | undefined;
  let dense: DenseIndex | undefined;
  if (manifest.dense && wanted.provider !== 'none') {
    try {
      embedder = await loadEmbedder(config, { env: options.env ?? process.env, forQueries: true });
    } catch (error) {
      if (!(error instanceof EmbedderUnavailableError)) throw error;
      if (options.requireDense) {
        store.close();
        throw new IndexLoadError('ATOMKIT_ERR_DENSE_UNAVAILABLE', `Dense retrieval is required but unavailable: ${error.message}`, 'Provide the embedding model.');
      }
      warn(`warning: searching lexically only: ${error.message}`);
    }
    if (embedder) {
      if (embedder.key !== manifest.parameters.embedderKey || embedder.dims !== manifest.dims) {
        store.close();
        await embedder.dispose();
        throw new IndexLoadError(
          'ATOMKIT_ERR_INDEX_MODEL_MISMATCH',
          `The search index at ${shown} holds ${manifest.dims}-dimension vectors from ${String(manifest.parameters.embedderKey)}, but the loaded model is ${embedder.key} with ${embedder.dims} dimensions. Rebuild it with \`${REBUILD}\`.`,
          `Run \`${REBUILD}\`.`,
        );
      }
      try {
        dense = readDense(path.join(current, FILES.dense), manifest.dims);
      } catch (error) {
        store.close();
        await embedder.dispose();
        throw corrupt(error);
      }
    }
  }
  return new IndexRetriever(manifest, store, tables, lexical, embedder, dense, { file: storeFile, verified, shown });
}

/** What the searches of one question with different options (`searchEach`) read once for all of them. */
interface SharedReading {
  /** Will more than one search read it? One alone reads only the matches it keeps. */
  readonly several: boolean;
  terms?: QueryTerm[];
  /** Every lexical match of the query's terms, unfiltered, best first. */
  matched?: LexicalHit[];
  /** The query's embedding. */
  vector?: Float32Array;
}

class IndexRetriever implements Retriever {
  readonly #meta = new Map<number, UnitMeta>();
  /** Primary language subtag of each unit (`ja` for `ja-JP`), and how many units have each. */
  readonly #baseLanguage = new Map<number, string>();
  readonly #unitsPerLanguage = new Map<string, number>();
  readonly #labelsByAtom = new Map<string, number[]>();
  /** Words of each atom's name (its title's last part), filled on first use. */
  readonly #titleTerms = new Map<string, ReadonlySet<string>>();
  /** Atoms by their title and its last part, as `plainName` writes them: built on the first short query. */
  #byTitle: Map<string, Set<string>> | undefined;
  /** Terms of every unit of an atom, filled on first use. */
  readonly #atomTerms = new Map<string, ReadonlySet<string>>();
  /**
   * Units read so far, parsed: the store does not change while it is open, and reading and
   * parsing a unit's JSON for every hit of every query cost more than the lexical search.
   */
  readonly #units = new Map<number, StoredUnit>();
  /** Units' terms in order, as numbers (`#unitTokens`), and the numbers of terms. */
  readonly #tokens = new Map<number, Int32Array>();
  readonly #termIds = new Map<string, number>();
  readonly #df: ReadonlyMap<string, number>;
  /** The index's English terms by sound, for katakana loanwords: built when the first one is asked. */
  #sounds: SoundIndex | undefined;
  readonly #codes: readonly ErrorCode[];
  readonly #pages: IndexTables['pages'];
  readonly #storeFile: StoreFile;
  /** Why a search could not read the chunk store, once one could not. */
  #failure: string | undefined;
  #closed = false;

  constructor(
    readonly manifest: IndexManifest,
    readonly store: UnitStore,
    tables: IndexTables,
    readonly lexical: readonly MiniSearch<LexicalDoc>[],
    readonly embedder: Embedder | undefined,
    readonly denseIndex: DenseIndex | undefined,
    storeFile: StoreFile,
  ) {
    for (const meta of tables.meta) {
      this.#meta.set(meta.label, meta);
      const base = baseLanguage(meta.language);
      this.#baseLanguage.set(meta.label, base);
      this.#unitsPerLanguage.set(base, (this.#unitsPerLanguage.get(base) ?? 0) + 1);
      const labels = this.#labelsByAtom.get(meta.atomId) ?? [];
      labels.push(meta.label);
      this.#labelsByAtom.set(meta.atomId, labels);
    }
    this.#df = tables.df;
    this.#codes = tables.codes;
    this.#pages = tables.pages;
    this.#storeFile = storeFile;
  }

  get dense(): boolean {
    return this.denseIndex !== undefined;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    return (await this.searchEach(query, [options]))[0]!;
  }

  async searchEach(query: string, each: readonly SearchOptions[]): Promise<SearchHit[][]> {
    if (typeof query !== 'string') throw new TypeError(`Expected a string, got \`${typeof query}\``);
    if (this.#closed) throw new Error('The retriever is closed.');
    // What the searches share, read once when a second search will use it.
    const shared: SharedReading = { several: each.length > 1 };
    try {
      const lists: SearchHit[][] = [];
      for (const options of each) lists.push(await this.#search(query, options, shared));
      return lists;
    } catch (error) {
      this.#unreadable(error);
    }
  }

  /** The chunk store is read lazily: damage that reached it after loading shows up on a read, and is said from then on. */
  #unreadable(error: unknown): never {
    if (!isSqliteError(error)) throw error;
    this.#failure ??= damaged(this.#storeFile.shown, `${FILES.units} cannot be read (${error.message})`);
    throw new Error(this.#failure);
  }

  problem(): string | undefined {
    if (this.#failure) return this.#failure;
    const { file, verified, shown } = this.#storeFile;
    let now: Stats;
    try {
      now = statSync(file);
    } catch {
      return undefined; // Removed or replaced by a rebuild: the open handle still reads the verified file.
    }
    const sameFile = now.dev === verified.dev && now.ino === verified.ino;
    if (sameFile && (now.size !== verified.size || now.mtimeMs !== verified.mtimeMs)) return damaged(shown, `${FILES.units} was changed after it was verified`);
    return undefined;
  }

  async #search(query: string, options: SearchOptions, shared: SharedReading): Promise<SearchHit[]> {
    const text = query.slice(0, MAX_QUERY_CHARS).trim();
    if (text === '') return [];
    const k = Math.min(100, Math.max(1, Math.floor(options.k ?? 8)));
    const keep = this.#filter(options);
    const mode = options.mode ?? 'hybrid';
    const useDense = this.denseIndex !== undefined && this.embedder !== undefined && mode !== 'lexical';
    const useLexical = mode !== 'dense' || !useDense;

    const fused = new Map<number, number>();
    /** Candidates past DEPTH, in their list's order: listed after the fused ones when k asks for more. */
    const further: number[] = [];
    /** Each candidate atom's rank by coverage of the query: it also breaks ties of the fused score. */
    let coverageRank = new Map<string, number>();
    const add = (label: number, value: number) => fused.set(label, (fused.get(label) ?? 0) + value);
    const df = (term: string) => this.#df.get(term) ?? 0;
    const terms = (shared.terms ??= this.#terms(text));
    if (useLexical) {
      // Each word in the forms the atoms may use; a pasted value or a typo the index does not know is left out for a form it does.
      const forms = terms.map((t) => (t.forms.some((form) => df(form) > 0) ? t.forms.filter((form) => df(form) > 0) : t.concrete ? [] : t.forms));
      const searched = selectQueryTerms(forms, df, this.#meta.size, terms.map((t) => t.concrete), terms.map((t) => t.smallTalk));
      const atomOf = (label: number) => this.#meta.get(label)!.atomId;
      // The word as the question writes it counts more than the other forms it may take; its
      // translation is how an atom in the other language writes it, and counts the same.
      const asWritten = new Set(terms.flatMap((t) => [t.term, ...(t.translated ?? [])]));
      const weight = (term: string) => (asWritten.has(term) ? 1 : OTHER_FORM_WEIGHT);
      const known = (term: string) => df(term) > 0;
      // Searches with different filters read the same scores (a filter only leaves units out), so
      // several read every match once, unfiltered, and each keeps its own best.
      const matched = shared.several
        ? (shared.matched ??= searchLexical(this.lexical, searched, Infinity, undefined, known, weight)).filter((hit) => !keep || keep(hit.label)).slice(0, DEPTH * ATOM_POOL)
        : searchLexical(this.lexical, searched, DEPTH * ATOM_POOL, keep, known, weight);
      const pool = shareAcrossAtom(matched, atomOf);
      const units = pool.slice(0, DEPTH);
      further.push(...pool.slice(DEPTH).map((hit) => hit.label));
      units.forEach((hit, rank) => add(hit.label, 1 / (RRF_K + rank + 1)));
      // "What is an atom?": the FAQ that says what one is. Searched alone, the knowledge base's most
      // common word finds every page that mentions it, and the definition far down.
      const defined = definedTerms(text);
      if (defined) {
        // Only FAQ units are read from the chunk store: their ids say so (`<atom>#<anchor>/<n>`).
        // Searched alone too: in "what is an atom, and how is it unlike a page?" the other words find other pages.
        const faqOnly = (label: number) => FAQ_UNIT_ID.test(this.#meta.get(label)!.id) && (!keep || keep(label));
        const alone = searchLexical(this.lexical, defined, DEPTH, faqOnly, known).filter((hit) => !pool.some((other) => other.label === hit.label));
        const definitions = [...pool, ...alone].filter((hit) => {
          if (!FAQ_UNIT_ID.test(this.#meta.get(hit.label)!.id)) return false;
          const unit = this.#unit(hit.label);
          return unit.kind === 'faq' && unit.question !== undefined && definesAll(unit.question, defined);
        });
        // A page named as the thing ("Catalogs", "Environment API") says what it is, when no FAQ does:
        // its best unit, in the order the search found them.
        const named = new Set<string>();
        const pages = definitions.length > 0 ? [] : pool.filter((hit) => {
          const atomId = atomOf(hit.label);
          if (named.has(atomId) || !this.#titleNames(hit.label, defined)) return false;
          named.add(atomId);
          return true;
        });
        // Else a row or item that opens with the thing's name, as a table of types or a glossary has:
        // the first such unit of each atom, among the units fused.
        const listed = new Set<string>();
        const entries = definitions.length > 0 || pages.length > 0 ? [] : units.filter((hit) => {
          const atomId = atomOf(hit.label);
          if (listed.has(atomId) || !definesInEntry(this.#unit(hit.label).text, defined)) return false;
          listed.add(atomId);
          return true;
        });
        // First, as an atom quoting a pasted error code is: it is what was asked for.
        [...definitions, ...pages, ...entries].forEach((hit, rank) => add(hit.label, 2 / (RRF_K + 1) + 1 / (RRF_K + rank + 1)));
      }
      // The same candidates ranked by how much of the question their whole atom covers, fused
      // in as a second list: BM25 ranks sections, but the answer is the atom that has all of it.
      coverageRank = this.#coverageRanks(units.map((hit) => atomOf(hit.label)), terms, df);
      for (const hit of units) add(hit.label, 1 / (RRF_K + coverageRank.get(atomOf(hit.label))! + 1));
      // A nudge, not a list of its own: among units BM25 and coverage rank alike, the one that says
      // the question's words together, as the question does, goes first. Only the units fused
      // highest so far are read: tokenizing units is most of a query's time, and further down half
      // a first place rarely lifts one into the first few. A question of one word has no pair.
      const words = this.#proximityWords(terms, df);
      if (words.length > 1) {
        const leading = [...units].sort((a, b) => fused.get(b.label)! - fused.get(a.label)!).slice(0, PROXIMITY_UNITS);
        for (const hit of leading) add(hit.label, (PROXIMITY_WEIGHT * phraseShare(this.#unitTokens(hit.label), words)) / (RRF_K + 1));
      }
    }
    let vector: Float32Array | undefined;
    const similarities = new Map<number, number>();
    if (useDense) {
      vector = shared.vector ??= (await this.embedder!.embed([text]))[0]!;
      for (const [rank, hit] of searchDense(this.denseIndex!, vector!, DEPTH, keep).entries()) {
        add(hit.label, 1 / (RRF_K + rank + 1));
        similarities.set(hit.label, hit.similarity);
      }
      if (k > DEPTH && !useLexical) further.push(...searchDense(this.denseIndex!, vector!, k, keep).map((hit) => hit.label));
    }
    // A search for a page by its exact name ("pnpm why", "Catalogs"): that page goes first, even
    // when its name is made of words too common to search (`why` is a stop word) and the search
    // found another page first by the words that are left.
    for (const atomId of this.#titled(text)) {
      for (const label of this.#labelsByAtom.get(atomId) ?? []) if (!keep || keep(label)) add(label, 3 / (RRF_K + 1));
    }
    // A pasted log line naming an atom's error code, or linking to its page: that atom's units go first.
    const matchedCodes = quotedCodes(text, this.#codes);
    const linked = linkedAtoms(text, this.#pages);
    for (const atomId of new Set([...matchedCodes.keys(), ...linked.keys()])) {
      for (const label of this.#labelsByAtom.get(atomId) ?? []) if (!keep || keep(label)) add(label, 2 / (RRF_K + 1));
    }

    const byCoverage = (label: number) => coverageRank.get(this.#meta.get(label)!.atomId) ?? Infinity;
    const ranked = [...fused].sort((a, b) => b[1] - a[1] || byCoverage(a[0]) - byCoverage(b[0]) || a[0] - b[0]).slice(0, k);
    // Scored by their place in the list, below every fused candidate (the least of those has 1 / (RRF_K + DEPTH)).
    for (const label of new Set(further)) {
      if (ranked.length >= k) break;
      if (!fused.has(label)) ranked.push([label, 1 / (RRF_K + DEPTH + ranked.length + 1)]);
    }
    return ranked.map(([label, score]) => {
      const unit = this.#unit(label);
      let similarity = similarities.get(label);
      if (useDense && similarity === undefined) similarity = similarityTo(this.denseIndex!, label, vector!);
      const matchedErrorCode = matchedCodes.get(unit.atomId);
      const matchedLink = linked.get(unit.atomId);
      return toHit(unit, score, {
        confidence: confidence({
          queryTerms: terms,
          // Whether the atoms cover a question is a property of the atom: a question names words
          // from several of its sections, whichever unit ranks first.
          unitTerms: this.#termsOfAtom(unit.atomId),
          df,
          units: this.#meta.size,
          similarity: useDense ? similarity : undefined,
          baseline: this.manifest.denseBaseline,
          exactMatch: matchedErrorCode !== undefined || matchedLink !== undefined,
          named: this.#namedBy(label, terms),
          language: unit.language,
        }),
        matchedErrorCode,
        matchedLink,
      });
    });
  }

  analyze(query: string): AnalyzedTerm[] {
    if (this.#closed) throw new Error('The retriever is closed.');
    const df = (term: string) => this.#df.get(term) ?? 0;
    return this.#terms(query.slice(0, MAX_QUERY_CHARS).trim()).map((term) => ({
      term: term.term,
      forms: term.forms.map((form) => ({ form, units: df(form) })),
      concrete: term.concrete,
      everyday: term.everyday,
      smallTalk: term.smallTalk,
    }));
  }

  /** The query's words in the forms the index may hold them (see `analyzeQuery`). */
  #terms(text: string): QueryTerm[] {
    const known = (term: string) => (this.#df.get(term) ?? 0) > 0;
    const terms = analyzeQuery(text, known, () => this.#df.keys(), (word) => (katakanaSpelling(word) === undefined ? undefined : loanwordFor(word, (this.#sounds ??= soundIndex(this.#df.keys())))));
    // Where no atom is written in Japanese (or Chinese, Korean), none could hold a word of it:
    // one with no English form (a loanword no glossary lists and no term sounds like) is as silent
    // about what the atoms cover as a kanji word. A word with an English form is judged by that.
    if ([...this.#unitsPerLanguage.keys()].some(writesCjk)) return terms;
    return terms.map((term) => (term.forms.every(isCjkWord) ? { ...term, everyday: true } : term));
  }

  /**
   * The question's words proximity reads (see `phraseShare`), in the numbers `#unitTokens` writes
   * terms as: those the index knows, weighted by their rarest form's inverse document frequency;
   * not a pasted value or small talk, which say nothing of the phrase asked about, nor a kanji or
   * kana word with no English form (出た): how Japanese says the rest of the sentence, which no
   * English atom could hold, so a Japanese atom would win on its grammar over an English one that
   * holds the topic ("ファイルのエンコーディングのエラーが出た").
   */
  #proximityWords(terms: readonly QueryTerm[], df: (term: string) => number): ProximityWord<number>[] {
    const units = this.#meta.size;
    return terms
      .filter((term) => !term.concrete && !term.smallTalk && !(term.everyday && term.forms.every(isCjkWord)))
      .map((term) => term.forms.filter((form) => df(form) > 0))
      .filter((forms) => forms.length > 0)
      .map((forms) => ({ forms: forms.map((form) => this.#termId(form)), weight: Math.log(1 + units / (1 + Math.min(...forms.map(df)))) }));
  }

  /**
   * A unit's terms in order, as numbers: its title, its heading, and its text (a FAQ's question and
   * answer). Kept as long as parsed units are (MAX_CACHED_UNITS): tokenizing the candidates took most of a query's time.
   */
  #unitTokens(label: number): Int32Array {
    let tokens = this.#tokens.get(label);
    if (!tokens) {
      const unit = this.#unit(label);
      const text = unit.kind === 'faq' ? `${unit.question ?? ''}\n${unit.answer ?? unit.text}` : unit.text;
      tokens = Int32Array.from(tokenize(`${unit.title}\n${unit.section ?? ''}\n${text}`), (term) => this.#termId(term));
      if (this.#tokens.size >= MAX_CACHED_UNITS) this.#tokens.delete(this.#tokens.keys().next().value!);
      this.#tokens.set(label, tokens);
    }
    return tokens;
  }

  /** A number for a term, the same each time: the index's own words, and the few a unit's code adds. */
  #termId(term: string): number {
    let id = this.#termIds.get(term);
    if (id === undefined) {
      id = this.#termIds.size;
      this.#termIds.set(term, id);
    }
    return id;
  }

  languages(): ReadonlyMap<string, number> {
    return this.#unitsPerLanguage;
  }

  unitsOf(atomId: string): SearchHit[] {
    if (this.#closed) throw new Error('The retriever is closed.');
    const labels = [...(this.#labelsByAtom.get(atomId) ?? [])].sort((a, b) => a - b);
    try {
      return labels.map((label) => toHit(this.#unit(label), 0, { confidence: 0, matchedErrorCode: undefined }));
    } catch (error) {
      this.#unreadable(error);
    }
  }

  /** Rank of each atom by the share of the weight of the query's words it holds (see `weightedCoverage`), ties in the order given. */
  #coverageRanks(atomIds: readonly string[], terms: readonly QueryTerm[], df: (term: string) => number): Map<string, number> {
    const atoms = [...new Set(atomIds)];
    const coverage = new Map(atoms.map((atomId) => [atomId, weightedCoverage(terms, this.#termsOfAtom(atomId), df, this.#meta.size, this.#languageOf(atomId))]));
    return new Map(atoms.sort((a, b) => coverage.get(b)! - coverage.get(a)!).map((atomId, rank) => [atomId, rank]));
  }

  /**
   * Is the unit's atom named as the thing, all its words and no other: the title, or its last part
   * for a page cut into parts ("Env Variables and Modes: Modes"), without a note in brackets?
   */
  #titleNames(label: number, defined: readonly string[]): boolean {
    const terms = this.#nameTerms(label);
    return terms.size === defined.length && defined.every((term) => terms.has(term));
  }

  /**
   * Does the question hold every word of the unit's atom's name ("redact ... logs" names "Redaction")?
   * A name made only of words most units use ("Fastify" in Fastify's docs) names nothing in particular.
   */
  #namedBy(label: number, terms: readonly QueryTerm[]): boolean {
    const name = [...this.#nameTerms(label)];
    const telling = name.some((word) => (this.#df.get(word) ?? 0) <= COMMON_SHARE * this.#meta.size);
    return telling && name.every((word) => terms.some((term) => term.forms.includes(word)));
  }

  /**
   * The words of the atom's name: its title, or its last part for a page cut into parts, without a
   * note in brackets or the rule code it opens with (`MD009 - Trailing spaces` is named "trailing spaces").
   */
  #nameTerms(label: number): ReadonlySet<string> {
    const atomId = this.#meta.get(label)!.atomId;
    let terms = this.#titleTerms.get(atomId);
    if (!terms) {
      const name = this.#unit(label).title.split(': ').at(-1)!.replace(/\s*\([^)]*\)\s*$/, '').replace(RULE_CODE_LEAD, '');
      terms = new Set(tokenize(name));
      this.#titleTerms.set(atomId, terms);
    }
    return terms;
  }

  /**
   * The atom whose title, or its last part, is the whole query (compared as `plainName` writes
   * both). A name several atoms share ("Options", the last part of many imported pages) names none.
   */
  #titled(query: string): readonly string[] {
    const name = plainName(query);
    if (name === '' || name.length > MAX_TITLE_CHARS) return [];
    if (!this.#byTitle) {
      this.#byTitle = new Map();
      for (const [atomId, labels] of this.#labelsByAtom) {
        const title = this.store.unit(labels[0]!)!.title;
        for (const key of [plainName(title), plainName(title.split(': ').at(-1)!)]) {
          if (key === '') continue;
          const atoms = this.#byTitle.get(key) ?? new Set<string>();
          atoms.add(atomId);
          this.#byTitle.set(key, atoms);
        }
      }
    }
    const atoms = this.#byTitle.get(name);
    return atoms?.size === 1 ? [...atoms] : [];
  }

  #languageOf(atomId: string): string {
    return this.#meta.get(this.#labelsByAtom.get(atomId)![0]!)!.language;
  }

  #termsOfAtom(atomId: string): ReadonlySet<string> {
    let terms = this.#atomTerms.get(atomId);
    if (!terms) {
      const union = new Set<string>();
      for (const label of this.#labelsByAtom.get(atomId) ?? []) for (const term of this.store.terms(label)) union.add(term);
      terms = union;
      this.#atomTerms.set(atomId, terms);
    }
    return terms;
  }

  #unit(label: number): StoredUnit {
    let unit = this.#units.get(label);
    if (!unit) {
      unit = this.store.unit(label)!;
      // Bounded, oldest read first out, so a very large index does not end up parsed in memory.
      if (this.#units.size >= MAX_CACHED_UNITS) this.#units.delete(this.#units.keys().next().value!);
      this.#units.set(label, unit);
    }
    return unit;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.store.close();
    void this.embedder?.dispose();
  }

  #filter(options: SearchOptions): ((label: number) => boolean) | undefined {
    const filters = options.filters;
    if (!filters) return undefined;
    const types = filters.types?.length ? new Set(filters.types) : undefined;
    const tags = filters.tags?.length ? new Set(filters.tags.map((tag) => tag.toLowerCase())) : undefined;
    let language = filters.language ? baseLanguage(filters.language) : undefined;
    // Every unit is in the asked language (most sites have one): nothing to filter, per candidate.
    if (language !== undefined && this.#unitsPerLanguage.get(language) === this.#meta.size) language = undefined;
    if (!types && !tags && !language) return undefined;
    return (label) => {
      const meta = this.#meta.get(label);
      if (!meta) return false;
      if (types && !types.has(meta.type)) return false;
      if (tags && !meta.tags.some((tag) => tags.has(tag))) return false;
      if (language && this.#baseLanguage.get(label) !== language) return false;
      return true;
    };
  }
}

/** A query longer than this names no page by its title (a title is a name, not a sentence). */
const MAX_TITLE_CHARS = 80;

/**
 * A name as it is compared with a query: case, punctuation, spacing and a closing question mark
 * do not count.
 *
 * @example plainName('  `pnpm why`? ') //=> 'pnpm why'
 */
function plainName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** What the retriever keeps in memory from the chunk store, read once at load. */
interface IndexTables {
  readonly meta: readonly UnitMeta[];
  readonly df: ReadonlyMap<string, number>;
  readonly codes: readonly ErrorCode[];
  /** The pages each atom is: its own (its id is its page's path) and those its `sources` name. */
  readonly pages: readonly AtomPage[];
}

/** The chunk store file, its stats when it was verified, and the index folder as shown to people. */
interface StoreFile {
  readonly file: string;
  readonly verified: Stats;
  readonly shown: string;
}

function readTables(store: UnitStore): IndexTables {
  try {
    const meta = store.meta();
    return {
      meta,
      df: store.termFrequencies(),
      codes: errorCodes(store.errorCodes()),
      pages: [
        ...[...new Set(meta.map((unit) => unit.atomId))].map((atomId) => ({ atomId, page: sourcePage(atomId)! })),
        ...store.sourceRefs().flatMap(({ atomId, ref }) => {
          const page = sourcePage(ref);
          return page ? [{ atomId, page }] : [];
        }),
      ],
    };
  } catch (error) {
    throw new Error(`${FILES.units} cannot be read (${(error as Error).message})`);
  }
}

/** The one message for an index that cannot be trusted: what is wrong, and the command that fixes it. */
function damaged(shown: string, detail: string): string {
  return `The search index at ${shown} is damaged (${detail}). Rebuild it with \`${REBUILD} --full\`.`;
}


/** A stored unit as a search hit, with its score and confidence. */
export function toHit(unit: StoredUnit, score: number, extra: { confidence: number; matchedErrorCode: string | undefined; matchedLink?: string | undefined }): SearchHit {
  return {
    unitId: unit.id,
    atomId: unit.atomId,
    title: unit.title,
    summary: unit.summary,
    type: unit.type,
    tags: [...unit.tags],
    language: unit.language,
    ...(unit.translationOf ? { translationOf: unit.translationOf } : {}),
    kind: unit.kind,
    section: unit.section,
    anchor: unit.anchor,
    pageUrl: unit.pageUrl,
    url: unit.url,
    text: unit.text,
    ...(unit.kind === 'faq' ? { question: unit.question, answer: unit.answer } : {}),
    ...(unit.continues ? { continues: true as const } : {}),
    score: Math.round(score * 1e6) / 1e6,
    confidence: extra.confidence,
    ...(extra.matchedErrorCode ? { matchedErrorCode: extra.matchedErrorCode } : {}),
    ...(extra.matchedLink ? { matchedLink: extra.matchedLink } : {}),
  };
}

function describe(model: { provider: string; model: string; dtype: string }): string {
  return model.provider === 'none' ? 'no embedding model (provider none)' : `${model.provider} model ${model.model} (${model.dtype})`;
}
