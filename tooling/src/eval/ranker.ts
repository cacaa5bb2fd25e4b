/**
 * A ranker turns a question into a ranked list of distinct atom ids. Each system the retrieval
 * eval compares (lexical, dense, hybrid, hybrid+rerank, Pagefind) is one ranker, or the reason it
 * could not run in this configuration.
 */
import type { Retriever, SearchHit } from '../retrieval/api.js';
import { distinctInOrder, MAX_RANK } from './metrics.js';

export type SystemName = 'lexical' | 'dense' | 'hybrid' | 'hybrid+rerank' | 'pagefind';

export const SYSTEM_NAMES: readonly SystemName[] = ['lexical', 'dense', 'hybrid', 'hybrid+rerank', 'pagefind'];

export interface Ranker {
  readonly name: SystemName;
  /** Atom ids, best first, distinct, at most MAX_RANK (an id that is not an atom holds its place). */
  rank(question: string): Promise<string[]>;
  close?(): Promise<void> | void;
}

/** A system that cannot run here, and why (printed as `n/a`). */
export interface Unavailable {
  readonly name: SystemName;
  readonly unavailable: string;
}

/** Units fetched per question: enough that several sections of one atom still leave MAX_RANK atoms. */
const UNITS_PER_QUESTION = 60;

/**
 * A ranker over the search index in one mode.
 *
 * @example (await retrieverRanker(retriever, 'lexical').rank('lint fails on tags'))[0] //=> 'error/frontmatter-schema'
 */
export function retrieverRanker(retriever: Retriever, mode: 'lexical' | 'dense' | 'hybrid'): Ranker {
  return {
    name: mode,
    async rank(question) {
      const hits = await retriever.search(question, { k: UNITS_PER_QUESTION, mode });
      return atomRanking(hits);
    },
  };
}

/** Distinct atom ids of unit hits, best first, cut at MAX_RANK. */
export function atomRanking(hits: readonly Pick<SearchHit, 'atomId'>[]): string[] {
  return distinctInOrder(hits.map((hit) => hit.atomId)).slice(0, MAX_RANK);
}
