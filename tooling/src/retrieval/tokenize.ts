/**
 * The lexical tokenizer shared by indexing, querying and confidence: NFKC, lower case, word
 * segmentation as Intl.Segmenter does it (so Japanese and other scripts without spaces split into
 * words; `wordSegments`), stop words dropped, English words in American spelling and stemmed, Japanese words
 * in one form of their spelling variants (`japaneseTerm`).
 */
import { stemmer } from 'stemmer';
import { memoized } from '../text/memo.js';
import { americanSpelling } from './spelling.js';
import { asciiWords, isAscii, wordSegments } from './word-segments.js';

// Contractions both with their apostrophe and as chat questions often type them, without (`doesnt`).
const ENGLISH_STOP = `a about above after again all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or
other our ours out over own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself isn't aren't doesn't don't can't won't it's i'm i've let's get got we're you're
they're i'd i'll we've you've that's there's here's didn't wasn't weren't haven't hasn't shouldn't wouldn't couldn't
isnt arent doesnt dont cant wont im ive youre theyre weve youve thats theres whats didnt wasnt werent havent hasnt shouldnt
wouldnt couldnt`.split(/\s+/);
// Hedges and intensifiers say how sure or how much, never what about; stemmed, most would match a
// topic word (generally: generate, specifically: specify, literally: literal, completely: completion).
export const ENGLISH_HEDGES: readonly string[] = `absolutely basically certainly completely definitely entirely especially essentially
generally honestly literally obviously particularly practically seriously simply specifically totally truly typically
virtually awfully extremely horribly hugely incredibly insanely massively painfully ridiculously terribly`.split(/\s+/);
// Particles and copulas that carry no topic in Japanese queries.
const JAPANESE_STOP = 'の を は が に で と も へ や か な ね よ から まで より です ます でした ました する した して ある いる こと もの ため どう 何 なに ください'.split(' ');

export const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH_STOP, ...ENGLISH_HEDGES, ...JAPANESE_STOP]);

const LATIN_WORD = /^[a-z]+$/;
const JOINERS = /[._:'’-]/;
const JOINER_RUN = /[._:'’-]+/;
/** A hyphenated word, and a command-line flag's (`--ignore-scripts`): read from its start, never from its middle. */
const HYPHENATED = /(?<![\w-])-{0,2}([a-z][a-z\d]*(?:-[a-z][a-z\d]*)+)(?![\w-])/gi;
/** Short runs of hiragana are particles, endings and fillers (って, たら, だけど), not topics. */
const HIRAGANA_FILLER = /^\p{Script=Hiragana}{1,3}$/u;
/** `don’t` is `don't`: the stop words are written with the straight one. */
const CURLY_APOSTROPHE = /’/g;
/** `what's`, `month's`: the possessive or contracted `'s` adds nothing. */
const APOSTROPHE_S = /['’]s$/;

/**
 * Index terms of a text, in order, repeats kept.
 *
 * @example tokenize('Fixing the Frontmatter schemas') //=> ['fix', 'frontmatt', 'schema']
 * @example tokenize('スキーマのエラー') //=> ['スキーマ', 'エラ']
 * @example tokenize('ignoreScripts or ignore-scripts') //=> ['ignorescript', 'ignor', 'script', 'ignorescript']
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  // NFKC leaves ASCII as it is.
  const ascii = isAscii(text);
  const normalized = (ascii ? text : text.normalize('NFKC')).toLowerCase();
  for (const segment of ascii ? asciiWords(normalized) : wordsOf(normalized)) {
    const word = segment.replace(CURLY_APOSTROPHE, "'").replace(APOSTROPHE_S, '');
    addTerm(terms, word);
    // `config.yaml`, `snake_case`: also index the parts, so either form finds it (not those of a
    // stop word: `don't` is not about `don`).
    if (JOINERS.test(word) && !STOP_WORDS.has(word)) {
      for (const part of word.split(JOINER_RUN)) if (part.length > 1 && part !== word) addTerm(terms, part);
    }
  }
  // `ignore-scripts` is also `ignorescripts`, the word `ignoreScripts` is indexed as.
  for (const compound of compoundsIn(normalized)) addTerm(terms, compound);
  return terms;
}

/** The words of a text that is not all ASCII, compound verbs put back together. */
function wordsOf(normalized: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of joinCompoundVerbs(wordSegments(normalized))) if (isWordLike) words.push(segment);
  return words;
}

/** Kana that end the first verb of a compound (埋め込む, 書き出す, 立ち上げる), never a particle. */
const OKURIGANA = '[いきぎしじちびみりえけげせぜべめれ]';
/** The first verb of a compound: one kanji, its kana apart or with it (埋 | め, 立ち). */
const VERB_KANJI = /^\p{Script=Han}$/u;
const VERB_STEM = new RegExp(`^\\p{Script=Han}${OKURIGANA}$`, 'u');
const STEM_KANA = new RegExp(`^${OKURIGANA}$`, 'u');
const STARTS_WITH_HAN = /^\p{Script=Han}/u;

/**
 * Segments with a compound verb the segmenter cut apart put back together: ICU reads 埋め込みたい as
 * 埋 | め | 込 | みたい and 立ち上げる as 立ち | 上げる, though it reads 読み込みたい as 読み込み | たい.
 * The first verb is one kanji and a kana of its stem (め, き, ち...); a particle (の, を, に) never
 * joins two words, and a noun of two kanji before し (入力し直す) stays a word of its own.
 *
 * @example [...joinCompoundVerbs(new Intl.Segmenter('ja', { granularity: 'word' }).segment('埋め込み'))].map((s) => s.segment) //=> ['埋め込み']
 */
function* joinCompoundVerbs(segments: Iterable<Pick<Intl.SegmentData, 'segment' | 'isWordLike'>>): Generator<Pick<Intl.SegmentData, 'segment' | 'isWordLike'>> {
  const pending: { segment: string; isWordLike?: boolean | undefined }[] = [];
  for (const next of segments) {
    pending.push(next);
    const [first, second, third] = pending;
    if (pending.length === 2 && VERB_STEM.test(first!.segment) && STARTS_WITH_HAN.test(second!.segment)) {
      pending.splice(0, 2, { segment: first!.segment + second!.segment, isWordLike: true });
    } else if (pending.length === 3 && VERB_KANJI.test(first!.segment) && STEM_KANA.test(second!.segment) && STARTS_WITH_HAN.test(third!.segment)) {
      pending.splice(0, 3, { segment: first!.segment + second!.segment + third!.segment, isWordLike: true });
    } else if (pending.length === 3 || (pending.length === 2 && !(VERB_KANJI.test(first!.segment) && STEM_KANA.test(second!.segment)))) {
      yield pending.shift()!;
    }
  }
  yield* pending;
}

/**
 * Hyphenated words written as one (before stemming): `ignore-scripts` is also the `ignorescripts`
 * a camelCase `ignoreScripts` is indexed as.
 *
 * @example hyphenatedCompounds('set ignore-scripts, not 2026-01-07') //=> ['ignorescripts']
 * @example hyphenatedCompounds('node --inspect-brk') //=> ['inspectbrk']
 */
export function hyphenatedCompounds(text: string): string[] {
  return compoundsIn(text.normalize('NFKC'));
}

/** `hyphenatedCompounds` of text already in NFKC; text with no hyphen has none, and is not searched for them. */
function compoundsIn(normalized: string): string[] {
  if (!normalized.includes('-')) return [];
  return [...normalized.matchAll(HYPHENATED)].map(([, compound]) => compound!.toLowerCase().replace(/-/g, ''));
}

/** The distinct content terms of a query. */
export function queryTerms(text: string): string[] {
  return [...new Set(tokenize(text))];
}

/**
 * The term `tokenize` makes of one lower-case Latin word, without segmenting it (none for a stop word).
 *
 * @example latinTerm('locally') //=> 'local'
 * @example latinTerm('the') //=> undefined
 */
export function latinTerm(word: string): string | undefined {
  return STOP_WORDS.has(word) ? undefined : word.length > 2 ? stem(word) : word;
}

function addTerm(terms: string[], word: string): void {
  if (STOP_WORDS.has(word) || HIRAGANA_FILLER.test(word)) return;
  terms.push(LATIN_WORD.test(word) && word.length > 2 ? stem(word) : japaneseTerm(word));
}

/**
 * Stems the Porter stemmer gives a word's base form but not its other forms, because it reads the
 * end of the word as a suffix (embed: emb, embedded: embed), put back together.
 */
const STEM_FAMILIES: ReadonlyMap<string, string> = new Map([
  ['emb', 'embed'],
  ['imb', 'imbed'],
  ['exce', 'exceed'],
  ['proce', 'proceed'],
  ['succe', 'succeed'],
]);

/**
 * Words the Porter stemmer reads down to another, more technical word's stem, kept apart:
 * "important" is not `import`, "general" and "generic" not `generate`, "experience" not `experiment`.
 */
export const KEPT_APART: ReadonlyMap<string, string> = new Map([
  ['important', 'important'],
  ['importance', 'important'],
  ['general', 'general'],
  ['generic', 'generic'],
  ['generics', 'generic'],
  ['experience', 'experienc'],
  ['experiences', 'experienc'],
  ['experienced', 'experienc'],
]);

/** Stems by word, remembered: a knowledge base uses a few thousand words over and over. */
const stem = memoized((word: string): string => {
  const porter = stemmer(americanSpelling(withoutAdverbEnding(word)));
  return KEPT_APART.get(word) ?? STEM_FAMILIES.get(porter) ?? porter;
}, 100_000);

/**
 * `gracefully` without its `ly`: the Porter stemmer has no rule for adverbs of `-ful` and `-less`
 * (`gracefulli`), so "close it gracefully" would never find "a graceful shutdown".
 *
 * @example withoutAdverbEnding('successfully') //=> 'successful'
 * @example withoutAdverbEnding('seamlessly') //=> 'seamless'
 */
export function withoutAdverbEnding(word: string): string {
  return ADVERB_OF_FUL_OR_LESS.test(word) ? word.slice(0, -2) : word;
}

const ADVERB_OF_FUL_OR_LESS = /(?:ful|less)ly$/;

/**
 * The one form of a Japanese word whatever its spelling variant: a katakana word without its
 * final long mark, a kanji compound without its kana endings (okurigana).
 *
 * @example japaneseTerm('サーバー') //=> 'サーバ'
 * @example japaneseTerm('読み込む') //=> japaneseTerm('読込み')
 */
export function japaneseTerm(word: string): string {
  return withoutOkurigana(withoutFinalLongMark(word));
}

const KANJI_AND_KANA = /^[\p{Script=Han}\p{Script=Hiragana}]+$/u;
const HAN = /\p{Script=Han}/gu;

/**
 * A kanji compound of two or more kanji without its kana, which Japanese writes in several ways and
 * conjugates (読み込み, 読込み, 読み込む: 読込; 切り替え, 切替: 切替).
 *
 * @example withoutOkurigana('書き出したい') //=> '書出'
 * @example withoutOkurigana('直す') //=> '直す'
 */
function withoutOkurigana(word: string): string {
  if (!KANJI_AND_KANA.test(word) || (word.match(HAN)?.length ?? 0) < 2) return word;
  return word.replace(/\p{Script=Hiragana}/gu, '');
}

const KATAKANA_WITH_FINAL_LONG_MARK = /^([\p{Script=Katakana}ー]{2,}?)ー+$/u;

/**
 * A katakana word without the long mark at its end, which Japanese technical writing as often
 * leaves out (サーバ, サーバー; ユーザ, ユーザー): both spellings are one term.
 *
 * @example withoutFinalLongMark('サーバー') //=> 'サーバ'
 * @example withoutFinalLongMark('キー') //=> 'キー'
 */
function withoutFinalLongMark(word: string): string {
  return word.replace(KATAKANA_WITH_FINAL_LONG_MARK, '$1');
}

/**
 * The form an error code is matched in: NFKC, lower case, runs of white space as one space.
 *
 * @example normalizeCode(' Frontmatter/Schema ') //=> 'frontmatter/schema'
 */
export function normalizeCode(code: string): string {
  return code.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
