/**
 * Turns an atom into retrieval units: the lead (text before the first `##`), one unit per `##`
 * section, and one per FAQ pair. Each unit carries its atom's identity and context, and no unit
 * is longer than the token budget: long sections are cut on paragraph boundaries (then lines,
 * sentences, words) and the parts are counted in the report.
 */
import { createHash } from 'node:crypto';
import type { Definition, RootContent } from 'mdast';
import type { Atom } from '../atom/load.js';
import { questionAnchors, sectionUrl } from '../atom/identity.js';
import { parseFaq } from '../atom/faq.js';
import { parseMarkdown } from '../atom/markdown.js';
import { TEMPLATE_PROMPTS, isFaqHeading } from '../atom/sections.js';
import { compactTable, tableRows } from '../text/markdown-table.js';
import { dedent } from '../text/indent.js';
import { definitionsOf, inlineReferences, withInlineReferences } from '../text/reference-links.js';
import { entryCodes } from './entry-codes.js';
import { wordSegments } from './word-segments.js';

export type UnitKind = 'lead' | 'section' | 'faq';

export interface Unit {
  /** `<atomId>#<anchor>`, plus `/<n>` for the n-th FAQ pair and `@<part>` for parts of a split section. */
  readonly id: string;
  readonly atomId: string;
  /** Path of the atom file relative to the atoms folder. */
  readonly file: string;
  readonly kind: UnitKind;
  readonly section: string | undefined;
  readonly anchor: string | undefined;
  readonly pageUrl: string;
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly type: string;
  readonly tags: readonly string[];
  readonly language: string;
  /** Title of the atom this one is a translation of (`translation_of`), when it is one. */
  readonly translationOf?: string;
  readonly errorCodes: readonly string[];
  /** The atom's `sources` references (paths or URLs): a question that links to one of those pages asks about this atom. */
  readonly sourceRefs: readonly string[];
  /** Codes of a table of codes in the unit's text (see entry-codes.ts): matched whole when pasted, not searched as words. */
  readonly entryCodes: readonly string[];
  /** The unit's Markdown. */
  readonly text: string;
  readonly question: string | undefined;
  readonly answer: string | undefined;
  /** 1-based part of a split section, and how many parts it was cut into (1 when not split). */
  readonly part: number;
  readonly parts: number;
  /**
   * The part opens inside a block the part before it ended with: a code block or table cut between
   * them, fenced or headed again in each. Set only then: two blocks that only look alike stay two.
   */
  readonly continues?: true;
  /** What the embedder sees: title, summary and heading (or question) above the text. */
  readonly embedText: string;
  /** Tokens of `embedText`, counted by the model tokenizer when one is loaded. */
  readonly tokens: number;
  /** sha256 of `embedText`: the embedding cache key. */
  readonly embedHash: string;
}

export interface ChunkOptions {
  /** Largest unit, in tokens (title, summary and heading included). */
  readonly maxTokens: number;
  readonly countTokens: (text: string) => number;
  /** Language of atoms whose header has none. */
  readonly defaultLanguage: string;
}

/** Why an atom has no units. */
export type SkipReason = 'draft' | 'invalid-header';

/**
 * @example chunkAtom(atom, { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' }).map((u) => u.id)
 * //=> ['error/x#', 'error/x#what-it-means', 'error/x#faq/1']
 */
export function chunkAtom(atom: Atom, options: ChunkOptions): Unit[] {
  const header = atom.header;
  if (!header) return [];
  const context = {
    atomId: atom.id,
    file: atom.relPath,
    pageUrl: atom.url,
    title: header.title.trim(),
    summary: header.summary.trim(),
    type: header.type,
    tags: [...header.tags],
    language: header.language ?? atom.locale ?? options.defaultLanguage,
    ...(header.translation_of?.trim() ? { translationOf: header.translation_of.trim() } : {}),
    errorCodes: [...(header.error_codes ?? [])],
    sourceRefs: (header.sources ?? []).map((source) => source.ref),
  };
  const units: Unit[] = [];
  const make = (
    fields: { kind: UnitKind; section: string | undefined; anchor: string | undefined; text: string; question?: string; answer?: string },
    id: string,
    part: number,
    parts: number,
    embedText: string,
    tokens: number,
    codes: readonly string[],
    continues: boolean,
  ): Unit => ({
    ...context,
    id,
    kind: fields.kind,
    section: fields.section,
    anchor: fields.anchor,
    url: sectionUrl(atom.url, fields.anchor),
    text: fields.text,
    entryCodes: codes.filter((code) => new RegExp(`(?<![\\w])${code}(?![\\w])`).test(fields.text)),
    question: fields.question,
    answer: fields.answer,
    part,
    parts,
    ...(continues ? { continues: true as const } : {}),
    embedText,
    tokens,
    embedHash: sha256(embedText),
  });
  const prefix = (heading: string | undefined) => [context.title, context.summary, heading].filter(Boolean).join('\n');

  const emit = (kind: UnitKind, heading: string | undefined, anchor: string | undefined, baseId: string, blocks: string[], faq?: { question: string; answer: string }) => {
    const head = prefix(faq ? faq.question : heading);
    const headTokens = options.countTokens(head);
    // A very long title + summary still leaves room for some text; the cut below keeps the whole under budget.
    const budget = Math.max(16, options.maxTokens - headTokens - 2);
    const parts = packBlocks(blocks, budget, options.countTokens);
    // Read from the whole section: a table of codes cut into parts is still one table, down to a part of one row.
    const codes = entryCodes(blocks.join('\n\n'));
    parts.forEach(({ text, tokens: textTokens, continues }, i) => {
      const embedText = `${head}\n\n${text}`;
      const id = parts.length > 1 ? `${baseId}@${i + 1}` : baseId;
      const fields = faq
        ? { kind, section: faq.question, anchor, text, question: faq.question, answer: parts.length > 1 ? text : faq.answer }
        : { kind, section: heading, anchor, text };
      // Counted piecewise (head + blocks): tokenizing every text once is what keeps large builds fast.
      units.push(make(fields, id, i + 1, parts.length, embedText, Math.min(headTokens + textTokens, options.maxTokens), codes, continues));
    });
  };

  const definitions = definitionsOf(atom.tree);
  // Pairs are met in document order, as the site gives their questions anchors.
  const questionAnchor = questionAnchors();
  /** Each Q/A pair its own unit, the text before the first a unit of `introKind`; false when there is no pair. */
  const emitFaq = (markdown: string, startOffset: number, introKind: UnitKind, heading: string | undefined, anchor: string | undefined, baseId: string): boolean => {
    const firstLine = atom.lines.position(startOffset).line;
    const pairs = parseFaq(markdown, firstLine).filter((pair) => pair.question !== '' && pair.answer !== '');
    if (pairs.length === 0) return false;
    const intro = markdown.split('\n').slice(0, pairs[0]!.line - firstLine).join('\n').trim();
    if (intro !== '') emit(introKind, heading, anchor, baseId, splitParagraphs(inlineReferences(intro, definitions, parseMarkdown)));
    pairs.forEach((pair, i) => {
      // Read apart from the page, a pair's reference links would show their brackets and lead nowhere.
      const answered = { ...pair, answer: inlineReferences(pair.answer, definitions, parseMarkdown) };
      const text = `Q: ${answered.question}\n\nA: ${answered.answer}`;
      emit('faq', heading, questionAnchor(pair.question), `${baseId}/${i + 1}`, splitParagraphs(text), answered);
    });
    return true;
  };

  // A `faq` atom's pairs are all of its body, before any heading too (where they usually are).
  const leadStart = atom.lead[0]?.position?.start.offset;
  const leadEnd = atom.lead.at(-1)?.position?.end.offset;
  const leadIsFaq = header.type === 'faq' && leadStart !== undefined && leadEnd !== undefined && emitFaq(atom.text.slice(leadStart, leadEnd), leadStart, 'lead', undefined, undefined, `${atom.id}#`);
  const leadBlocks = leadIsFaq ? [] : blockTexts(atom.text, atom.lead, definitions);
  if (leadBlocks.length > 0) emit('lead', undefined, undefined, `${atom.id}#`, leadBlocks);

  for (const section of atom.sections) {
    const heading = section.heading.text.trim();
    const anchor = section.heading.anchor || undefined;
    const baseId = `${atom.id}#${anchor ?? ''}`;
    if ((isFaqHeading(heading) || header.type === 'faq') && emitFaq(section.markdown, section.startOffset, 'section', heading, anchor, baseId)) continue;
    const blocks = blockTexts(atom.text, section.nodes, definitions);
    if (blocks.length > 0) emit('section', heading, anchor, baseId, blocks);
  }
  return units;
}

/**
 * A fair guess at the number of WordPiece tokens when no tokenizer is loaded: about 1.3 per
 * English word, one per CJK character, one per punctuation mark.
 *
 * @example estimateTokens('Hello, world') //=> 4
 */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const { segment, isWordLike } of wordSegments(text)) {
    if (isWordLike) tokens += CJK.test(segment) ? [...segment].length : Math.ceil(segment.length / 6) + 0.3;
    else if (segment.trim() !== '') tokens += [...segment.trim()].length;
  }
  return Math.ceil(tokens);
}

const TEMPLATE_PROMPT_SET: ReadonlySet<string> = new Set(TEMPLATE_PROMPTS);
const LIST_MARKER = /^(?:\d+[.)]|[-*+])\s+/;

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function blockTexts(text: string, nodes: readonly RootContent[], definitions: ReadonlyMap<string, Definition>): string[] {
  const blocks: string[] = [];
  for (const node of nodes) {
    if (node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())) continue;
    // Written into the links that use them (a unit is read without the rest of its page).
    if (node.type === 'definition') continue;
    // A list is packed item by item, so a long list is split between steps, never inside one
    // (where a cut would break a nested code block).
    if (node.type === 'list' && node.children.length > 1) {
      blocks.push(...blockTexts(text, node.children as unknown as RootContent[], definitions));
      continue;
    }
    if (node.position?.start.offset === undefined || node.position.end.offset === undefined) continue;
    // From the start of its line when only indentation is before it, then dedented: a fence
    // indented in a list keeps its code lines' indentation relative to it.
    const start = node.position.start.offset;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*$/.test(text.slice(lineStart, start)) ? text.slice(lineStart, start) : '';
    const source = dedent(indent + withInlineReferences(text, node, definitions)).trim();
    // A prompt the template left for the author (an imported draft's empty Checks or Fix) says
    // nothing about the atom's subject: searched, it matches "check" and "fix"; quoted, it answers nothing.
    // Steps sections hold theirs as a one-item list (`1. Numbered steps, one action each.`).
    if ((node.type === 'paragraph' || node.type === 'list' || node.type === 'listItem') && TEMPLATE_PROMPT_SET.has(source.replace(LIST_MARKER, '').replace(/\s+/g, ' '))) continue;
    if (source !== '') blocks.push(source);
  }
  return blocks;
}

function splitParagraphs(text: string): string[] {
  return text.split(/\n{2,}/).map((p) => p.trim()).filter((p) => p !== '');
}

/** Packs consecutive blocks into parts under the budget, cutting blocks that alone exceed it. */
function packBlocks(blocks: readonly string[], budget: number, count: (text: string) => number): { text: string; tokens: number; continues: boolean }[] {
  // A piece after the first of a cut block goes on with the block the piece before it began.
  const pieces = blocks.flatMap((block) => {
    const tokens = count(block);
    return tokens <= budget ? [{ text: block, tokens, continued: false }] : cutListItem(block, budget, count).map((text, i) => ({ text, tokens: count(text), continued: i > 0 }));
  });
  const parts: { text: string; tokens: number; continues: boolean }[] = [];
  let current: string[] = [];
  let currentTokens = 0;
  let continues = false;
  for (const piece of pieces) {
    if (current.length > 0 && currentTokens + piece.tokens > budget) {
      parts.push({ text: current.join('\n\n'), tokens: currentTokens, continues });
      current = [];
      currentTokens = 0;
      continues = piece.continued;
    }
    current.push(piece.text);
    currentTokens += piece.tokens;
  }
  if (current.length > 0) parts.push({ text: current.join('\n\n'), tokens: currentTokens, continues });
  return parts;
}

const CUTS: ((text: string) => string[])[] = [
  (text) => text.split('\n'),
  (text) => [...sentenceSegmenter.segment(text)].map((s) => s.segment),
  (text) => text.split(/(?<=\s)/),
  (text) => [...text],
];

/**
 * A block that is one fenced code block: its opening line, its code, and its fence. Read by
 * position, not by one pattern: a fence-like run of a hundred thousand backticks made a pattern
 * try every shorter fence, each to the end of the block.
 *
 * @example fencedParts('```sh\nnpm ci\n```') //=> { open: '```sh', inner: 'npm ci', close: '```' }
 */
function fencedParts(block: string): { open: string; inner: string; close: string } | undefined {
  const fence = /^(?:`{3,}|~{3,})/.exec(block)?.[0];
  const firstBreak = block.indexOf('\n');
  if (fence === undefined || firstBreak < 0) return undefined;
  const lastBreak = block.lastIndexOf('\n');
  if (block.slice(lastBreak + 1).trimEnd() !== fence) return undefined;
  return { open: block.slice(0, firstBreak), inner: lastBreak === firstBreak ? '' : block.slice(firstBreak + 1, lastBreak), close: fence };
}

const ITEM_LINE = /^[ \t]*(?:\d+[.)]|[-*+])[ \t]/;

/**
 * Lines, a wrapped line kept with the line it continues: a cut between lines falls before a list
 * item, a blank line or what follows one, never inside a wrapped paragraph of a nested item
 * (whose continuation would lose its indentation and leave the item).
 *
 * @example lineGroups('* a\n  wrapped\n* b') //=> ['* a\n  wrapped', '* b']
 */
function lineGroups(text: string): string[] {
  const groups: string[] = [];
  let blank = true;
  for (const line of text.split('\n')) {
    if (blank || line.trim() === '' || ITEM_LINE.test(line)) groups.push(line);
    else groups[groups.length - 1] += `\n${line}`;
    blank = line.trim() === '';
  }
  return groups;
}

/** A piece without the blank lines around it; the indentation of its first line is part of its structure. */
function trimLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/**
 * Cuts a block that is over budget: into lines (in prose, wrapped lines kept together), then
 * sentences, then words, then characters. A
 * fenced code block is cut into lines only, each piece fenced again, and a table into rows, each
 * piece under the table's head again, so every part stays valid Markdown.
 */
function cut(block: string, budget: number, count: (text: string) => number, level: number, prose = true): string[] {
  if (count(block) <= budget || level >= CUTS.length) return [block];
  const fenced = level === 0 ? fencedParts(block) : undefined;
  if (fenced) {
    const { open, inner, close } = fenced;
    return cut(inner, Math.max(8, budget - count(open) - count(close)), count, 0, false).map((piece) => `${open}\n${piece}\n${close}`);
  }
  if (level === 0 && /^[ \t]*(`{3,}|~{3,})/m.test(block)) return cutAroundFences(block, budget, count);
  const rowsOf = level === 0 ? tableRows(block) : undefined;
  if (rowsOf) {
    // Padding is no part of a table, and a head padded to a wide column left no room for rows.
    const table = compactTable(rowsOf);
    const whole = `${table.head}\n${table.rows.join('\n')}`;
    if (count(whole) <= budget) return [whole];
    // Rows without their head are a paragraph of pipes: each part is a table of its own.
    const rows = cut(table.rows.join('\n'), Math.max(8, budget - count(table.head)), count, 0, false);
    return rows.map((piece) => `${table.head}\n${piece}`);
  }
  const pieces = (level === 0 && prose ? lineGroups(block) : CUTS[level]!(block)).filter((piece) => piece.trim() !== '');
  if (pieces.length <= 1) return cut(block, budget, count, level + 1);
  const joiner = level === 0 ? '\n' : '';
  const out: string[] = [];
  let current = '';
  let currentTokens = 0;
  // Token counts add up across cut points closely enough, and summing keeps this linear.
  for (const piece of pieces) {
    const tokens = count(piece);
    if (current !== '' && currentTokens + tokens > budget) {
      out.push(...cut(trimLines(current), budget, count, level + 1));
      current = piece;
      currentTokens = tokens;
    } else {
      current = current === '' ? piece : `${current}${joiner}${piece}`;
      currentTokens += tokens;
    }
  }
  if (current.trim() !== '') out.push(...cut(trimLines(current), budget, count, level + 1));
  return out;
}

/**
 * Cuts a block, and when it is a list item, indents the pieces after the first under the item,
 * so a step cut in the middle stays one step (and the list its number) when the parts are read
 * one after another.
 */
function cutListItem(block: string, budget: number, count: (text: string) => number): string[] {
  const marker = /^(\d+[.)]|[-*+])[ \t]+/.exec(block);
  if (!marker) return cut(block, budget, count, 0);
  const indent = ' '.repeat(marker[0].length);
  // The item's content is cut, not the marker: `1.` alone would end the first piece as a "sentence".
  const content = block.slice(marker[0].length);
  const pieces = cut(content, Math.max(8, budget - count(marker[0])), count, 0);
  return pieces.map((piece, i) => {
    const lines = piece.split('\n').map((line, j) => (line.trim() === '' || line.startsWith(indent) || (i === 0 && j === 0) ? line : `${indent}${line.trimStart()}`));
    return i === 0 ? `${marker[0]}${lines.join('\n')}` : lines.join('\n');
  });
}

/**
 * Cuts a block holding a fenced code block (a step with its command output) into runs of whole
 * lines, blank lines and indentation kept. A cut inside the code block closes the fence at the
 * end of one part and opens it again at the start of the next, so each part is valid Markdown
 * and nothing after the code block is read as code.
 */
function cutAroundFences(block: string, budget: number, count: (text: string) => number): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let tokens = 0;
  let fence: { open: string; close: string } | undefined;
  const flush = () => {
    const lines = fence ? [...current, fence.close] : current;
    const text = lines.join('\n').replace(/^\n+/, '').trimEnd();
    if (text.trim() !== '') out.push(text);
    current = fence ? [fence.open] : [];
    tokens = fence ? count(fence.open) : 0;
  };
  for (const line of block.split('\n')) {
    const lineTokens = count(line);
    if (tokens + lineTokens > budget && current.some((l) => l.trim() !== '' && l !== fence?.open)) flush();
    current.push(line);
    tokens += lineTokens;
    const marker = /^([ \t]*)(`{3,}|~{3,})/.exec(line);
    if (!marker) continue;
    if (!fence) fence = { open: line, close: `${marker[1]}${marker[2]}` };
    else if (marker[2]!.startsWith(fence.close.trim()) && line.trim() === marker[2]) fence = undefined;
  }
  fence = undefined;
  flush();
  return out;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
