/**
 * The question's language as a preference, not a filter: atoms in that language first when the
 * best of them covers the question about as well as the best atom in any language, otherwise all
 * languages ranked together (a Japanese question whose answer exists only in English finds it),
 * after any atom in another language that ranks above them all and has no translation found,
 * each atom found in another language shown by its translation when the search found that too;
 * and an atom whose error code the question quotes, or whose page it links to, first in any case (in
 * the question's language first, when its translation matches too).
 */
import type { Retriever, SearchFilters, SearchHit, SearchOptions } from './api.js';
import { baseLanguage } from '../text/language-tag.js';

/** The preferred language's best hit must reach this share of the overall best confidence to go first. */
const PREFERRED_SHARE = 0.9;
/** Hits of each list the preference compares (the chat service answers from 8). */
const PREFERENCE_WINDOW = 8;

export interface PreferenceOptions {
  readonly k: number;
  readonly mode?: SearchOptions['mode'];
  /** Other filters (a `language` filter among them is strict and turns the preference off). */
  readonly filters?: SearchFilters;
  /** Confidence the preferred language's best hit needs at least (config `bot.minScore`). */
  readonly minScore: number;
}

/**
 * @example (await languagePreferred(retriever, 'ヘッダーのエラー', 'ja', { k: 8, minScore: 0.15 }))[0].language //=> 'ja'
 */
export async function languagePreferred(retriever: Retriever, question: string, language: string, options: PreferenceOptions): Promise<SearchHit[]> {
  const { k, mode, filters } = options;
  const base = { k, ...(mode ? { mode } : {}) };
  if (filters?.language) return retriever.search(question, { ...base, filters });
  const everything = { ...base, ...(filters ? { filters } : {}) };
  // Searched in the question's language too only when that keeps some units out and some in: on
  // a knowledge base in one language (most are) that search is the same as the first.
  const units = retriever.languages();
  const inQuestionLanguage = units.get(baseLanguage(language)) ?? 0;
  const total = [...units.values()].reduce((sum, count) => sum + count, 0);
  const both = inQuestionLanguage > 0 && inQuestionLanguage < total;
  let all: SearchHit[];
  let preferred: SearchHit[];
  if (both) [all, preferred] = (await retriever.searchEach(question, [everything, { ...base, filters: { ...filters, language } }])) as [SearchHit[], SearchHit[]];
  else {
    all = await retriever.search(question, everything);
    preferred = inQuestionLanguage === 0 ? [] : all;
  }
  // Judged on the first hits of each list, the ones an answer is made from: a confident unit far
  // down a long list (the eval ranks 60) says nothing about the order of the list above it.
  const best = (hits: readonly SearchHit[]) => Math.max(0, ...hits.slice(0, PREFERENCE_WINDOW).map((hit) => hit.confidence));
  // Of the atoms quoting the error code (an atom and its translation both do), the question's language first.
  const quotes = all.filter((hit) => hit.matchedErrorCode !== undefined || hit.matchedLink !== undefined);
  const inLanguage = (hit: SearchHit) => baseLanguage(hit.language) === baseLanguage(language);
  const quoted = [...quotes.filter(inLanguage), ...quotes.filter((hit) => !inLanguage(hit))];
  const first = best(preferred) >= options.minScore && best(preferred) >= best(all) * PREFERRED_SHARE ? preferred : [];
  // An atom in another language that all languages ranked above every atom in the question's, at
  // least as confident as they are, keeps its place when no translation of it was found: the
  // preference is for the same answer in the reader's language, not for a different answer.
  // A translation names its source (`translation_of`), or sits at the source's path in its locale folder.
  const translated = new Set(preferred.flatMap((hit) => [...(hit.translationOf === undefined ? [] : [hit.translationOf]), sourcePath(hit)]));
  const firstInLanguage = all.findIndex(inLanguage);
  const ahead = first.length === 0 ? [] : all.slice(0, firstInLanguage < 0 ? all.length : firstInLanguage).filter((hit) => !translated.has(hit.title) && !translated.has(hit.atomId) && hit.confidence >= best(preferred));
  const seen = new Set<string>();
  const merged: SearchHit[] = [];
  const push = (hit: SearchHit) => {
    if (seen.has(hit.unitId)) return;
    seen.add(hit.unitId);
    merged.push(hit);
  };
  for (const hit of [...quoted, ...ahead, ...first, ...all]) {
    // The same atom in the question's language, when the search found its translation, goes in its place.
    if (!inLanguage(hit)) for (const translation of preferred) if (translation.translationOf === hit.title) push(translation);
    push(hit);
  }
  return merged.slice(0, k);
}

/**
 * The atom id a translation would have in the default language: its own without its locale folder.
 *
 * @example sourcePath({ atomId: 'ja/error/schema', language: 'ja' }) //=> 'error/schema'
 */
function sourcePath(hit: Pick<SearchHit, 'atomId' | 'language'>): string {
  const [folder, ...rest] = hit.atomId.split('/');
  return rest.length > 0 && folder!.toLowerCase() === baseLanguage(hit.language) ? rest.join('/') : hit.atomId;
}
