/**
 * Extractive answers: no language model, only the atoms' own words. The answer leads with the
 * direct answer (a matching FAQ answer, or the sentence that best answers the question), then
 * quotes the section of the answering atom that fits what was asked: the steps or the resolution,
 * from their start, for "how do I" questions and pasted errors; the meaning for "what is"
 * questions; the causes for "why" questions; otherwise the best matching section (never the
 * symptom or diagnostic the reader just described), trimmed to the paragraphs, sub-headed keys or
 * list items that concern the question, followed, for a problem, by what to do about it. It cites
 * only the atoms it quotes, plus at most two close "see also" atoms that name the question.
 *
 * Length bound: at most two sections, each quoted up to about `maxWords` (220) words, steps up
 * to 2.5 times that, half after a FAQ answer; Japanese counts about 3.2 characters to a word.
 * A block is never cut inside: a code block or table is quoted whole or pointed to, a list is cut
 * only between whole items (marked `…`). HTML or MDX from the atoms is left out.
 */
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import type { Citation } from '../contract.js';
import { parseFaq } from '../../../tooling/src/atom/faq.js';
import { REQUIRED_SECTIONS, headingMatches, normalizeHeading, type SectionSpec } from '../../../tooling/src/atom/sections.js';
import { stemmer } from 'stemmer';
import { citationFor, type Source } from './citations.js';
import { cleanMarkdown, joinParts } from './markdown.js';
import { normalizePhrases } from '../../../tooling/src/retrieval/query.js';
import { phrasesFor } from './phrases.js';

export interface ExtractiveOptions {
  readonly language: string;
  /** Hits below this confidence are never quoted. */
  readonly minScore: number;
  /** Words quoted from one section at most (whole blocks, so a little more is possible). @default 220 */
  readonly maxWords?: number;
  /**
   * Every unit of the best atom (`Retriever.unitsOf`), so a section split into several units is
   * quoted whole, from its start, even when the search found only a later part of it.
   */
  readonly atomUnits?: readonly SearchHit[];
}

/** A section asked for as a list of steps may be quoted up to this many times `maxWords`. */
const STEPS_BUDGET = 2.5;
/** A FAQ this close to the best hit's confidence may be the question being asked... */
const FAQ_LEAD_RATIO = 0.85;
/** ...when at least this share of the question's terms are in the FAQ's question. */
const FAQ_MATCH = 0.5;
/** ...or the search ranked it first and it shares this many of the question's terms besides its atom's title. */
const FAQ_PICK_TERMS = 2;
/** FAQ candidates are looked for among this many hits. */
const FAQ_WINDOW = 6;
/** A second section of the top atom is quoted when it scores at least this share of the best. */
const SECOND_SECTION_RATIO = 0.75;
/** Another sub-headed part of a section is quoted beside the best when it scores at least this share of it. */
const SAME_SUBSECTION_SCORE = 0.9;
/** Other atoms listed under "See also" when their confidence is at least this close. */
const SEE_ALSO_RATIO = 0.6;
/** "How do I ...?" and "what do I do?" questions want the steps (or the resolution) of an atom. */
const HOW_TO = /\b(how (do|can|should|would|could) (i|we|you)|how to|what (do|should|can) (i|we) do|steps?|fix|resolve|solve|get rid of)\b|手順|方法|どうすれば|どうやって|直し|直す|解決|対処|したい/i;
/** "What is ...?" and "what does it mean?" questions want the meaning. */
const WHAT_IS = /\b(what (is|are)|what does .* mean|meaning|means)\b|とは|意味|って何|ってなに|何ですか/i;
/** A pasted diagnostic or log line: `file:line:col`, an error code, a JSON error body. */
const PASTED = /:\d+:\d+\b|\b[A-Z][A-Z0-9]*_ERR_[A-Z_]+|\bERR_[A-Z_]+|"(statusCode|code)"\s*:/;
const STEP_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => spec.numbered || ['How to resolve', 'Fix'].includes(spec.heading));
const MEANING_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['What it means', 'Symptom', 'Input'].includes(spec.heading));
/** "Why ...?" and "what goes wrong if ...?" questions want the causes or the consequences. */
const WHY = /\b(why|what (goes|can go|could go|would go) wrong|what happens (if|when))\b|なぜ|どうして|何が起き|何が問題/i;
const WHY_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['Causes', 'Why'].includes(spec.heading));
/** What to do about a problem: an error's resolution, a troubleshooting fix, a pitfall's better way, a playbook's plan. */
const RESOLUTION_SECTIONS = Object.values(REQUIRED_SECTIONS)
  .flat()
  .filter((spec) => ['How to resolve', 'Fix', 'What to do instead', 'Action plan'].includes(spec.heading));
/**
 * Sections that say what the reader sees (the symptom, the alert, the diagnostic as printed): a
 * question that describes a problem shares most words with them, and they tell the reader nothing new.
 */
const RESTATING_SECTIONS: readonly Pick<SectionSpec, 'accepts'>[] = [
  ...Object.values(REQUIRED_SECTIONS)
    .flat()
    .filter((spec) => ['Symptom', 'Trigger'].includes(spec.heading)),
  { accepts: ['example diagnostic', 'example diagnostics', '診断メッセージの例'] },
];

/** What the question asks for. */
export type Intent = 'steps' | 'meaning' | 'why' | 'other';

/**
 * @example questionIntent('my PR check fails with frontmatter/schema, what do I do?', false) //=> 'steps'
 * @example questionIntent('what does file/bom mean', false) //=> 'meaning'
 * @example questionIntent('what goes wrong if I edit the title by hand?', false) //=> 'why'
 */
export function questionIntent(question: string, pastedCode: boolean): Intent {
  if (WHAT_IS.test(question) && !/\b(how|what (do|should|can) (i|we) do)\b/i.test(question)) return 'meaning';
  if (HOW_TO.test(question) || pastedCode || PASTED.test(question)) return 'steps';
  if (WHY.test(question)) return 'why';
  return 'other';
}

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
  if (faq) parts.push(`${cleanMarkdown(faq.answer!.trim())} ${cite(faq)}`);

  const intent = questionIntent(question, hits.some((hit) => hit.atomId === primaryAtom && hit.matchedErrorCode !== undefined));
  const wanted = intent === 'steps' ? STEP_SECTIONS : intent === 'meaning' ? MEANING_SECTIONS : intent === 'why' ? WHY_SECTIONS : [];
  const siblings = (options.atomUnits ?? []).filter((unit) => unit.atomId === primaryAtom && unit.kind !== 'faq' && unit.text.trim() !== '');
  // The section the question asks for is quoted even when the search ranked another part of the atom higher.
  const asked = siblings.filter((unit) => unit.section !== undefined && wanted.some((spec) => headingMatches(unit.section!, spec)));
  const found = hits.filter((hit) => hit.atomId === primaryAtom && hit.kind !== 'faq' && hit.unitId !== faq?.unitId && hit.text.trim() !== '');
  const known = new Set(found.map((hit) => hit.unitId));
  // Every other section of the atom may answer too, when its words fit the question better than what the search found.
  const unfound = siblings.filter((unit) => !known.has(unit.unitId) && unit.kind !== 'lead').map((unit) => ({ ...unit, confidence: top.confidence }));
  const groups = sectionGroups([...found, ...unfound], found.length, hits.length, terms, wanted, intent);
  const best = groups[0];
  // Steps are one section: a second one would bury them. An answer about a problem that does not
  // quote what to do about it goes on with that.
  const resolution = best && !isSection(best, RESOLUTION_SECTIONS) ? groups.find((g) => isSection(g, RESOLUTION_SECTIONS)) : undefined;
  const second =
    intent === 'steps' || faq
      ? []
      : resolution
        ? [resolution]
        : groups.slice(1, 2).filter((g) => best && g.score >= best.score * SECOND_SECTION_RATIO && close(g.hits[0]!, SECOND_SECTION_RATIO));
  const chosen = best ? [best, ...second] : [];
  const quotes = chosen.map((group) => {
    // The whole section, every part of it in order, when the atom's units are at hand.
    const whole = siblings.filter((unit) => unit.anchor === group.hits[0]!.anchor);
    const units = whole.length >= group.hits.length ? whole.sort((a, b) => part(a) - part(b)) : group.hits;
    const text = cleanMarkdown(joinParts(units.map((hit) => stripHeading(hit.text, hit.section))));
    return { first: group.hits[0]!, text: intent === 'steps' ? fromStart(text, maxWords * STEPS_BUDGET) : trimToRelevant(text, terms, faq ? Math.round(maxWords / 2) : maxWords) };
  });
  // The direct answer first: the sentence of the atom that holds most of the question.
  const meaningFirst = intent === 'meaning' ? asked.find((unit) => unit.kind !== 'lead') : undefined;
  const opening = meaningFirst ? sentencesOf(cleanMarkdown(meaningFirst.text))[0] : undefined;
  const lead = faq || intent === 'steps' ? undefined : opening && meaningFirst ? { sentence: opening, hit: meaningFirst } : leadSentence([...found, ...siblings].filter((hit) => hit.atomId === primaryAtom), terms);
  // After a direct answer, a section that could not be trimmed (one long table or code block) is
  // pointed to rather than quoted: the answer stays a few lines. Steps asked for are quoted,
  // within their own budget.
  const pointed = (text: string) => intent !== 'steps' && (lead !== undefined || faq !== undefined) && wordCount(text) > maxWords;
  // A quote that opens with the direct answer is the direct answer: saying it twice buries the rest.
  const leadQuoted = lead !== undefined && quotes.some((q) => !pointed(q.text) && opensWith(q.text, lead.sentence));
  if (lead && !leadQuoted) parts.push(`${lead.sentence} ${cite(lead.hit)}`);
  quotes.forEach(({ first, text }, i) => {
    const intro = faq || parts.length > 0 || i > 0 ? phrases.moreIntro : phrases.quoteIntro;
    const line = intro(first.title, first.section, cite(first));
    if (pointed(text)) parts.push(line.replace(/:$/, '.'));
    else parts.push(`${line}\n\n${text}`);
  });
  if (parts.length === 0) {
    // Only FAQ units that did not match the question well: quote the best one as it is.
    parts.push(`${phrases.quoteIntro(top.title, top.section, cite(top))}\n\n${trimToRelevant(cleanMarkdown(top.answer ?? top.text), terms, maxWords)}`);
  }

  const seen = new Set([primaryAtom]);
  const others: string[] = [];
  for (const hit of hits) {
    if (others.length === 2) break;
    // Confidence alone lets unrelated atoms in on common words; a see-also must name half the
    // question's terms, and two of them when it has two or more: one shared word of a short
    // question is as often another sense of it (`Windows` and a context window).
    const named = termHits(`${hit.title} ${hit.summary} ${hit.section ?? ''} ${hit.question ?? ''} ${hit.tags.join(' ')}`, terms);
    if (seen.has(hit.atomId) || !close(hit, SEE_ALSO_RATIO) || named < Math.min(terms.length, Math.max(2, Math.ceil(terms.length / 2)))) continue;
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

/** Words at the start of a quote a direct answer may sit in and still count as its opening. */
const OPENING_WORDS = 60;

/**
 * Does the quote state the sentence within its first OPENING_WORDS words (Markdown marks and line
 * breaks aside)?
 *
 * @example opensWith('**strictPeerDependencies**\n\nIf this is enabled, it fails.', 'If this is enabled, it fails.') //=> true
 */
function opensWith(quote: string, sentence: string): boolean {
  const plain = (text: string) => text.replace(/[`*_>#|]/g, '').replace(/\s+/g, ' ').trim();
  return plain(quote).split(' ').slice(0, OPENING_WORDS + wordCount(sentence)).join(' ').includes(plain(sentence));
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
      const matched = termsIn(candidate.question, terms);
      const share = matched.length / terms.length;
      // The search's own first pick, when it is a FAQ, is asked in other words: a long question
      // rarely repeats half its words in a FAQ's. Words of the atom's title say only what it is about.
      const searchPick = hit === hits[0] && hit.kind === 'faq' && termsIn(hit.title, matched).length <= matched.length - FAQ_PICK_TERMS;
      if ((share >= FAQ_MATCH || searchPick) && (!best || share > best.share)) best = { hit: candidate, share };
    }
  }
  return best?.hit;
}

function isSection(group: SectionGroup, specs: readonly SectionSpec[]): boolean {
  const heading = group.hits[0]!.section;
  return heading !== undefined && specs.some((spec) => headingMatches(heading, spec));
}

/** The part number of a unit of a split section (`…@2`), 0 when not split. */
function part(hit: SearchHit): number {
  return Number(/@(\d+)$/.exec(hit.unitId)?.[1] ?? 0);
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
function sectionGroups(hits: readonly SearchHit[], found: number, total: number, terms: readonly string[], wanted: readonly SectionSpec[], intent: Intent): SectionGroup[] {
  const byAnchor = new Map<string, { hits: SearchHit[]; rank: number }>();
  hits.forEach((hit, i) => {
    const key = hit.anchor ?? '';
    // Units the search did not find rank last.
    const group = byAnchor.get(key) ?? { hits: [], rank: i < found ? i : total };
    group.hits.push(hit);
    byAnchor.set(key, group);
  });
  return [...byAnchor.values()]
    .map(({ hits: groupHits, rank }) => {
      const first = groupHits[0]!;
      const text = `${first.section ?? ''} ${groupHits.map((h) => h.text).join(' ')}`;
      const overlap = terms.length > 0 ? termHits(text, terms) / terms.length : 0;
      const is = (specs: readonly Pick<SectionSpec, 'accepts'>[]) => first.section !== undefined && specs.some((spec) => spec.accepts.includes(normalizeHeading(first.section!)));
      const asked = is(wanted) ? 1 : 0;
      const restating = intent !== 'meaning' && is(RESTATING_SECTIONS) ? 1 : 0;
      return { hits: [...groupHits].sort((a, b) => part(a) - part(b)), score: (1 - rank / Math.max(1, total)) * 0.5 + overlap + asked - restating };
    })
    .sort((a, b) => b.score - a.score);
}

/**
 * Removes the unit's own heading line, which the intro already names. Leading indentation stays:
 * a later part of a section may begin inside a list item.
 */
function stripHeading(text: string, section: string | undefined): string {
  const trimmed = text.replace(/^\s*\n/, '').trimEnd();
  const match = /^\s*#{1,6}\s+(.*)\n+/.exec(trimmed);
  if (match && (section === undefined || match[1]!.trim() === section.trim())) return trimmed.slice(match[0].length).replace(/^\s*\n/, '');
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
  const headed = relevantSubsections(markdown, terms, maxWords);
  if (headed !== undefined) return headed;
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
    if (i > 0 && kept[j - 1] !== i - 1 && out.at(-1) !== '…') out.push('…');
    const block = blocks[i]!;
    // A list longer than the whole budget is cut to the items that concern the question.
    if (block.kind === 'list' && block.words > maxWords) out.push(relevantItems(block.text, terms, maxWords));
    else out.push(block.text);
  });
  return out.join('\n\n');
}

/** A heading inside a section (`#### strictPeerDependencies`) and the lines under it, down to the next heading as high. */
interface Subsection {
  readonly heading: string;
  readonly start: number;
  readonly end: number;
}

const HEADING_LINE = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/** The sub-headed parts of a section (a reference page's keys or options), code blocks skipped. */
function subsections(lines: readonly string[]): Subsection[] {
  const headings = headingLines(lines);
  return headings.map((h, i) => {
    const next = headings.slice(i + 1).find((later) => later.level <= h.level);
    return { heading: h.text, start: h.line, end: next?.line ?? lines.length };
  });
}

/** The numbers of the lines of Markdown outside code blocks (fence lines excluded). */
function proseLines(lines: readonly string[]): number[] {
  const out: number[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (marker && marker[1]!.startsWith(fence)) fence = undefined;
    } else if (marker) fence = marker[1]!;
    else out.push(i);
  });
  return out;
}

/** The heading lines of Markdown, code blocks skipped. */
function headingLines(lines: readonly string[]): { line: number; level: number; text: string }[] {
  return proseLines(lines).flatMap((i) => {
    const heading = HEADING_LINE.exec(lines[i]!);
    return heading ? [{ line: i, level: heading[1]!.length, text: heading[2]! }] : [];
  });
}

/**
 * Headings inside a quote written as bold lines: the quote sits under the answer's own intro,
 * and a heading there would outrank it.
 *
 * @example headingsAsBold('#### autoInstallPeers\n\nWhen true...') //=> '**autoInstallPeers**\n\nWhen true...'
 */
export function headingsAsBold(markdown: string): string {
  const lines = markdown.split('\n');
  for (const { line, text } of headingLines(lines)) lines[line] = `**${text}**`;
  return lines.join('\n');
}

/**
 * In a long section made of sub-headed parts, the parts that answer the question, each quoted
 * from its heading (so a reference page answers with the key it documents, its default and its
 * description), up to about `maxWords`. A heading naming the question's terms counts twice. None
 * when the section has no sub-headings or none of them concerns the question.
 */
function relevantSubsections(markdown: string, terms: readonly string[], maxWords: number): string | undefined {
  const lines = markdown.split('\n');
  const parts = subsections(lines).map((sub) => {
    const body = lines.slice(sub.start + 1, sub.end).join('\n');
    return { ...sub, score: 2 * termHits(sub.heading, terms, true) + termHits(body, terms, true) };
  });
  const first = parts[0]?.start ?? 0;
  // What comes before the first sub-heading is a part too.
  if (first > 0) parts.unshift({ heading: '', start: 0, end: first, score: termHits(lines.slice(0, first).join('\n'), terms, true) });
  const best = Math.max(0, ...parts.map((p) => p.score));
  if (best === 0) return undefined;
  const chosen: (typeof parts)[number][] = [];
  let words = 0;
  for (const candidate of [...parts].sort((a, b) => b.score - a.score || a.start - b.start)) {
    if (candidate.score < best * SAME_SUBSECTION_SCORE) break;
    if (chosen.some((c) => candidate.start < c.end && c.start < candidate.end)) continue;
    const text = lines.slice(candidate.start, candidate.end).join('\n');
    if (chosen.length > 0 && words + wordCount(text) > maxWords) continue;
    chosen.push(candidate);
    words += wordCount(text);
  }
  chosen.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  chosen.forEach((sub, i) => {
    if (sub.start > 0 && (i === 0 || chosen[i - 1]!.end !== sub.start)) out.push('…');
    out.push(fromStart(headingsAsBold(lines.slice(sub.start, sub.end).join('\n')), maxWords));
  });
  return out.join('\n\n');
}

/**
 * The opening blocks of a section, in order, up to about `maxWords`: a list of steps is read from
 * step 1, and a block is never cut (a list, code block or table stays whole).
 *
 * @example fromStart('1. One\n2. Two\n\nAfter.', 100) //=> '1. One\n2. Two\n\nAfter.'
 */
export function fromStart(markdown: string, maxWords: number): string {
  const blocks = splitBlocks(markdown);
  const out: string[] = [];
  let words = 0;
  for (const block of blocks) {
    if (words + block.words > maxWords) {
      // A list longer than what is left is cut after a whole item (a step keeps its code block);
      // any other block is quoted whole when it comes first, or left out.
      const items = block.kind === 'list' ? leadingItems(block.text, maxWords - words) : undefined;
      if (items !== undefined && (items.words <= maxWords - words || out.length === 0)) out.push(items.text);
      else if (out.length === 0) out.push(block.text);
      out.push('…');
      break;
    }
    out.push(block.text);
    words += block.words;
  }
  return out.join('\n\n');
}

/**
 * The items of a list, each with what is indented under it (a step keeps its code block), cut at
 * the list's own indentation, code blocks skipped.
 *
 * @example listItems('1. One\n   more\n\n2. Two') //=> ['1. One\n   more\n', '2. Two']
 */
export function listItems(list: string): string[] {
  const lines = list.split('\n');
  const indent = /^\s*/.exec(lines[0]!)![0].length;
  const starts = proseLines(lines).filter((i) => /^\s*(\d+[.)]|[-*+])\s/.test(lines[i]!) && /^\s*/.exec(lines[i]!)![0].length === indent);
  if (starts[0] !== 0) starts.unshift(0);
  // Blank lines stay with the item before them, so items joined by `\n` read as the atom wrote them.
  return starts.map((start, k) => lines.slice(start, starts[k + 1] ?? lines.length).join('\n'));
}

/**
 * The first items of a list that fit in `maxWords` (at least the first item).
 *
 * @example leadingItems('1. One two\n2. Three four', 3).text //=> '1. One two'
 */
export function leadingItems(list: string, maxWords: number): { text: string; words: number } {
  const items = listItems(list);
  let end = 1;
  while (end < items.length && wordCount(items.slice(0, end + 1).join('\n')) <= maxWords) end++;
  const text = items.slice(0, end).join('\n').trimEnd();
  return { text, words: wordCount(text) };
}

/**
 * The items of a list that hold the question's terms, in order, up to about `maxWords`, gaps
 * marked `…`; the first items when none does.
 */
function relevantItems(list: string, terms: readonly string[], maxWords: number): string {
  const items = listItems(list);
  const scores = items.map((item) => termHits(item, terms));
  const keep = new Set<number>();
  let words = 0;
  for (const i of items.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b)) {
    if (scores[i] === 0) break;
    const size = wordCount(items[i]!);
    if (keep.size > 0 && words + size > maxWords) continue;
    keep.add(i);
    words += size;
  }
  if (keep.size === 0) return `${leadingItems(list, maxWords).text}\n\n…`;
  const kept = [...keep].sort((a, b) => a - b);
  const out: string[] = [];
  kept.forEach((i, j) => {
    if (i > 0 && (j === 0 || kept[j - 1] !== i - 1)) out.push('…');
    // Items kept side by side stay one list, as the atom wrote them.
    if (j > 0 && kept[j - 1] === i - 1) out[out.length - 1] += `\n${items[i]}`;
    else out.push(items[i]!);
  });
  for (let k = 0; k < out.length; k++) out[k] = out[k]!.trimEnd();
  if (kept.at(-1)! < items.length - 1) out.push('…');
  return out.join('\n\n');
}

/** Sentences of a unit's prose (not code, tables or headings), list markers dropped. */
function sentencesOf(markdown: string): string[] {
  const prose = markdown
    .replace(/^\s*(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\1\s*$/gm, '\n\n')
    .split(/\n{2,}/)
    .filter((block) => !/^\s*(#|\||>|Q:|A:)/.test(block))
    .map((block) => block.replace(/^\s*(\d+[.)]|[-*+])\s+/gm, '').replace(/\s+/g, ' ').trim());
  return prose.flatMap((block) => [...SENTENCES.segment(block)].map((s) => s.segment.trim())).filter((s) => s.length >= 12 && wordCount(s) <= 60);
}

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentence of the hits that names the largest share of the question's terms (at least half). */
function leadSentence(hits: readonly SearchHit[], terms: readonly string[]): { sentence: string; hit: SearchHit } | undefined {
  if (terms.length === 0) return undefined;
  let best: { sentence: string; hit: SearchHit; score: number } | undefined;
  for (const hit of hits) {
    for (const sentence of sentencesOf(cleanMarkdown(hit.text))) {
      const score = termHits(sentence, terms);
      if (score > (best?.score ?? 0)) best = { sentence, hit, score };
    }
  }
  return best && best.score >= Math.max(1, Math.ceil(terms.length / 2)) ? best : undefined;
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
function* latinWord(word: string, camelParts: boolean): Generator<{ word: string; term: string; cjk: boolean }> {
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
  for (const { word, term, cjk } of words(normalizePhrases(question), false)) {
    if (STOPWORDS.has(word) || (!cjk && word.length < 2) || (cjk && /^\p{Script=Hiragana}{1,2}$/u.test(word))) continue;
    terms.add(term);
  }
  return [...terms];
}

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
const textTerms = new Map<string, TextTerms>();
const MAX_TEXTS = 10_000;

function termsOf(text: string): TextTerms {
  let entry = textTerms.get(text);
  if (!entry) {
    const present = new Set<string>();
    for (const { term } of words(text, false)) present.add(term);
    const withParts = new Set(present);
    for (const { term } of words(text, true)) withParts.add(term);
    const lower = text.normalize('NFKC').toLowerCase();
    entry = { present, withParts, cjk: CJK.test(lower) ? lower : undefined };
    if (textTerms.size >= MAX_TEXTS) textTerms.clear();
    textTerms.set(text, entry);
  }
  return entry;
}

/**
 * How many of the terms the text has (as stemmed words; CJK terms anywhere, segmentation varies).
 * With `camelParts`, the words inside camelCase identifiers count: a reference page names a
 * setting by its key, a question by what it does.
 */
function termHits(text: string, terms: readonly string[], camelParts = false): number {
  return termsIn(text, terms, camelParts).length;
}

/** The terms the text has. */
function termsIn(text: string, terms: readonly string[], camelParts = false): string[] {
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

/** `ja-JP` -> `ja`. */
function baseLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}
