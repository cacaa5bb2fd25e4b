/**
 * What a question asks for, as search terms: each content word with the other forms it may take
 * in the atoms (a Japanese word's English word, from the glossary or a loanword's sound, a typo's
 * one known neighbour, an agent noun's verb, a phrase such as "out of the box" as `default`), and
 * whether it is a concrete value pasted from a log (a URL, a path, a host, a number, an id) that
 * an atom cannot be expected to contain.
 */
import { isEveryday, isSpokenWord } from './everyday-words.js';
import { englishFor, JAPANESE_GLOSSARY } from './glossary.js';
import { SYNONYM_PHRASES, synonymsFor } from './synonyms.js';
import { hyphenatedCompounds, japaneseTerm, latinTerm, tokenize } from './tokenize.js';

export interface QueryTerm {
  /** The term as the tokenizer makes it. */
  readonly term: string;
  /** Forms the same word may take in the atoms (the term itself first). */
  readonly forms: readonly string[];
  /**
   * Of the forms, the word in the other language (a Japanese word's English word, from the glossary
   * or its sound): what an atom in that language writes for it, so it counts as written. None when absent.
   */
  readonly translated?: readonly string[];
  /** A value pasted from a log, or a camelCase name from the asker's code: found, it counts; missing, it is not held against a match. */
  readonly concrete: boolean;
  /**
   * An everyday word (English small talk, Japanese kanji and kana words): one no atom uses says
   * nothing about coverage. Other words no atom uses (a product, a format, a Japanese loanword)
   * name a topic the atoms do not cover.
   */
  readonly everyday: boolean;
  /**
   * Small talk (the asker's device, time, feelings, their own app or repo: "on my machine", "our
   * service"): an atom that does not hold it is not the worse for it, whether or not other atoms use it.
   */
  readonly smallTalk: boolean;
}

/** Phrases people use for what documentation calls by another word. */
const PHRASES: readonly [RegExp, string][] = [
  [/\bout of the box\b/gi, ' default '],
  [/\bby default\b/gi, ' default '],
  [/\bhealth ?check\b/gi, ' health '],
  [/\bnode\.?js\b/gi, ' node '],
];

/**
 * The question with everyday phrases put the way documentation says them.
 *
 * @example normalizePhrases('what port out of the box') //=> 'what port  default '
 */
export function normalizePhrases(text: string): string {
  let normalized = text.normalize('NFKC');
  for (const [pattern, replacement] of PHRASES) normalized = normalized.replace(pattern, replacement);
  return normalized;
}

/**
 * URLs, paths with a folder (Unix and Windows), scoped package names, host names, e-mail addresses
 * and the frames of a stack trace: values, not topics. A run of letters and dots that could open a
 * match is read at most a bounded length ahead (a scheme, a host label, a name before `/`, `@` or `\\`),
 * so a hostile question of dotted words costs time in proportion to its length, not to its square.
 */
const CONCRETE_SPAN = new RegExp(
  [
    /\b[a-z][a-z0-9+.-]{0,31}:\/\/\S+/,
    /(?:~|\.{1,2})?(?:\/[\w.@-]+){2,}\/?/,
    /\b[\w-]{1,255}(?:\/[\w.@-]+)+\.[a-z0-9]{1,5}\b/,
    // C:\Users\me\kb, \\server\share, atoms\procedure\backup.md
    /\b[a-z]:\\[^\s:*?"<>|]*|\\\\[\w.-]+(?:\\[\w.$@-]+)+|\b[\w.-]{1,255}(?:\\[\w.@-]+)+/,
    // @acme/ui-kit: a scoped package, most often the asker's own
    /(?<![\w@])@[\w.-]+\/[\w.-]+/,
    /\b[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+\b/,
    /\b(?:[a-z0-9-]{1,63}\.){1,16}(?:com|org|net|io|dev|app|co|corp|local|internal)\b/,
    // A stack frame: `    at fn (/app/x.js:3:7)` (JavaScript, Java), `  File "/app/x.py", line 3, in f` (Python).
    /^[ \t]*at [^\n]{0,500}(?:\(|:\d+:\d+)[^\n]*$/,
    /^[ \t]*File "[^"\n]+", line \d+[^\n]*$/,
  ]
    .map((pattern) => pattern.source)
    .join('|'),
  'gim',
);
/** Content words from which a question is a sentence or a paste, not a few words of search. */
const SENTENCE_TERMS = 10;
/**
 * A name from code written in camelCase (`triggerUncaughtException`, `fromPromise`): a function or
 * variable of the asker's program or of a runtime's internals, echoed in pasted output. No atom
 * using it, it is a value, not a topic. Product names start with a capital (`PostgreSQL`) and stay topics.
 */
const CODE_NAME = /(?<![\w.-])[a-z][a-z\d]*(?:[A-Z][a-z\d]+){2,}\b|(?<![\w.-])[a-z][a-z\d]{2,}[A-Z][a-z\d]+\b/g;
/** Names of the symbols of Markdown, shells and config files, as documentation spells them out. */
const SYMBOL_NAMES: Readonly<Record<string, string>> = { $: 'dollar', '#': 'hash', '*': 'asterisk', '**': 'asterisk', _: 'underscore', __: 'underscore', '|': 'pipe', '~': 'tilde', '~~': 'tilde' };
/** One of them alone in quotes or backticks, spaces allowed: `"$ "`, `` `|` ``, `'#'`. */
const QUOTED_SYMBOL = /["'`“‘「]\s*(\$|#|\*\*?|__?|\||~~?)\s*["'`”’」]/g;
const HAS_DIGIT = /\d/;
/** Letters, then a number: a name (`md013`, `http2`, `utf8`, `ts2307`), not a value pasted from a log (`2f`, `a1b2c3`, `4321`). */
const NAME_WITH_NUMBER = /^[a-z]+\d{1,5}$/;
/** An agent noun and its verb's stem: `server` -> `serv`, `linter` -> `lint`. */
const AGENT = /^([a-z]{3,})er$/;
/** A verb's stem with its last consonant doubled, as before `-er` and `-ing` (`debugg`, `logg`). */
const DOUBLED_END = /^([a-z]{2,}([bdgmnprt]))\2$/;
const PREFIX = /^(auto|re|pre|un|non|multi|sub|co|de|dis|mis)([a-z]{4,})$/;
/** Kanji and kana words (not katakana loanwords, which name things as English words do). */
const NATIVE_JAPANESE = /^[\p{Script=Han}\p{Script=Hiragana}]+$/u;

/**
 * `vocabulary` lists the index's terms, for typos; `loanword` gives the English term a katakana
 * word the glossary does not know sounds like (see loanword.ts).
 *
 * @example analyzeQuery('nodejs on http://x.example.com/a/b', () => true).map((t) => t.term) //=> ['node', 'http', 'x', 'exampl', ...]
 */
export function analyzeQuery(
  text: string,
  known: (term: string) => boolean,
  vocabulary: () => Iterable<string> = () => [],
  loanword: (word: string) => string | undefined = () => undefined,
): QueryTerm[] {
  const normalized = normalizePhrases(text);
  const concrete = new Set<string>();
  for (const [span] of normalized.matchAll(CONCRETE_SPAN)) for (const term of tokenize(span)) concrete.add(term);
  // A hyphenated word written as one is only another way to find it: no atom writing it so, its parts carry the question.
  const compounds = new Set(hyphenatedCompounds(normalized).flatMap((compound) => tokenize(compound)));
  // A cut katakana word is read once, to find it and to give its term the English form.
  const readings = new Map<string, string | undefined>();
  const read = (word: string) => {
    if (!readings.has(word)) readings.set(word, loanword(word));
    return readings.get(word);
  };
  const { terms: withWholeWords, pieces } = wholeWords(tokenize(normalized), normalized, read);
  const terms = [...new Set(withWholeWords)].filter((term) => known(term) || !(compounds.has(term) || partsCarryIt(term, known)));
  // A symbol the question quotes ("starting with `$`") is searched by the name documentation gives it.
  for (const [, symbol] of normalized.matchAll(QUOTED_SYMBOL)) {
    const name = tokenize(SYMBOL_NAMES[symbol!]!)[0]!;
    if (known(name) && !terms.includes(name)) terms.push(name);
  }
  // A term also written outside any pasted value is a topic word after all.
  const outside = new Set(tokenize(normalized.replace(CONCRETE_SPAN, ' ')));
  // A phrase documentation says in one word ("token by token": stream) adds that word as a form
  // of the phrase's own words, which stay: an atom may say it the same way.
  const phraseForms = new Map<string, string[]>();
  for (const [pattern, docs] of SYNONYM_PHRASES) {
    for (const [phrase] of normalized.matchAll(pattern)) for (const term of tokenize(phrase)) phraseForms.set(term, [...(phraseForms.get(term) ?? []), ...tokenize(docs)]);
  }
  // In a few words of search every word is the topic (`storybook viteFinal alias`).
  const codeNames = new Set(terms.length < SENTENCE_TERMS ? [] : [...normalized.matchAll(CODE_NAME)].flatMap(([name]) => tokenize(name)));
  let vocab: string[] | undefined;
  const names = new Set(writtenAsNames(normalized).flatMap((word) => tokenize(word)));
  return terms.map((term) => {
    const forms = [term];
    // A piece of a cut word is there for Japanese atoms cut alike: ポート in インポート is no port.
    if (pieces.has(term)) return { term, forms, concrete: false, everyday: true, smallTalk: false };
    const add = (form: string) => {
      if (form !== '' && !forms.includes(form)) forms.push(form);
    };
    const english = englishFor(term) ?? read(term);
    const translated = english ? tokenize(english).filter((form) => form !== term) : [];
    for (const form of translated) add(form);
    for (const form of [...synonymsFor(term, tokenize), ...(phraseForms.get(term) ?? [])]) add(form);
    // A long unknown word one edit from a known one is a typo. A short one is as likely a name the
    // atoms never mention (`slack`), one letter from some known word (`stack`) all the same: it is
    // read as a typo only when a letter left out (`lintr`, `conect`) or two letters swapped make
    // it a known word, the typos people make most.
    if (!known(term) && /^[a-z]{7,}$/.test(term)) {
      vocab ??= [...vocabulary()];
      const near = nearest(term, vocab);
      if (near) add(near);
    } else if (!known(term) && /^[a-z]{5,6}$/.test(term)) {
      const near = completed(term, known);
      if (near) add(near);
    }
    // `server` is also `serve`, `linter` also `lint`: the thing named for what it does.
    const agent = AGENT.exec(term);
    if (agent && known(agent[1]!)) add(agent[1]!);
    // `debugger`, `logger`, `runner`: the stemmer leaves the verb's doubled consonant (`debugg`).
    const doubled = DOUBLED_END.exec(agent ? agent[1]! : term);
    if (doubled && known(doubled[1]!)) add(doubled[1]!);
    // `autocomplete`, `reindex`, `unpublish`: the word after a common prefix.
    const prefixed = !known(term) ? PREFIX.exec(term) : null;
    if (prefixed && known(prefixed[2]!)) add(prefixed[2]!);
    const smallTalk = isEveryday(term, tokenize);
    return {
      term,
      forms,
      ...(translated.length > 0 ? { translated } : {}),
      concrete: (concrete.has(term) && !outside.has(term)) || (HAS_DIGIT.test(term) && !NAME_WITH_NUMBER.test(term)) || (codeNames.has(term) && !known(term)),
      everyday: smallTalk || NATIVE_JAPANESE.test(term) || (!names.has(term) && isSpokenWord(term)),
      smallTalk,
    };
  });
}

/** The name of a file (`config.json`) or of a product named like one (`next.js`). */
const FILE_EXTENSION = /\.(?:[cm]?[jt]sx?|json|ya?ml|toml|md|mdx|html?|css)$/;

/**
 * A dotted name no atom writes whole (`req.log`, where the docs write `req.log.info`; `.env.example`)
 * whose parts the atoms all use: the parts, searched as words of their own, carry the question.
 * A file's or a product's name stays whole (`next.js` is no `next` and `js`), and so do names joined
 * otherwise: an `ERR_PNPM_*` code no atom states is a topic they lack.
 *
 * @example partsCarryIt('req.log', (t) => t === 'req' || t === 'log') //=> true
 */
function partsCarryIt(term: string, known: (term: string) => boolean): boolean {
  if (!term.includes('.') || /[_:'’-]/.test(term) || FILE_EXTENSION.test(term)) return false;
  const parts = term.split('.').filter((part) => part.length > 1).flatMap((part) => tokenize(part));
  return parts.length > 1 && parts.every(known);
}

/** A capitalised word or an acronym (`Slack`, `SRE`, `HTTP2`) not opening a sentence or a line. */
const NAME = /(?<![.!?:]\s*|^\s*)\b(?:[A-Z][a-z]+|[A-Z]{2,}\d*)\b/gmu;

/**
 * The words a question writes as names: "run it as a Slack bot" names the product, though people
 * say "slack" every day. A word opening a sentence or a line is capitalised whatever it is.
 *
 * @example writtenAsNames('Can it run as a Slack bot? Our SRE team asks.') //=> ['Slack', 'SRE']
 */
export function writtenAsNames(text: string): string[] {
  return [...text.matchAll(NAME)].map(([word]) => word);
}

const KATAKANA_RUN = /[\p{Script=Katakana}ー]{2,}/gu;

let cutGlossaryWords: string[] | undefined;

/**
 * Words the segmenter cuts into pieces, because its dictionary does not hold them (リポジトリ: リ,
 * ポジ, トリ; しきい値: 値), added whole after their pieces when they read as
 * English words: the glossary's, and katakana words read by their sound. The pieces stay, for
 * Japanese atoms cut alike; they are listed in `pieces`, as words that name nothing on their own.
 */
function wholeWords(terms: readonly string[], text: string, loanword: (word: string) => string | undefined): { terms: string[]; pieces: Set<string> } {
  cutGlossaryWords ??= Object.keys(JAPANESE_GLOSSARY)
    .filter((word) => tokenize(word).join(' ') !== japaneseTerm(word))
    .sort((a, b) => b.length - a.length);
  const words: string[] = [];
  const within = (span: string) => words.some((word) => word.includes(span));
  for (const word of cutGlossaryWords) if (text.includes(word) && !within(word)) words.push(word);
  for (const [run] of text.matchAll(KATAKANA_RUN)) if (!within(run) && tokenize(run).length > 1 && loanword(run) !== undefined) words.push(run);
  const after = new Map<string, string[]>();
  const pieces = new Set<string>();
  for (const word of words) {
    const cut = tokenize(word);
    after.set(cut.at(-1)!, [...(after.get(cut.at(-1)!) ?? []), word]);
    for (const piece of cut) pieces.add(piece);
  }
  return { terms: terms.flatMap((term) => [term, ...(after.get(term) ?? [])]), pieces };
}

/** The known word one edit away (a typo), when there is exactly one. */
function nearest(term: string, vocabulary: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const word of vocabulary) {
    if (Math.abs(word.length - term.length) > 1 || !withinOneEdit(term, word)) continue;
    if (found !== undefined) return undefined;
    found = word;
  }
  return found;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The one known term that a letter added to a short word, or two of its neighbouring letters
 * swapped, gives (as the tokenizer stems it: `locali`, from "localy", is `local` with an `l`).
 *
 * @example completed('lintr', (t) => t === 'linter') //=> 'linter'
 * @example completed('slack', (t) => t === 'stack') //=> undefined
 */
export function completed(term: string, known: (term: string) => boolean): string | undefined {
  const candidates = new Set<string>();
  for (let i = 0; i <= term.length; i++) for (const letter of LETTERS) candidates.add(term.slice(0, i) + letter + term.slice(i));
  for (let i = 0; i + 1 < term.length; i++) candidates.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2));
  const found = new Set<string>();
  for (const candidate of candidates) {
    const stem = latinTerm(candidate);
    if (stem !== undefined && stem !== term && known(stem)) found.add(stem);
    if (found.size > 1) return undefined;
  }
  return [...found][0];
}

/**
 * @example withinOneEdit('serach', 'search') //=> true
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    // One substitution, or two neighbouring letters swapped.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
