/**
 * The public surface of the search index: what the chat service, eval and the CLI code against.
 * `atomkit index` builds the artifact (`build.ts`); `openRetriever` loads it and answers queries.
 *
 * @example
 * const retriever = await openRetriever(loadConfig());
 * const [best] = await retriever.search('frontmatter/schema: must have required property', { k: 5 });
 * best.url //=> '/error/frontmatter-schema/#how-to-resolve'
 */
import type { AtomkitConfig } from '../config/load.js';

export interface SearchFilters {
  /** Atom types to keep (`error`, `procedure`, ...). */
  types?: string[];
  /** Keep units whose atom has at least one of these tags. */
  tags?: string[];
  /** Keep units in this language (BCP 47, matched on the primary subtag: `ja` matches `ja-JP`). */
  language?: string;
}

export interface SearchOptions {
  /** Number of hits. @default 8 */
  k?: number;
  filters?: SearchFilters;
  /** `hybrid` fuses dense and lexical; without a dense part (or query model) every mode is lexical. @default 'hybrid' */
  mode?: 'hybrid' | 'lexical' | 'dense';
}

/** One retrieval unit: the lead of an atom, one `##` section (or part of a long one), or one FAQ pair. */
export interface SearchHit {
  unitId: string;
  atomId: string;
  title: string;
  summary: string;
  type: string;
  tags: string[];
  language: string;
  /** Title of the atom this one translates (`translation_of`), when it is a translation. */
  translationOf?: string;
  /** `lead` is the text before the first `##` section. */
  kind: 'lead' | 'section' | 'faq';
  /** Heading text (the FAQ question for FAQ units); undefined for the lead. */
  section: string | undefined;
  /** The anchor the site renders for the section (identity.ts `headingAnchors`). */
  anchor: string | undefined;
  /** Site-absolute URL path of the atom page (identity.ts `atomUrl`). */
  pageUrl: string;
  /** Deep link to the section (identity.ts `sectionUrl`). */
  url: string;
  /** The unit's Markdown. */
  text: string;
  question?: string;
  answer?: string;
  /** The unit opens inside a code block or table that the part of its section before it ended with (see chunk.ts). */
  continues?: true;
  /** Fused score; only the order it gives means anything. */
  score: number;
  /**
   * 0..1, comparable across queries, for a "not in the atoms" threshold (config `bot.minScore`).
   * Lexical part: the IDF-weighted share of the query's content terms found in the unit and its
   * atom's title, summary, tags and error codes; an exact error-code match counts as 1. With dense
   * retrieval on it is blended with the cosine similarity of query and unit (see `confidence.ts`).
   */
  confidence: number;
  /** The `error_codes` entry of the atom found verbatim in the query (a pasted log line). */
  matchedErrorCode?: string;
  /** The link in the query to the atom's page, or to a page its `sources` name (an error message's "see <docs URL>"). */
  matchedLink?: string;
}

export interface IndexCounts {
  atoms: number;
  units: number;
  /** Units cut from sections longer than `index.maxUnitTokens`. */
  splitUnits: number;
  faqUnits: number;
  /** Atoms left out: drafts, and atoms whose header is not valid. */
  skippedAtoms: number;
  /** Units whose embedding came from the cache / was computed in this build. */
  cached: number;
  embedded: number;
}

/** `manifest.json` of an index artifact. */
export interface IndexManifest {
  formatVersion: number;
  /** `local`, `openai` or `none`. */
  provider: string;
  /** The configured embedding model id (recorded even when dense retrieval is off). */
  model: string;
  /** Is there an hnswlib index (dense retrieval)? */
  dense: boolean;
  /** Embedding dimensions (0 when dense is off). */
  dims: number;
  counts: IndexCounts;
  /** Git revision of the atoms folder (tree hash of `HEAD:atoms`), when it is in a repository. */
  atomsRevision: string | null;
  /** sha256 over the units (ids, text and metadata): same atoms, same hash. */
  contentHash: string;
  /** ISO time of the build. */
  builtAt: string;
  /** What shaped the index: chunking, quantization, hnsw and lexical settings. */
  parameters: Record<string, unknown>;
  /** hnswlib slots of removed units, reused by the next units added. */
  deletedVectors: number;
  /**
   * Cosine similarity of random unit pairs in this index (mean and standard deviation): the
   * baseline that dense confidence is measured from, so it holds for any model.
   */
  denseBaseline: { mean: number; std: number } | null;
  /**
   * Size and sha256 of every file the index is read from (chunk store, lexical shards, vector
   * index), keyed by file name: a file that does not match is refused before anything parses it.
   */
  files: Record<string, FileDigest>;
}

export interface FileDigest {
  bytes: number;
  /** Hex. */
  sha256: string;
}

export interface Retriever {
  readonly manifest: IndexManifest;
  /** Is dense retrieval in use (index has vectors and the query model loaded)? */
  readonly dense: boolean;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /**
   * The same query searched with each of several options (with a language filter and without,
   * say): each list is the one `search` gives with those options, and the query and the lexical
   * index are read once for all of them.
   */
  searchEach(query: string, each: readonly SearchOptions[]): Promise<SearchHit[][]>;
  /**
   * Every unit of an atom in document order (confidence 0, score 0), so an answer can quote a
   * whole section from its start; empty for an unknown atom. Every retriever has it: an answer
   * composed without it quotes only the parts of a section the search returned.
   */
  unitsOf(atomId: string): SearchHit[];
  /** How many units are in each language (its primary subtag: `ja` for `ja-JP`): what a language filter would keep. */
  languages(): ReadonlyMap<string, number>;
  /** The query's words as the search reads them, and how many units hold each form (`search --explain`). */
  analyze(query: string): AnalyzedTerm[];
  /**
   * Why the index can no longer answer (a sentence naming the command that rebuilds it), or
   * undefined while it can: the chunk store was changed in place since it was verified, or a search
   * could not read it. Cheap (one `stat`), for health checks.
   */
  problem(): string | undefined;
  close(): void;
}

/** A word of a query as the search reads it. */
export interface AnalyzedTerm {
  readonly term: string;
  /** The forms searched (the word as written first: its English form, synonyms, a typo's neighbour) and the units that hold each. */
  readonly forms: readonly { readonly form: string; readonly units: number }[];
  /** A value (a URL, a path, a number pasted from a log; a camelCase name from the asker's code): not held against an atom that lacks it. */
  readonly concrete: boolean;
  /** An everyday word: when no atom uses it, it says nothing about whether the atoms cover the question. */
  readonly everyday: boolean;
  /** Small talk ("on my machine", "our app"): not held against an atom that lacks it, though other atoms use it. */
  readonly smallTalk: boolean;
}

export interface OpenRetrieverOptions {
  /** Fail (IndexLoadError `ATOMKIT_ERR_DENSE_UNAVAILABLE`) instead of falling back to lexical search. */
  requireDense?: boolean;
  /** Receives the one warning printed when dense retrieval falls back to lexical. @default console.warn */
  onWarning?: (message: string) => void;
  /** Where the openai provider's API key is read from. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export type IndexErrorCode =
  | 'ATOMKIT_ERR_INDEX_MISSING'
  | 'ATOMKIT_ERR_INDEX_CORRUPT'
  | 'ATOMKIT_ERR_INDEX_FORMAT'
  | 'ATOMKIT_ERR_INDEX_MODEL_MISMATCH'
  | 'ATOMKIT_ERR_DENSE_UNAVAILABLE';

/**
 * An index that cannot be used. `message` is a sentence for people and names the command that
 * fixes it (`hint`); the chat service turns it into its startup message.
 */
export class IndexLoadError extends Error {
  override name = 'IndexLoadError';
  constructor(
    readonly code: IndexErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/**
 * Loads the index at `config.index.dir`. Throws IndexLoadError when it is missing, unreadable,
 * of another format, or built with another embedding model than the configured one.
 */
export async function openRetriever(config: AtomkitConfig, options: OpenRetrieverOptions = {}): Promise<Retriever> {
  const { loadRetriever } = await import('./retriever.js');
  return loadRetriever(config, options);
}
