/**
 * The lexical index: MiniSearch (BM25+) over each unit's fields, with the shared tokenizer and
 * field boosts that put title, question, error codes, tags and summary above body text. It
 * answers on its own when no embedding model is available.
 */
import MiniSearch, { type Options, type SearchOptions as MiniSearchOptions } from 'minisearch';
import { tokenize } from './tokenize.js';
import type { StoredUnit } from './store.js';
import { subHeadings } from '../text/sub-headings.js';

export interface LexicalDoc {
  /** The unit's label (also its hnswlib label). */
  id: number;
  title: string;
  summary: string;
  tags: string;
  errorCodes: string;
  question: string;
  heading: string;
  body: string;
}

export const LEXICAL_FIELDS = ['title', 'summary', 'tags', 'errorCodes', 'question', 'heading', 'body'] as const;

/** Field weights: what a unit is about counts more than what it mentions in passing. */
export const FIELD_BOOST: Readonly<Record<(typeof LEXICAL_FIELDS)[number], number>> = {
  title: 3,
  question: 3,
  errorCodes: 3,
  tags: 2,
  summary: 2,
  heading: 1.5,
  body: 1,
};

const searchOptions: MiniSearchOptions = {
  boost: { ...FIELD_BOOST },
  combineWith: 'OR',
};

export const LEXICAL_OPTIONS: Options<LexicalDoc> = {
  idField: 'id',
  fields: [...LEXICAL_FIELDS],
  storeFields: [],
  tokenize,
  processTerm: (term) => term,
  autoVacuum: false,
  searchOptions,
};

export function createLexical(): MiniSearch<LexicalDoc> {
  return new MiniSearch<LexicalDoc>(LEXICAL_OPTIONS);
}

export function loadLexical(json: string): MiniSearch<LexicalDoc> {
  return MiniSearch.loadJSON<LexicalDoc>(json, LEXICAL_OPTIONS);
}

export function lexicalDoc(label: number, unit: StoredUnit): LexicalDoc {
  return {
    id: label,
    title: unit.title,
    summary: unit.summary,
    tags: unit.tags.join(' '),
    errorCodes: unit.errorCodes.join('\n'),
    question: unit.question ?? '',
    heading: unit.kind === 'faq' ? '' : [unit.section ?? '', ...subHeadings(unit.text)].join('\n'),
    body: withoutFenceLanguage(unit.kind === 'faq' ? (unit.answer ?? unit.text) : unit.text),
  };
}

/** A code fence's language (```` ```mjs ````, `~~~yaml`); what follows it (`title="vite.config.js"`) stays. */
const FENCE_LANGUAGE = /^([ \t]*(?:`{3,}|~{3,})[ \t]*)[\w+#.-]+/gm;

/**
 * The text without its code blocks' languages: they say how the code is highlighted, not what the
 * unit is about. Node's docs show every example as ```` ```mjs ```` and ```` ```cjs ````: indexed, "mjs" was
 * in 700 units and told none apart for a question about `.mjs` files.
 *
 * @example withoutFenceLanguage('```mjs\nimport fs from "node:fs";\n```') //=> '```\nimport fs from "node:fs";\n```'
 */
function withoutFenceLanguage(text: string): string {
  return text.replace(FENCE_LANGUAGE, '$1');
}

/** The terms of each field of a unit, in the order of LEXICAL_FIELDS. */
export function fieldTerms(unit: StoredUnit): string[][] {
  const doc = lexicalDoc(0, unit);
  return LEXICAL_FIELDS.map((field) => tokenize(doc[field]));
}

/** The distinct terms of every field of a unit: what confidence and document frequencies count. */
export function unitTerms(unit: StoredUnit): Set<string> {
  return new Set(fieldTerms(unit).flat());
}

/** A character no term holds: word segmentation never puts it in a word. */
const TERM_SEPARATOR = '\u0000';

/**
 * The lexical index as a build fills it: with each field given as its terms already
 * (`termsDoc`), so a build tokenizes a unit once, for its terms and for the index alike. The index
 * is the one `createLexical` makes of the same units' text.
 */
const BUILD_OPTIONS: Options<LexicalDoc> = { ...LEXICAL_OPTIONS, tokenize: (joined) => (joined === '' ? [] : joined.split(TERM_SEPARATOR)) };

export function createLexicalForBuild(): MiniSearch<LexicalDoc> {
  return new MiniSearch<LexicalDoc>(BUILD_OPTIONS);
}

export function loadLexicalForBuild(json: string): MiniSearch<LexicalDoc> {
  return MiniSearch.loadJSON<LexicalDoc>(json, BUILD_OPTIONS);
}

/** The document of a unit for an index made by `createLexicalForBuild`, from its `fieldTerms`. */
export function termsDoc(label: number, fields: readonly (readonly string[])[]): LexicalDoc {
  const [title, summary, tags, errorCodes, question, heading, body] = fields.map((terms) => terms.join(TERM_SEPARATOR));
  return { id: label, title: title!, summary: summary!, tags: tags!, errorCodes: errorCodes!, question: question!, heading: heading!, body: body! };
}

export interface LexicalHit {
  readonly label: number;
  readonly score: number;
}

/**
 * At most this many words of a question are searched (a pasted log can hold hundreds). A question
 * told as a story ("at work everything goes out through a proxy and HTTPS_PROXY is set in my
 * shell...") names two dozen: at a dozen, its topic was cut.
 */
const MAX_QUERY_TERMS = 24;
/** A term in Han or kana script. */
const CJK_TERM = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Terms in more than this share of units add little to BM25 and much to the cost of a query. */
export const COMMON_SHARE = 0.3;

/**
 * The terms a lexical query searches, given each question word as the forms it may take (the
 * word as written first): the words with the rarest forms first, at most MAX_QUERY_TERMS words,
 * without forms so common that they would match most units (unless nothing rarer is left: then
 * the rarest one). Words are counted, not forms, so a word's other forms never crowd out
 * another word of the question. Before rarity comes what a word can say of the topic, in this
 * order: words the index knows; words no unit holds in any form (typos: they find near spellings);
 * small talk (`smallTalk`, by index: "work", "pick"), rare as it may be in docs; Japanese words no
 * unit holds; values pasted from a log (`pasted`: a path's folders, a line number), which in a
 * pasted stack trace would take the places of the words that say what went wrong.
 *
 * @example selectQueryTerms([['the-rare'], ['common']], (t) => (t === 'common' ? 900 : 3), 1000) //=> ['the-rare']
 */
export function selectQueryTerms(words: readonly (readonly string[])[], df: (term: string) => number, units: number, pasted: readonly boolean[] = [], smallTalk: readonly boolean[] = []): string[] {
  const common = (term: string) => df(term) > COMMON_SHARE * units;
  const rarest = (forms: readonly string[]) => Math.min(...forms.map(df));
  const last = new Set(words.filter((_, i) => pasted[i] === true));
  const idle = new Set(words.filter((_, i) => smallTalk[i] === true));
  // A word no unit contains in any form is as rare as can be, but finds only near spellings; a
  // Japanese one finds nothing at all (near spellings are for Latin typos). A long Japanese
  // question over English atoms has a dozen such words (宣言, 仕組み), which took every place from
  // ライブラリ (library) and package.json.
  const unseen = (forms: readonly string[]) => forms.every((form) => df(form) === 0);
  const unknown = (forms: readonly string[]) => unseen(forms) && forms.every((form) => CJK_TERM.test(form));
  // The order above as one number: each kind outweighs all those before it together.
  const tier = (forms: readonly string[]) => (last.has(forms) ? 8 : 0) + (unknown(forms) ? 4 : 0) + (idle.has(forms) ? 2 : 0) + (unseen(forms) ? 1 : 0);
  const ranked = words.filter((forms) => forms.length > 0).sort((a, b) => tier(a) - tier(b) || rarest(a) - rarest(b));
  const rare = ranked.map((forms) => forms.filter((form) => !common(form))).filter((forms) => forms.length > 0);
  // Words no unit contains (typos, unfinished words) find only their near spellings: with no
  // rarer word the index knows, its rarest known form is searched too.
  if (!rare.some((forms) => forms.some((form) => df(form) > 0))) {
    const known = ranked.flat().filter((form) => df(form) > 0).sort((a, b) => df(a) - df(b));
    return [...new Set([...rare.slice(0, MAX_QUERY_TERMS).flat(), ...known.slice(0, 1)])];
  }
  return [...new Set(rare.slice(0, MAX_QUERY_TERMS).flat())];
}

/**
 * Searches already-tokenized query terms (see `selectQueryTerms`) in every shard and merges the
 * hits by score. Shards hold a hash-spread sample of units each, so their BM25 statistics agree
 * closely enough to compare scores.
 *
 * A term no unit contains (`known` says which do) is a typo or an unfinished word: it also
 * matches close spellings (words of 6 letters or more) and the words it begins. A term the index
 * knows is spelt right and finished (questions are asked whole, not searched as typed): only a
 * long one also matches words one edit away (`interview` finds `interviewee`, which the stemmer
 * keeps apart), and none the words it begins (`atom` would match every `ATOMKIT_ERR_*`). Typo
 * matching every known term took half of a query's time and changed no figure of
 * `atomkit eval` (retrieval and answers) on the question sets. `weight` scales a term's score (a
 * word's other forms count less than the word as written).
 */
export function searchLexical(
  shards: readonly MiniSearch<LexicalDoc>[],
  terms: readonly string[],
  limit: number,
  keep?: (label: number) => boolean,
  known: (term: string) => boolean = () => false,
  weight: (term: string) => number = () => 1,
): LexicalHit[] {
  if (terms.length === 0) return [];
  const hits: LexicalHit[] = [];
  for (const index of shards) {
    const results = index.search(terms.join(' '), {
      tokenize: () => [...terms],
      fuzzy: (term) => (known(term) ? term.length >= 8 && 1 : term.length >= 6 && 0.15),
      prefix: (term) => term.length >= 4 && !known(term),
      boostTerm: (term) => weight(term),
      ...(keep ? { filter: (result) => keep(result.id as number) } : {}),
    });
    for (const result of results.slice(0, limit)) hits.push({ label: result.id as number, score: result.score });
  }
  return hits.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, limit);
}

/** Share of an atom's other matching units added to each of its units' scores. */
const OTHER_UNITS_SHARE = 0.1;
/** How many of an atom's other units count: a long atom is not favoured for its length. */
const OTHER_UNITS = 3;

/**
 * Each unit's score plus a small share of the best other units of the same atom: an atom that
 * answers a question in several sections outranks one section that happens to repeat a word, and
 * the share is of its best few other units, not of all of them.
 *
 * @example shareAcrossAtom([{ label: 1, score: 4 }, { label: 2, score: 2 }, { label: 3, score: 3 }], (l) => (l === 3 ? 'b' : 'a'))
 * //=> [{ label: 1, score: 4.2 }, { label: 3, score: 3 }, { label: 2, score: 2.2 }]
 */
export function shareAcrossAtom(hits: readonly LexicalHit[], atomOf: (label: number) => string): LexicalHit[] {
  const byAtom = new Map<string, number[]>();
  for (const hit of hits) {
    const atom = atomOf(hit.label);
    const scores = byAtom.get(atom) ?? [];
    scores.push(hit.score);
    byAtom.set(atom, scores);
  }
  const bonus = new Map<string, number>();
  for (const [atom, scores] of byAtom) {
    const others = scores.sort((a, b) => b - a).slice(1, 1 + OTHER_UNITS);
    bonus.set(atom, OTHER_UNITS_SHARE * others.reduce((a, b) => a + b, 0));
  }
  return hits.map((hit) => ({ label: hit.label, score: hit.score + bonus.get(atomOf(hit.label))! })).sort((a, b) => b.score - a.score || a.label - b.label);
}

/** Units per lexical shard: a rebuild after one edit rewrites one shard, not the whole index. */
export const UNITS_PER_SHARD = 4000;

export function shardCount(units: number): number {
  return Math.max(1, Math.ceil(units / UNITS_PER_SHARD));
}

/**
 * The shard of an atom file (FNV-1a of its path): all units of a file live in one shard.
 *
 * @example shardOf('error/x.md', 1) //=> 0
 */
export function shardOf(file: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) {
    hash ^= file.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}
