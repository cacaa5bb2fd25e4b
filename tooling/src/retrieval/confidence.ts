/**
 * How sure a hit is, on a 0..1 scale that means the same for every query, so the chat service
 * can say "not in the atoms" below a threshold (`bot.minScore`). Fused scores cannot do that:
 * reciprocal-rank fusion gives the best hit of an off-topic question the same score as the
 * best hit of a good one.
 *
 * - Lexical coverage: the query's content terms (stop words dropped, stemmed) weighted by
 *   inverse document frequency, and the share of that weight found in the hit's atom, times the
 *   share of the terms found (all its sections and FAQ pairs, title, summary, tags and error
 *   codes: whether the atoms cover a question is a property of the atom, not of one section).
 *   Words no atom uses count double, so a question about something the atoms never mention scores near 0 however
 *   the ranking turns out, even when one of its words happens to appear somewhere.
 * - Dense similarity (when on): the cosine of query and unit, measured from the index's own
 *   baseline (mean + one standard deviation of random unit pairs, in the manifest) up to 1, so
 *   the scale does not depend on the model.
 * - A question that holds every word of the hit's atom's name ("redact the authorization header"
 *   for "Redaction") asks about that page, whatever else it says (the asker's own header, host or
 *   library): its lexical coverage counts as its square root.
 * - Both on: the mean of the two. An exact match (an error code quoted, the atom's page linked)
 *   lifts the hit to at least 0.9.
 */

import type { QueryTerm } from './query.js';

export interface ConfidenceInputs {
  /** Distinct content terms of the query (see `analyzeQuery`), or plain terms. */
  readonly queryTerms: readonly (string | QueryTerm)[];
  /** Terms the hit is judged on: the retriever passes those of every unit of the hit's atom. */
  readonly unitTerms: ReadonlySet<string>;
  /** Document frequency of a term among units (0 when unseen). */
  readonly df: (term: string) => number;
  /** Units in the index. */
  readonly units: number;
  /** Cosine similarity of query and unit, when dense retrieval is on. */
  readonly similarity?: number | undefined;
  readonly baseline?: { mean: number; std: number } | null | undefined;
  /** The question quotes the hit's atom's error code, or links to its page. */
  readonly exactMatch?: boolean;
  /** The question holds every word of the hit's atom's name. */
  readonly named?: boolean;
  /** The hit's atom language (BCP 47): words in a script it is not written in are not held against it. */
  readonly language?: string;
}

/** Languages written with Han, kana or Hangul; atoms in the others cannot hold a word in those scripts. */
const CJK_LANGUAGES = new Set(['ja', 'zh', 'ko']);
const CJK_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+$/u;

/**
 * Whether a term is written in a script atoms in the language cannot contain: a Japanese word for an
 * English atom.
 *
 * @example foreignScript('改行', 'en') //=> true
 * @example foreignScript('crlf', 'ja') //=> false
 */
export function foreignScript(term: string, language: string): boolean {
  return !writesCjk(language) && isCjkWord(term);
}

/**
 * Is the term written in Han, kana or Hangul only?
 *
 * @example isCjkWord('改行') //=> true
 */
export function isCjkWord(term: string): boolean {
  return CJK_WORD.test(term);
}

/**
 * Is the language written with Han, kana or Hangul?
 *
 * @example writesCjk('ja-JP') //=> true
 */
export function writesCjk(language: string): boolean {
  return CJK_LANGUAGES.has(language.toLowerCase().split('-')[0]!);
}

/**
 * @example lexicalCoverage(['backup', 'restore'], new Set(['backup', 'restore', 'disk']), () => 3, 100) //=> 1
 * @example lexicalCoverage(['backup', 'restore'], new Set(['backup']), () => 3, 100) //=> 0.25
 */
export function lexicalCoverage(queryTerms: readonly (string | QueryTerm)[], unitTerms: ReadonlySet<string>, df: (term: string) => number, units: number, language?: string): number {
  const { total, found, count, counted, unknownTopics, topics } = coverageCounts(queryTerms, unitTerms, df, units, language);
  // Both the telling words and most of the words must be there: one rare word shared by chance
  // ("capitals" for a question about a capital city) is not a match.
  // Each topic no atom mentions at all (`PostgreSQL`, `Slack`) cuts it again, by as much as its
  // share of the question: in three words an unknown word is the topic, in twenty it is as often
  // a detail of the asker's own setup (their portal, their laptop, their library's name).
  // Pasted values alone (a number, a path) are no sign that the atom covers the question, and
  // neither are words of small talk alone ("what is the meaning of life" in an atom that says what
  // an error code means): a question is covered by at least one word that names what it asks about.
  const unknownShare = unknownTopics / Math.max(1, counted / WORDS_PER_TOPIC);
  return total > 0 && topics > 0 ? (found / total) * (count / counted) * UNKNOWN_TOPIC_FACTOR ** unknownShare : 0;
}

/**
 * How much of the question an atom covers, for ranking atoms against each other: the share of the
 * weight of the question's words (rarer words weigh more) that the atom holds. The share of words
 * it holds, whatever their weight, is left out: `lexicalCoverage` needs it to doubt one rare word
 * shared by chance, but between atoms it favours the long ones (a page of code holds most of a
 * question's common words), which came first for questions about other things.
 *
 * @example weightedCoverage(['backup', 'restore'], new Set(['backup']), () => 3, 100) //=> 0.5
 */
export function weightedCoverage(queryTerms: readonly (string | QueryTerm)[], unitTerms: ReadonlySet<string>, df: (term: string) => number, units: number, language?: string): number {
  const { total, found } = coverageCounts(queryTerms, unitTerms, df, units, language);
  return total > 0 ? found / total : 0;
}

/** The weights and counts of the question's words an atom holds, and of those it is judged on. */
function coverageCounts(queryTerms: readonly (string | QueryTerm)[], unitTerms: ReadonlySet<string>, df: (term: string) => number, units: number, language: string | undefined) {
  let total = 0;
  let found = 0;
  let count = 0;
  let counted = 0;
  let unknownTopics = 0;
  let topics = 0;
  for (const entry of queryTerms) {
    const { forms, concrete, everyday, smallTalk } = typeof entry === 'string' ? { forms: [entry], concrete: false, everyday: false, smallTalk: false } : entry;
    const match = forms.find((form) => unitTerms.has(form));
    // "Completely remove pnpm from my machine": the page on uninstalling it does not say "machine",
    // and is none the worse an answer. Held, a word of small talk counts for the atom like any other.
    if (smallTalk && match === undefined) continue;
    // A pasted value (a URL, a path, an id) no atom states is neither required nor held against a match.
    if (concrete && match === undefined) continue;
    const seen = match !== undefined ? df(match) : Math.max(...forms.map(df));
    // A Japanese word with no English form that other atoms use: an English atom could not say it,
    // so its absence says nothing (a word no atom uses still names a topic none covers).
    if (match === undefined && seen > 0 && language !== undefined && forms.every((form) => foreignScript(form, language))) continue;
    if (seen === 0 && everyday) continue;
    if (seen === 0) unknownTopics++;
    // A word no atom uses is the strongest sign the question is about something else: double weight.
    const weight = Math.log(1 + units / (1 + seen)) * (seen === 0 ? 2 : 1);
    total += weight;
    counted++;
    if (match !== undefined) {
      found += weight;
      count++;
      if (!concrete && !smallTalk) topics++;
    }
  }
  return { total, found, count, counted, unknownTopics, topics };
}

/** What a question word that names a topic no atom mentions leaves of the coverage... */
const UNKNOWN_TOPIC_FACTOR = 0.35;
/** ...in a question of up to this many counted words; in a longer one, in proportion. */
const WORDS_PER_TOPIC = 5;

/** Cosine similarity rescaled from the index baseline (0) to identical (1). */
export function denseConfidence(similarity: number, baseline: { mean: number; std: number } | null | undefined): number {
  const floor = Math.min(0.9, (baseline?.mean ?? 0) + (baseline?.std ?? 0));
  return clamp((similarity - floor) / (1 - floor));
}

export function confidence(inputs: ConfidenceInputs): number {
  const coverage = lexicalCoverage(inputs.queryTerms, inputs.unitTerms, inputs.df, inputs.units, inputs.language);
  const lexical = inputs.named ? Math.sqrt(coverage) : coverage;
  const value = inputs.similarity === undefined ? lexical : (lexical + denseConfidence(inputs.similarity, inputs.baseline)) / 2;
  return Math.round((inputs.exactMatch ? Math.max(value, 0.9) : value) * 1000) / 1000;
}

/**
 * The hit a question's coverage is judged by: the most confident, wherever the ranking put it. The
 * chat service refuses below `bot.minScore` by it, and the eval measures refusals by the same hit.
 *
 * @example mostConfident([{ confidence: 0.1 }, { confidence: 0.4 }])?.confidence //=> 0.4
 */
export function mostConfident<T extends { readonly confidence: number }>(hits: readonly T[]): T | undefined {
  return hits.reduce<T | undefined>((best, hit) => (!best || hit.confidence > best.confidence ? hit : best), undefined);
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
