/**
 * Extractive answers: no language model, only the atoms' own words. A matching FAQ answer leads;
 * otherwise the best section(s) of the top atom are quoted, trimmed to the paragraphs that concern
 * the question (numbered steps and code blocks are never cut), each introduced with its citation.
 */
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import type { Citation } from '../contract.js';
import { parseFaq } from '../../../tooling/src/atom/faq.js';
import { REQUIRED_SECTIONS, headingMatches } from '../../../tooling/src/atom/sections.js';
import { stemmer } from 'stemmer';
import { citationFor, type Source } from './citations.js';
import { phrasesFor } from './phrases.js';

export interface ExtractiveOptions {
  readonly language: string;
  /** Hits below this confidence are never quoted. */
  readonly minScore: number;
  /** Words quoted from one section at most (whole blocks, so a little more is possible). @default 220 */
  readonly maxWords?: number;
}

/** A FAQ this close to the best hit's confidence may be the question being asked... */
const FAQ_LEAD_RATIO = 0.85;
/** ...when at least this share of the question's terms are in the FAQ's question. */
const FAQ_MATCH = 0.6;
/** FAQ candidates are looked for among this many hits. */
const FAQ_WINDOW = 6;
/** A second section of the top atom is quoted when it scores at least this share of the best. */
const SECOND_SECTION_RATIO = 0.75;
/** Other atoms listed under "See also" when their confidence is at least this close. */
const SEE_ALSO_RATIO = 0.6;
/** "How do I ...?" questions want the steps (or the resolution) of a procedure-like atom. */
const HOW_TO = /^\s*(how (do|can|should|would) (i|we|you)|how to|what (do|should) i do|steps?\b)|手順|方法|どうすれば|どうやって/i;
const STEP_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => spec.numbered || ['How to resolve', 'Fix'].includes(spec.heading));

/**
 * Composes a readable answer from hits (best first, all at or above `minScore`).
 *
 * @example composeExtractive('how to run lint', hits, { language: 'en', minScore: 0.2 }).answer
 * //=> 'From **Run lint locally** › Steps [1]:\n\n1. Install ...\n\n_Quoted from the atoms; no language model was used._'
 */
export function composeExtractive(question: string, hits: readonly SearchHit[], options: ExtractiveOptions): { answer: string; citations: Citation[] } {
  const phrases = phrasesFor(options.language);
  const maxWords = options.maxWords ?? 220;
  const top = hits[0];
  if (!top) throw new TypeError('Expected at least one hit, got none');
  const terms = questionTerms(question);
  const sources: Source[] = [];
  const cite = (hit: SearchHit): string => {
    let source = sources.find((s) => s.hit.unitId === hit.unitId && s.hit.question === hit.question);
    if (!source) {
      source = { n: sources.length + 1, hit };
      sources.push(source);
    }
    return `[${source.n}]`;
  };
  const close = (hit: SearchHit, ratio: number) => hit.confidence >= Math.max(options.minScore, top.confidence * ratio);

  const parts: string[] = [];
  const faq = bestFaq(hits.slice(0, FAQ_WINDOW), terms, (hit) => close(hit, FAQ_LEAD_RATIO));
  const primaryAtom = faq?.atomId ?? top.atomId;
  if (faq) parts.push(`${faq.answer!.trim()} ${cite(faq)}`);

  const groups = sectionGroups(
    hits.filter((hit) => hit.atomId === primaryAtom && hit.kind !== 'faq' && hit.unitId !== faq?.unitId && hit.text.trim() !== ''),
    hits.length,
    terms,
    HOW_TO.test(question),
  );
  const best = groups[0];
  const chosen = best ? [best, ...groups.slice(1, 2).filter((g) => !faq && g.score >= best.score * SECOND_SECTION_RATIO && close(g.hits[0]!, SECOND_SECTION_RATIO))] : [];
  chosen.forEach((group, i) => {
    const intro = faq || i > 0 ? phrases.moreIntro : phrases.quoteIntro;
    const first = group.hits[0]!;
    const text = group.hits.map((hit) => stripHeading(hit.text, hit.section)).join('\n\n');
    parts.push(`${intro(first.title, first.section, cite(first))}\n\n${trimToRelevant(text, terms, faq ? Math.round(maxWords / 2) : maxWords)}`);
  });
  if (parts.length === 0) {
    // Only FAQ units that did not match the question well: quote the best one as it is.
    parts.push(`${phrases.quoteIntro(top.title, top.section, cite(top))}\n\n${trimToRelevant(top.answer ?? top.text, terms, maxWords)}`);
  }

  const seen = new Set([primaryAtom]);
  const others: string[] = [];
  for (const hit of hits) {
    if (others.length === 2) break;
    // Confidence alone lets unrelated atoms in on common words; a see-also must name half the question's terms.
    const named = termHits(`${hit.title} ${hit.summary} ${hit.section ?? ''} ${hit.question ?? ''} ${hit.tags.join(' ')}`, terms);
    if (seen.has(hit.atomId) || !close(hit, SEE_ALSO_RATIO) || named < Math.max(1, Math.ceil(terms.length / 2))) continue;
    seen.add(hit.atomId);
    others.push(`**${hit.title}**${hit.kind === 'lead' || !hit.section ? '' : ` › ${hit.kind === 'faq' ? (hit.question ?? hit.section) : hit.section}`} ${cite(hit)}`);
  }
  if (others.length > 0) parts.push(`${phrases.seeAlso} ${others.join('; ')}`);
  parts.push(phrases.extractiveNote);
  const quoted = sources[0]?.hit.language ?? options.language;
  if (baseLanguage(quoted) !== baseLanguage(options.language) && sources.every((source) => baseLanguage(source.hit.language) !== baseLanguage(options.language))) {
    parts.unshift(phrases.otherLanguageNote(baseLanguage(quoted)));
  }
  return { answer: parts.join('\n\n'), citations: sources.map(citationFor) };
}

/**
 * The FAQ (a FAQ unit, or a `Q:`/`A:` pair inside a unit such as the body of a `faq` atom) whose
 * question holds the largest share of the question's terms, if that share is at least FAQ_MATCH.
 */
function bestFaq(hits: readonly SearchHit[], terms: readonly string[], eligible: (hit: SearchHit) => boolean): SearchHit | undefined {
  if (terms.length === 0) return undefined;
  let best: { hit: SearchHit; share: number } | undefined;
  for (const hit of hits) {
    if (!eligible(hit)) continue;
    const candidates =
      hit.kind === 'faq'
        ? [hit]
        : parseFaq(hit.text)
            .filter((pair) => pair.question !== '' && pair.answer !== '')
            .map((pair): SearchHit => ({ ...hit, kind: 'faq', section: pair.question, question: pair.question, answer: pair.answer }));
    for (const candidate of candidates) {
      if (!candidate.question || !candidate.answer?.trim()) continue;
      const share = termHits(candidate.question, terms) / terms.length;
      if (share >= FAQ_MATCH && (!best || share > best.share)) best = { hit: candidate, share };
    }
  }
  return best?.hit;
}

interface SectionGroup {
  /** The retrieved parts of one section, in document order. */
  readonly hits: SearchHit[];
  readonly score: number;
}

/**
 * Groups an atom's hits by section (a long section is indexed as several parts) and orders the
 * groups by how well they fit the question: retrieval rank, share of the question's terms, and,
 * for "how do I" questions, being the steps or resolution section.
 */
function sectionGroups(hits: readonly SearchHit[], total: number, terms: readonly string[], howTo: boolean): SectionGroup[] {
  const byAnchor = new Map<string, { hits: SearchHit[]; rank: number }>();
  hits.forEach((hit, rank) => {
    const key = hit.anchor ?? '';
    const group = byAnchor.get(key) ?? { hits: [], rank };
    group.hits.push(hit);
    byAnchor.set(key, group);
  });
  const part = (hit: SearchHit) => Number(/@(\d+)$/.exec(hit.unitId)?.[1] ?? 0);
  return [...byAnchor.values()]
    .map(({ hits: groupHits, rank }) => {
      const first = groupHits[0]!;
      const text = `${first.section ?? ''} ${groupHits.map((h) => h.text).join(' ')}`;
      const overlap = terms.length > 0 ? termHits(text, terms) / terms.length : 0;
      const steps = howTo && first.section !== undefined && STEP_SECTIONS.some((spec) => headingMatches(first.section!, spec)) ? 0.5 : 0;
      return { hits: [...groupHits].sort((a, b) => part(a) - part(b)), score: (1 - rank / Math.max(1, total)) * 0.5 + overlap + steps };
    })
    .sort((a, b) => b.score - a.score);
}

/** Removes the unit's own heading line, which the intro already names. */
function stripHeading(text: string, section: string | undefined): string {
  const trimmed = text.trim();
  const match = /^#{1,6}\s+(.*)\n+/.exec(trimmed);
  if (match && (section === undefined || match[1]!.trim() === section.trim())) return trimmed.slice(match[0].length).trim();
  return trimmed;
}

/** A Markdown block: a paragraph, a whole list, a fenced code block, a table, a quote. */
interface Block {
  readonly text: string;
  readonly kind: 'code' | 'list' | 'other';
  readonly words: number;
}

/**
 * Splits Markdown into blocks on blank lines, keeping fenced code and whole lists (including
 * code indented under a step) together.
 */
export function splitBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let current: string[] = [];
  let fence: string | undefined;
  const kindOf = (text: string): Block['kind'] => (/^\s*(`{3,}|~{3,})/.test(text) ? 'code' : /^\s*(\d+[.)]|[-*+])\s/.test(text) ? 'list' : 'other');
  const flush = () => {
    const raw = current.join('\n');
    const text = raw.trim();
    current = [];
    if (text === '') return;
    const kind = kindOf(text);
    const indented = /^[ \t]{2,}\S/.test(raw);
    const previous = blocks.at(-1);
    // A list interrupted by blank lines, or anything indented under a list item, stays one block.
    if (previous?.kind === 'list' && (kind === 'list' || indented)) {
      const body = indented ? raw.replace(/^\n+/, '').trimEnd() : text;
      blocks[blocks.length - 1] = { text: `${previous.text}\n\n${body}`, kind: 'list', words: previous.words + wordCount(text) };
      return;
    }
    blocks.push({ text, kind, words: wordCount(text) });
  };
  for (const line of lines) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      current.push(line);
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      if (current.length > 0 && !/^\s+/.test(line)) flush();
      fence = fenceMatch[1]!;
      current.push(line);
      continue;
    }
    if (line.trim() === '') flush();
    else current.push(line);
  }
  flush();
  return blocks;
}

/**
 * Keeps the blocks of a section that mention the question's terms (with the code block right
 * after a kept block, which usually shows what it says), in order, up to about `maxWords`.
 * A short section is quoted whole.
 */
export function trimToRelevant(markdown: string, terms: readonly string[], maxWords: number): string {
  const blocks = splitBlocks(markdown);
  const total = blocks.reduce((sum, b) => sum + b.words, 0);
  if (total <= maxWords) return blocks.map((b) => b.text).join('\n\n');
  const scores = blocks.map((b) => termHits(b.text, terms));
  const keep = new Set<number>();
  let words = 0;
  const take = (i: number) => {
    if (keep.has(i)) return;
    keep.add(i);
    words += blocks[i]!.words;
  };
  const order = blocks.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  for (const i of order) {
    if (scores[i] === 0 && keep.size > 0) break;
    if (keep.size > 0 && words + blocks[i]!.words > maxWords) continue;
    take(i);
    const next = blocks[i + 1];
    if (next?.kind === 'code' && words + next.words <= maxWords * 1.5) take(i + 1);
  }
  // Nothing matched by term: the opening of the section is the best guess.
  if (keep.size === 0) take(0);
  const kept = [...keep].sort((a, b) => a - b);
  const out: string[] = [];
  kept.forEach((i, j) => {
    if (i > 0 && kept[j - 1] !== i - 1) out.push('…');
    out.push(blocks[i]!.text);
  });
  return out.join('\n\n');
}

const STOPWORDS = new Set(
  'a an and are as at be but by can do does for from how i if in into is it its me my no not of on or our so that the their then there these this to was we what when where which who why will with you your'.split(' '),
);

const SEGMENTER = new Intl.Segmenter(undefined, { granularity: 'word' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN_WORD = /[\p{L}\p{N}_]+/gu;
/** Stems of words seen, so the same words across units and requests are stemmed once. */
const stems = new Map<string, string>();
const MAX_STEMS = 50_000;

function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= MAX_STEMS) stems.clear();
    stemmed = stemmer(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Word segments of a text, lower case, Latin words stemmed, with their unstemmed form. Text
 * without CJK is split by a regular expression (much faster than Intl.Segmenter).
 */
function* words(text: string): Generator<{ word: string; term: string; cjk: boolean }> {
  const lower = text.normalize('NFKC').toLowerCase();
  if (!CJK.test(lower)) {
    for (const [word] of lower.matchAll(LATIN_WORD)) yield { word, term: stem(word), cjk: false };
    return;
  }
  for (const { segment, isWordLike } of SEGMENTER.segment(lower)) {
    if (!isWordLike) continue;
    const cjk = CJK.test(segment);
    yield { word: segment, term: cjk ? segment : stem(segment), cjk };
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
  for (const { word, term, cjk } of words(question)) {
    if (STOPWORDS.has(word) || (!cjk && word.length < 2) || (cjk && /^\p{Script=Hiragana}{1,2}$/u.test(word))) continue;
    terms.add(term);
  }
  return [...terms];
}

interface TextTerms {
  /** The stemmed words of the text. */
  readonly present: ReadonlySet<string>;
  /** The text folded as `words` folds it, when it has CJK (where segmentation varies, so terms are looked for anywhere). */
  readonly cjk: string | undefined;
}

/**
 * Word sets of texts seen, by text: the texts are the atoms' sections, headings and titles, quoted
 * again and again, and splitting and stemming them for every answer cost more than the search.
 */
const textTerms = new Map<string, TextTerms>();
const MAX_TEXTS = 10_000;

function termsOf(text: string): TextTerms {
  let entry = textTerms.get(text);
  if (!entry) {
    const present = new Set<string>();
    for (const { term } of words(text)) present.add(term);
    const lower = text.normalize('NFKC').toLowerCase();
    entry = { present, cjk: CJK.test(lower) ? lower : undefined };
    if (textTerms.size >= MAX_TEXTS) textTerms.clear();
    textTerms.set(text, entry);
  }
  return entry;
}

/** How many of the terms the text has (as stemmed words; CJK terms anywhere, segmentation varies). */
function termHits(text: string, terms: readonly string[]): number {
  const { present, cjk } = termsOf(text);
  return terms.reduce((sum, term) => sum + (present.has(term) || (cjk !== undefined && CJK.test(term) && cjk.includes(term)) ? 1 : 0), 0);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** `ja-JP` -> `ja`. */
function baseLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}
