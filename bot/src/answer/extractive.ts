/**
 * Extractive answers: no language model, only the atoms' own words. A matching FAQ answer leads;
 * otherwise the best section(s) of the top atom are quoted, trimmed to the paragraphs that concern
 * the question (numbered steps and code blocks are never cut), each introduced with its citation.
 */
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import type { Citation } from '../contract.js';
import { parseFaq } from '../../../tooling/src/atom/faq.js';
import { citationFor, type Source } from './citations.js';
import { phrasesFor } from './phrases.js';

export interface ExtractiveOptions {
  readonly language: string;
  /** Hits below this confidence are never quoted. */
  readonly minScore: number;
  /** Words quoted from one section at most (whole blocks, so a little more is possible). @default 220 */
  readonly maxWords?: number;
}

/** A FAQ this close to the best hit's confidence is taken as the question being asked. */
const FAQ_LEAD_RATIO = 0.85;
/** Other sections of the top atom quoted when at least this close to the best hit. */
const SECOND_SECTION_RATIO = 0.75;
/** Other atoms listed under "See also" when at least this close. */
const SEE_ALSO_RATIO = 0.6;

/**
 * Composes a readable answer from hits (best first, the first at or above `minScore`).
 *
 * @example composeExtractive('how to run lint', hits, { language: 'en', minScore: 0.2 }).answer
 * //=> 'From **Run lint locally** › Steps [1]:\n\n1. Install ...\n\n_Quoted from the atoms; no language model was used._'
 */
export function composeExtractive(question: string, hits: readonly SearchHit[], options: ExtractiveOptions): { answer: string; citations: Citation[] } {
  const phrases = phrasesFor(options.language);
  const maxWords = options.maxWords ?? 220;
  const top = hits[0];
  if (!top) throw new TypeError('Expected at least one hit, got none');
  const terms = queryTerms(question);
  const sources: Source[] = [];
  const cite = (hit: SearchHit): string => {
    let source = sources.find((s) => s.hit.unitId === hit.unitId);
    if (!source) {
      source = { n: sources.length + 1, hit };
      sources.push(source);
    }
    return `[${source.n}]`;
  };
  const close = (hit: SearchHit, ratio: number) => hit.confidence >= Math.max(options.minScore, top.confidence * ratio);

  const parts: string[] = [];
  const faq = hits
    .slice(0, 3)
    .map((hit) => (hit.kind === 'faq' ? hit : faqPairHit(hit, terms)))
    .find((hit) => hit?.kind === 'faq' && (hit.answer ?? '').trim() !== '' && close(hit, FAQ_LEAD_RATIO));
  const primaryAtom = faq?.atomId ?? top.atomId;
  if (faq) {
    parts.push(`${faq.answer!.trim()} ${cite(faq)}`);
  }
  const sections = hits
    .filter((hit) => hit.atomId === primaryAtom && hit.kind !== 'faq' && hit.unitId !== faq?.unitId && hit.text.trim() !== '')
    .filter((hit, i) => (i === 0 && !faq) || close(hit, SECOND_SECTION_RATIO))
    .slice(0, faq ? 1 : 2);
  sections.forEach((hit, i) => {
    const intro = faq || i > 0 ? phrases.moreIntro : phrases.quoteIntro;
    const body = trimToRelevant(stripHeading(hit.text, hit.section), terms, faq ? Math.round(maxWords / 2) : maxWords);
    parts.push(`${intro(hit.title, hit.section, cite(hit))}\n\n${body}`);
  });
  if (parts.length === 0) {
    // Only FAQ units of weaker FAQs or empty sections: quote the best hit as it is.
    parts.push(`${phrases.quoteIntro(top.title, top.section, cite(top))}\n\n${trimToRelevant(top.answer ?? top.text, terms, maxWords)}`);
  }

  const seen = new Set([primaryAtom]);
  const others: string[] = [];
  for (const hit of hits) {
    if (others.length === 2) break;
    // Confidence alone lets unrelated atoms in on common words; a see-also must name a term of the question.
    if (seen.has(hit.atomId) || !close(hit, SEE_ALSO_RATIO) || termHits(`${hit.title} ${hit.summary} ${hit.section ?? ''} ${hit.tags.join(' ')}`, terms) === 0) continue;
    seen.add(hit.atomId);
    others.push(`**${hit.title}**${hit.kind === 'lead' || !hit.section ? '' : ` › ${hit.kind === 'faq' ? (hit.question ?? hit.section) : hit.section}`} ${cite(hit)}`);
  }
  if (others.length > 0) parts.push(`${phrases.seeAlso} ${others.join('; ')}`);
  parts.push(phrases.extractiveNote);
  return { answer: parts.join('\n\n'), citations: sources.map(citationFor) };
}

/**
 * A unit made of `Q:`/`A:` pairs (the body of a `faq` atom) as the FAQ unit of its pair that best
 * matches the question, when at least half of the question's terms are in that pair's question.
 */
function faqPairHit(hit: SearchHit, terms: readonly string[]): SearchHit | undefined {
  if (terms.length === 0) return undefined;
  const pairs = parseFaq(hit.text).filter((pair) => pair.question !== '' && pair.answer !== '');
  let best: { question: string; answer: string; score: number } | undefined;
  for (const pair of pairs) {
    const score = termHits(pair.question, terms) + termHits(pair.answer, terms) / 10;
    if (!best || score > best.score) best = { ...pair, score };
  }
  if (!best || Math.floor(best.score) < Math.ceil(terms.length / 2)) return undefined;
  return { ...hit, kind: 'faq', section: best.question, question: best.question, answer: best.answer };
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

/**
 * Content words of a question, lower case (Japanese split by Intl.Segmenter).
 *
 * @example queryTerms('How do I run the linter?') //=> ['run', 'linter']
 */
export function queryTerms(question: string): string[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  const terms = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(question.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    const isCjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(segment);
    if (STOPWORDS.has(segment) || (!isCjk && segment.length < 2) || (isCjk && /^[\p{Script=Hiragana}]{1,2}$/u.test(segment))) continue;
    terms.add(segment);
  }
  return [...terms];
}

function termHits(text: string, terms: readonly string[]): number {
  const lower = text.toLowerCase();
  return terms.reduce((sum, term) => sum + (lower.includes(term) ? 1 : 0), 0);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
