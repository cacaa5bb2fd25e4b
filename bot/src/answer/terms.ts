/**
 * The words of a question and of the atoms' text as the extractive answer compares them: lower
 * case, English stemmed, Japanese segmented, camelCase identifiers split on request. Its own
 * module because every choice of the answer (which FAQ, which section, which sentence, which
 * block or list item) counts shared terms the same way, and the word sets of the atoms' texts are
 * cached here once for all of them.
 */
import { stemmer } from 'stemmer';
import { normalizePhrases } from '../../../tooling/src/retrieval/query.js';
import { ENGLISH_HEDGES, KEPT_APART, withoutAdverbEnding } from '../../../tooling/src/retrieval/tokenize.js';
import { memoized } from '../../../tooling/src/text/memo.js';

const STOPWORDS = new Set(
  [
    'a an and are as at be but by can do does for from how i if in into is it its me my no not of on or our so that the their then there these this to was we what when where which who why will with you your',
    // How a question is put, not what it is about: "when should I use X" is about X.
    'should would could shall might must use uses used using',
    // Japanese question words: "アトムって何？" is about アトム.
    '何 なに どう どこ いつ 誰 だれ なぜ どれ どの どんな',
    // What is left of a contraction split at its apostrophe (`don't` is `don` and `t`).
    'aren couldn didn doesn don hadn hasn haven isn ll re ve wasn weren won wouldn shouldn',
    // How sure or how much, never what about (and stemmed, "generally" would be "generate").
    ...ENGLISH_HEDGES,
  ]
    .join(' ')
    .split(' '),
);

const KEY_COMPOUND = /(?<![\w/-])[a-z][a-z\d]*(?:-[a-z][a-z\d]*)+(?![\w/-])/gi;
const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'word' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN_WORD = /[\p{L}\p{N}_]+/gu;
/** Stems of words seen, so the same words across units and requests are stemmed once. */
const stem = memoized((word: string) => KEPT_APART.get(word) ?? stemmer(withoutAdverbEnding(word)), 50_000);

/**
 * Word segments of a text, lower case, Latin words stemmed, with their unstemmed form. Text
 * without CJK is split by a regular expression (much faster than Intl.Segmenter).
 */
function* words(text: string, camelParts: boolean): Generator<{ word: string; term: string; cjk: boolean }> {
  const normalized = text.normalize('NFKC');
  if (!CJK.test(normalized)) {
    for (const [word] of normalized.matchAll(LATIN_WORD)) yield* latinWord(word, camelParts);
    return;
  }
  for (const { segment, isWordLike } of SEGMENTER.segment(normalized)) {
    if (!isWordLike) continue;
    if (CJK.test(segment)) yield { word: segment.toLowerCase(), term: segment.toLowerCase(), cjk: true };
    else yield* latinWord(segment, camelParts);
  }
}

const CAMEL_PART = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

/**
 * A Latin word, lower case and stemmed, and with `camelParts` the words of a camelCase identifier
 * too, so that a text naming `strictPeerDependencies` answers "fail on missing peer dependencies".
 */
function* latinWord(raw: string, camelParts: boolean): Generator<{ word: string; term: string; cjk: boolean }> {
  // `_Catalogs_` is emphasis around a word; an identifier keeps the underscores inside it.
  const word = raw.replace(/^_+|_+$/g, '');
  if (word === '') return;
  const lower = word.toLowerCase();
  yield { word: lower, term: stem(lower), cjk: false };
  if (!camelParts || !/[a-z][A-Z]/.test(word)) return;
  for (const [part] of word.matchAll(CAMEL_PART)) {
    const partLower = part.toLowerCase();
    if (partLower.length > 1 && !STOPWORDS.has(partLower)) yield { word: partLower, term: stem(partLower), cjk: false };
  }
}

/**
 * Content words of a question, for finding the sentences that answer it: lower case, stemmed, no
 * stop words (Japanese split by Intl.Segmenter). Stricter about short words than the search
 * index's `queryTerms`, which has its own stop words.
 *
 * @example questionTerms('How do I run the linters locally?') //=> ['run', 'linter', 'local']
 */
export function questionTerms(question: string): string[] {
  const terms = new Set<string>();
  const normalized = normalizePhrases(question);
  for (const { word, term, cjk } of words(normalized, false)) {
    if (STOPWORDS.has(word) || (!cjk && word.length < 2) || (cjk && /^\p{Script=Hiragana}{1,2}$/u.test(word))) continue;
    terms.add(term);
  }
  // `shamefully-hoist` is also the `shamefullyHoist` a reference page names its key by (a rule
  // code such as `size/too-long` is not a key).
  for (const [compound] of normalized.matchAll(KEY_COMPOUND)) terms.add(stem(compound.toLowerCase().replace(/-/g, '')));
  // A one-letter word is no term, unless it is written as a command's short flag: "what does -p do".
  for (const [, letter] of normalized.matchAll(SHORT_FLAG)) terms.add(letter!.toLowerCase());
  return [...terms];
}

/** A command's one-letter flag (`-p`, `-D`), not a hyphen between words or a minus before a number. */
const SHORT_FLAG = /(?<![\w-])-([a-z])(?![\w-])/gi;

interface TextTerms {
  /** The stemmed words of the text. */
  readonly present: ReadonlySet<string>;
  /** The same, with the words of camelCase identifiers too. */
  readonly withParts: ReadonlySet<string>;
  /** The text folded as `words` folds it, when it has CJK (where segmentation varies, so terms are looked for anywhere). */
  readonly cjk: string | undefined;
}

/**
 * Word sets of texts seen, by text: the texts are the atoms' sections, headings and titles, quoted
 * again and again, and splitting and stemming them for every answer cost more than the search.
 */
const termsOf = memoized((text: string): TextTerms => {
  // A link's destination is not what the text says: `/interface-input/picomatch-globbing/` in a
  // contents entry does not name picomatch.
  const said = text.replace(LINK_DESTINATION, ']');
  const present = new Set<string>();
  for (const { term } of words(said, false)) present.add(term);
  const withParts = new Set(present);
  for (const { term } of words(said, true)) withParts.add(term);
  const lower = said.normalize('NFKC').toLowerCase();
  return { present, withParts, cjk: CJK.test(lower) ? lower : undefined };
}, 10_000);

/** An inline link's destination and title: `](/guide/#install "Install")`. */
const LINK_DESTINATION = /\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\)/g;

/**
 * How many of the terms the text has (as stemmed words; CJK terms anywhere, segmentation varies).
 * With `camelParts`, the words inside camelCase identifiers count: a reference page names a
 * setting by its key, a question by what it does.
 */
export function termHits(text: string, terms: readonly string[], camelParts = false): number {
  return termsIn(text, terms, camelParts).length;
}

/** The terms the text has. */
export function termsIn(text: string, terms: readonly string[], camelParts = false): string[] {
  const { present, withParts, cjk } = termsOf(text);
  const words = camelParts ? withParts : present;
  return terms.filter((term) => words.has(term) || (cjk !== undefined && CJK.test(term) && cjk.includes(term)));
}

/**
 * Japanese characters that say as much as one English word: this knowledge base's Japanese
 * translations hold about 3.2 for each word of their English atom (code and Latin words aside).
 */
const CJK_CHARS_PER_WORD = 3.2;
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/**
 * Length in English words, Japanese (which has no spaces) counted by characters, so that one
 * budget bounds answers in both.
 *
 * @example wordCount('Run the linter') //=> 3
 * @example wordCount('リンターを実行します') //=> 4
 */
export function wordCount(text: string): number {
  const cjk = text.match(CJK_CHARS)?.length ?? 0;
  const latin = text.replace(CJK_CHARS, ' ').split(/\s+/).filter(Boolean).length;
  return latin + Math.ceil(cjk / CJK_CHARS_PER_WORD);
}
