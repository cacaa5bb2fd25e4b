/**
 * A ranker turns a question into a ranked list of distinct atom ids. Each system the retrieval
 * eval compares (lexical, dense, hybrid, hybrid+rerank, Pagefind) is one ranker, or the reason it
 * could not run in this configuration.
 */
import type { Retriever, SearchHit } from '../retrieval/api.js';
import { languagePreferred } from '../retrieval/preference.js';
import { distinctInOrder, MAX_RANK } from './metrics.js';

export type SystemName = 'lexical' | 'dense' | 'hybrid' | 'hybrid+rerank' | 'pagefind';

export const SYSTEM_NAMES: readonly SystemName[] = ['lexical', 'dense', 'hybrid', 'hybrid+rerank', 'pagefind'];

/** What a ranker is asked: the question and the language it is written in. */
export interface Query {
  readonly text: string;
  /** BCP 47 tag. */
  readonly language: string;
}

export interface Ranker {
  readonly name: SystemName;
  /** Atom ids, best first, distinct, at most MAX_RANK (an id that is not an atom holds its place). */
  rank(query: Query): Promise<string[]>;
  close?(): Promise<void> | void;
}

/** A system that cannot run here, and why (printed as `n/a`). */
export interface Unavailable {
  readonly name: SystemName;
  readonly unavailable: string;
}

/** Units fetched per question: enough that several sections of one atom still leave MAX_RANK atoms. */
const UNITS_PER_QUESTION = 60;

export interface RetrieverRankerOptions {
  /** Confidence the best hit in the question's language needs to be preferred (config `bot.minScore`). */
  readonly minScore: number;
}

/**
 * A ranker over the search index in one mode.
 *
 * @example (await retrieverRanker(retriever, 'lexical', { minScore: 0.2 }).rank({ text: 'lint fails on tags', language: 'en' }))[0] //=> 'error/frontmatter-schema'
 */
export function retrieverRanker(retriever: Retriever, mode: 'lexical' | 'dense' | 'hybrid', options: RetrieverRankerOptions): Ranker {
  return {
    name: mode,
    rank: async (query) => atomRanking(await preferredHits(retriever, query, { k: UNITS_PER_QUESTION, mode, minScore: options.minScore })),
  };
}

/**
 * Hits the way the chat service retrieves them: the question's language is a preference, so
 * atoms in that language come first when the best of them is confident enough, followed by the
 * others; otherwise all languages are ranked together.
 */
export async function preferredHits(retriever: Retriever, query: Query, options: { k: number; mode: 'lexical' | 'dense' | 'hybrid'; minScore: number }): Promise<SearchHit[]> {
  return languagePreferred(retriever, query.text, query.language, options);
}

/** Distinct atom ids of unit hits, best first, cut at MAX_RANK. */
export function atomRanking(hits: readonly Pick<SearchHit, 'atomId'>[]): string[] {
  return distinctInOrder(hits.map((hit) => hit.atomId)).slice(0, MAX_RANK);
}
