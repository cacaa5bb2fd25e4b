/**
 * Cutting a section of an atom down to what a question needs, in whole Markdown blocks: a code
 * block is kept whole or left out, a list is cut only between whole items and a table only
 * between whole rows (under its head), a section of sub-headed keys (a reference page) is cut to
 * the keys that concern the question, and every gap is marked `…`. Its own module because the rules for what may be cut are Markdown rules, apart
 * from the rules for which section answers (extractive.ts).
 */
import { atxHeading } from '../../../tooling/src/text/atx-heading.js';
import { refersBack } from '../../../tooling/src/text/back-reference.js';
import { proseLines } from '../../../tooling/src/text/fences.js';
import { dedent } from '../../../tooling/src/text/indent.js';
import { tableRows } from '../../../tooling/src/text/markdown-table.js';
import { questionTerms, termsIn, wordCount } from './terms.js';

/** Another sub-headed part of a section is quoted beside the best when it scores at least this share of it... */
const SAME_SUBSECTION_SCORE = 0.9;
/** ...or adds at least this share of the weight of the question's terms the best one named. */
const OTHER_PART_GAIN = 0.5;

/** A Markdown block: a paragraph, a whole list, a fenced code block, a table, a quote. */
interface Block {
  readonly text: string;
  readonly kind: 'code' | 'list' | 'table' | 'other';
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
  const kindOf = (text: string): Block['kind'] => (/^\s*(`{3,}|~{3,})/.test(text) ? 'code' : /^\s*(\d+[.)]|[-*+])\s/.test(text) ? 'list' : tableRows(text) ? 'table' : 'other');
  const flush = () => {
    const raw = current.join('\n');
    // Dedented as a whole, not trimmed: a part cut from a nested list opens indented, and its
    // first item must stay at the level of the next.
    const text = dedent(raw.replace(/^(?:[ \t]*\n)+/, '').trimEnd());
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
  if (headed !== undefined) return oneGapMark(headed);
  return relevantBlocks(blocks, terms, maxWords, true);
}

/**
 * The blocks that mention the question's terms, as `trimToRelevant` keeps them; with `cut`, a
 * list or table longer than the budget is cut to its items or rows, else it is kept whole.
 */
function relevantBlocks(blocks: readonly Block[], terms: readonly string[], maxWords: number, cut: boolean): string {
  const keep = new Set<number>();
  let words = 0;
  const take = (i: number) => {
    if (keep.has(i)) return;
    keep.add(i);
    words += blocks[i]!.words;
  };
  // A block goes with the code block after it, which it usually introduces.
  const takeWithCode = (i: number) => {
    take(i);
    const next = blocks[i + 1];
    if (next?.kind === 'code' && words + next.words <= maxWords * 1.5) take(i + 1);
  };
  for (const { index: i } of coverageOrder(blocks.map((b) => termsIn(b.text, terms)), terms)) {
    if (keep.size > 0 && words + blocks[i]!.words > maxWords) continue;
    takeWithCode(i);
  }
  // Nothing matched by term: the opening of the section is the best guess, as much of it as the
  // budget holds (its first block may be no more than a metadata line).
  if (keep.size === 0) {
    for (let i = 0; i < blocks.length; i++) {
      if (keep.size > 0 && words + blocks[i]!.words > maxWords) break;
      takeWithCode(i);
    }
  }
  // "This will output:" shows what the block before it does: it is quoted with that block.
  for (const i of [...keep]) {
    const before = blocks[i - 1];
    if (before && !keep.has(i - 1) && refersBack(blocks[i]!.text) && words + before.words <= maxWords * 1.5) take(i - 1);
  }
  const kept = [...keep].sort((a, b) => a - b);
  const out: string[] = [];
  kept.forEach((i, j) => {
    if (i > 0 && kept[j - 1] !== i - 1 && out.at(-1) !== '…') out.push('…');
    const block = blocks[i]!;
    // A list or table longer than the whole budget is cut to the items or rows that concern the question.
    out.push(cut && block.words > maxWords ? (cutToQuestion(block, terms, maxWords) ?? block.text) : block.text);
  });
  return oneGapMark(out.join('\n\n'));
}

/**
 * One `…` where gaps meet: a list cut to its items, or a long part trimmed in its turn, may open
 * or close with a gap of its own next to the one before it.
 *
 * @example oneGapMark('…\n\n…\n\n- Item') //=> '…\n\n- Item'
 */
function oneGapMark(markdown: string): string {
  return markdown.replace(/(^|\n\n)…(?:\n\n…)+(?=\n\n|$)/g, '$1…');
}

/** A heading inside a section (`#### strictPeerDependencies`) and the lines under it, down to the next heading as high. */
interface Subsection {
  readonly heading: string;
  readonly start: number;
  readonly end: number;
}

/** The sub-headed parts of a section (a reference page's keys or options), code blocks skipped. */
function subsections(lines: readonly string[]): Subsection[] {
  const headings = headingLines(lines);
  // Each part ends at the next heading as high as its own or higher: read from the end, keeping
  // the headings still open (lower ones go once a higher one is passed), in one pass.
  const ends: number[] = [];
  const open: { line: number; level: number }[] = [];
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i]!;
    while (open.length > 0 && open.at(-1)!.level > h.level) open.pop();
    ends[i] = open.at(-1)?.line ?? lines.length;
    open.push(h);
  }
  return headings.map((h, i) => ({ heading: h.text, start: h.line, end: ends[i]! }));
}

/** A heading line with text (`## ` alone heads nothing). */
function headingOf(line: string): { level: number; text: string } | undefined {
  const heading = atxHeading(line);
  return heading && heading.text !== '' ? heading : undefined;
}

/** The heading lines of Markdown, code blocks skipped. */
function headingLines(lines: readonly string[]): { line: number; level: number; text: string }[] {
  return proseLines(lines).flatMap((i) => {
    const heading = headingOf(lines[i]!);
    return heading ? [{ line: i, ...heading }] : [];
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
 * description), up to about `maxWords`. A heading naming the question's terms counts twice, and a
 * part that answers what the best one does not is quoted too. None
 * when the section has no sub-headings or none of them concerns the question.
 */
function relevantSubsections(markdown: string, terms: readonly string[], maxWords: number): string | undefined {
  const lines = markdown.split('\n');
  const parts: Subsection[] = subsections(lines);
  const first = parts[0]?.start ?? 0;
  // What comes before the first sub-heading is a part too.
  if (first > 0) parts.unshift({ heading: '', start: 0, end: first });
  const texts = parts.map((sub) => lines.slice(sub.start, sub.end).join('\n'));
  const named = texts.map((text) => termsIn(text, terms, true));
  const exact = namedEntry(parts, terms);
  const order = exact !== undefined ? [{ index: exact, gain: 1, score: 1 }] : coverageOrder(named, terms, parts.map((sub) => termsIn(sub.heading, terms, true)));
  if (order.length === 0) return undefined;
  const best = order[0]!;
  const chosen: Subsection[] = [];
  let words = 0;
  for (const { index, gain, score } of order) {
    const candidate = parts[index]!;
    // Another part as good as the best, or one that answers a part of the question the best does not.
    if (score < best.score * SAME_SUBSECTION_SCORE && gain < best.gain * OTHER_PART_GAIN) continue;
    if (chosen.some((c) => candidate.start < c.end && c.start < candidate.end)) continue;
    const size = wordCount(texts[index]!);
    if (chosen.length > 0 && words + size > maxWords) continue;
    chosen.push(candidate);
    words += size;
  }
  chosen.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let spare = maxWords - words;
  let reached = 0;
  chosen.forEach((sub, i) => {
    // A gap is marked where text was left out, not where only blank lines were.
    if (sub.start > reached && lines.slice(reached, sub.start).some((line) => line.trim() !== '')) out.push('…');
    const text = lines.slice(sub.start, sub.end).join('\n');
    // A part longer than the budget (a heading over several sub-parts, long prose, or the
    // section's own opening before its first sub-heading) is itself trimmed to what concerns the
    // question: its opening rarely does.
    if (wordCount(text) > maxWords) {
      out.push(headingsAsBold(sub.heading === '' ? trimToRelevant(text, terms, maxWords) : `${lines[sub.start]}\n\n${trimToRelevant(lines.slice(sub.start + 1, sub.end).join('\n'), terms, maxWords)}`));
      reached = sub.end;
      return;
    }
    // What follows a short part (the options under a command, the example after a key) goes on
    // being quoted, in whole blocks, while the budget lasts and until the next entry of a reference.
    const until = chosen[i + 1]?.start ?? lines.length;
    // After the entry the question names, the next entry is another thing, whatever words it shares.
    const after = blocksWithin(lines.slice(sub.end, until).join('\n'), Math.max(0, spare), terms, exact !== undefined);
    spare -= wordCount(after.text);
    out.push(headingsAsBold([fromStart(text, maxWords), after.text].filter(Boolean).join('\n\n')));
    reached = after.whole ? until : sub.end;
  });
  return out.join('\n\n');
}

/**
 * The one entry of a reference whose heading the question names, every word of it, two or more:
 * "what does agent.closed return" asks for `agent.closed`, not `agent.close([callback])` after it,
 * though that one says "Returns" too. None when no entry, or more than one as fully, is named so.
 */
function namedEntry(parts: readonly Subsection[], terms: readonly string[]): number | undefined {
  let found: number | undefined;
  let size = 0;
  let tied = false;
  parts.forEach((sub, i) => {
    const name = sub.heading.replace(/`/g, '');
    if (!ENTRY_HEADING.test(name)) return;
    const words = questionTerms(name);
    // A qualified name (`agent.closed`, `server.listen`) is precise; one word (`dependents`) is
    // named by many a question about something else, and left to how much of the question each part holds.
    if (words.length < 2 || !words.every((word) => terms.includes(word))) return;
    if (words.length > size) [found, size, tied] = [i, words.length, false];
    else if (words.length === size) tied = true;
  });
  return tied ? undefined : found;
}

/** A heading that names one entry of a reference (`.request`, `listen`, `bodyLimit`, `--host`), not a part such as "Options". */
const ENTRY_HEADING = /^(?![A-Z][a-z]+$)[.\w$@/:*-]+(?:\(.*\))?$/;

/**
 * What follows a quoted part, in whole sub-headed parts, while they fit in `maxWords`: a part
 * that does not fit ends it, except one that is only a table or a list under its heading, which
 * is cut to its rows or items that concern the question (a key is never quoted as a heading and
 * its defaults without what it does), and so does the next entry of a reference, which is another
 * thing (with `anyEntryEnds`, any next entry; else one whose key, camelCase words included, names none of the question's terms).
 * Returns whether that is all of it.
 *
 * @example blocksWithin('One two.\n\n## Next\n\nThree four five.', 3, []) //=> { text: 'One two.', whole: false }
 */
function blocksWithin(markdown: string, maxWords: number, terms: readonly string[], anyEntryEnds = false): { text: string; whole: boolean } {
  const groups: Block[][] = [];
  for (const block of splitBlocks(markdown)) {
    if (groups.length === 0 || headingOf(block.text.split('\n', 1)[0]!)) groups.push([block]);
    else groups.at(-1)!.push(block);
  }
  const out: string[] = [];
  let words = 0;
  for (const group of groups) {
    // The next entry of a reference (`#### .request` after `#### .sent`) is another thing, not more of this one.
    const heading = headingOf(group[0]!.text.split('\n', 1)[0]!)?.text;
    if (heading !== undefined && ENTRY_HEADING.test(heading.replace(/`/g, '')) && (anyEntryEnds || termsIn(heading, terms, true).length === 0)) return { text: out.join('\n\n'), whole: false };
    const size = group.reduce((sum, block) => sum + block.words, 0);
    if (words + size <= maxWords) {
      out.push(...group.map((block) => block.text));
      words += size;
      continue;
    }
    const [head, body, ...more] = group;
    const left = maxWords - words - head!.words;
    const cut = body && more.length === 0 && left > 0 ? cutToQuestion(body, terms, left) : undefined;
    if (cut !== undefined) out.push(head!.text, cut);
    return { text: out.join('\n\n'), whole: false };
  }
  return { text: out.join('\n\n'), whole: true };
}

/** A list cut to its items, or a table to its rows, that concern the question; none for any other block. */
function cutToQuestion(block: Block, terms: readonly string[], maxWords: number): string | undefined {
  if (block.kind === 'list') return relevantItems(block.text, terms, maxWords);
  if (block.kind === 'table') return relevantRows(block.text, terms, maxWords);
  if (block.kind === 'code') return relevantOptions(block.text, terms, maxWords);
  return undefined;
}

/** A line of a command's help text that names an option (`  -c/--connections NUM`, `--debug`). */
const OPTION_LINE = /^(\s*)-{1,2}[\w?]/;
/** Fewer options than this, and a code block is an example to read whole, not a list of options. */
const MIN_OPTIONS = 6;

/**
 * A command's help text in a code block (its usage line, then one entry per option with its
 * description indented under it), cut to the usage and the options that concern the question, a
 * `…` line where options are left out, the fence kept. None when the block is not such a list or
 * no option concerns the question.
 *
 * @example relevantOptions('```\nUsage: x [opts]\n  -a\n      all\n  -b\n      brief\n```', ['brief'], 1) //=> undefined
 */
export function relevantOptions(code: string, terms: readonly string[], maxWords: number): string | undefined {
  const lines = code.split('\n');
  if (lines.length < 3) return undefined;
  const body = lines.slice(1, -1);
  const indents = body.flatMap((line) => OPTION_LINE.exec(line)?.[1]?.length ?? []);
  if (indents.length < MIN_OPTIONS) return undefined;
  const indent = Math.min(...indents);
  const first = body.findIndex((line) => OPTION_LINE.test(line) && OPTION_LINE.exec(line)![1]!.length === indent);
  const entries: string[][] = [];
  for (const line of body.slice(first)) {
    const lead = /^\s*/.exec(line)![0].length;
    if (line.trim() !== '' && lead <= indent) entries.push([line]);
    else entries.at(-1)!.push(line);
  }
  // The options the question names ("custom header" is `--headers`, though a dozen others mention
  // requests); when it names none, those whose descriptions say most of it. Not every option that
  // shares a word: a help text says "the number of" in every other entry.
  const named = entries.map((entry) => termsIn(entry[0]!, terms).length);
  const said = entries.map((entry) => termsIn(entry.join('\n'), terms).length);
  const byName = named.some((n) => n > 0);
  const scores = byName ? named : said;
  const best = Math.max(...scores);
  if (best === 0) return undefined;
  const keep = new Set<number>();
  let words = 0;
  for (const i of entries.keys()) {
    const size = wordCount(entries[i]!.join('\n'));
    if (scores[i]! > 0 && (byName || scores[i] === best) && (keep.size === 0 || words + size <= maxWords)) {
      keep.add(i);
      words += size;
    }
  }
  const gap = `${' '.repeat(indent)}…`;
  const out = [lines[0]!, ...body.slice(0, first)];
  entries.forEach((entry, i) => {
    if (keep.has(i)) out.push(...entry);
    else if (out.at(-1) !== gap) out.push(gap);
  });
  return [...out, lines.at(-1)!].join('\n');
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
  const keep = mostRelevant(items, terms, maxWords);
  if (keep.size === 0) return `${leadingItems(list, maxWords).text}\n\n…`;
  const kept = [...keep].sort((a, b) => a - b);
  const out: string[] = [];
  kept.forEach((i, j) => {
    if (i > 0 && (j === 0 || kept[j - 1] !== i - 1)) out.push('…');
    // Items kept side by side stay one list, as the atom wrote them.
    if (j > 0 && kept[j - 1] === i - 1) out[out.length - 1] += `\n${items[i]}`;
    else out.push(items[i]!);
  });
  for (let k = 0; k < out.length; k++) out[k] = withinBudget(out[k]!.trimEnd(), terms, maxWords);
  if (kept.at(-1)! < items.length - 1) out.push('…');
  return oneGapMark(out.join('\n\n'));
}

/**
 * A list item that holds a section's worth of text under its first line (the description and
 * examples of a hook indented under its last `**Scope:**` line), trimmed as a section is: its
 * first line, then what of the rest concerns the question. Any other item as it is.
 */
function withinBudget(item: string, terms: readonly string[], maxWords: number): string {
  if (wordCount(item) <= maxWords) return item;
  const [first, ...rest] = item.split('\n');
  const body = rest.join('\n');
  // A numbered step is quoted whole: its command and what it prints are the step.
  const indent = /^[-*+]\s+/.exec(first!)?.[0].length ?? 0;
  if (indent === 0 || !body.split('\n').every((line) => line.trim() === '' || line.startsWith(' '.repeat(indent)))) return item;
  // One level down only: a list nested in the item is kept whole, so deep nesting costs no more than one pass.
  const trimmed = relevantBlocks(splitBlocks(dedent(body)), terms, Math.max(1, maxWords - wordCount(first!)), false);
  if (trimmed.replace(/…/g, '').trim() === '') return item;
  return [first, '', ...trimmed.split('\n').map((line) => (line === '' ? '' : ' '.repeat(indent) + line))].join('\n');
}

/**
 * A long table cut to its head and the rows that concern the question, in order, up to about
 * `maxWords`; where rows are left out, a row says so. None concerning it: the opening rows.
 *
 * @example relevantRows('| k | v |\n|---|---|\n| port | 1 |\n| host | 2 |', ['host'], 5) //=> '| k | v |\n|---|---|\n| … |\n| host | 2 |'
 */
export function relevantRows(table: string, terms: readonly string[], maxWords: number): string {
  const parsed = tableRows(table);
  if (!parsed) return table;
  const { head, rows } = parsed;
  const relevant = mostRelevant(rows, terms, maxWords);
  const keep = relevant.size > 0 ? relevant : new Set([0]);
  const out = [head];
  rows.forEach((row, i) => {
    if (keep.has(i)) out.push(row);
    else if (out.at(-1) !== GAP_ROW) out.push(GAP_ROW);
  });
  return out.join('\n');
}

/**
 * Which of the parts (list items, table rows) name the question's terms, the most first, up to
 * about `maxWords` (the first always, however long); none when no part names any.
 */
function mostRelevant(parts: readonly string[], terms: readonly string[], maxWords: number): Set<number> {
  const keep = new Set<number>();
  let words = 0;
  for (const { index: i } of coverageOrder(parts.map((part) => termsIn(part, terms)), terms)) {
    const size = wordCount(parts[i]!);
    if (keep.size > 0 && words + size > maxWords) continue;
    keep.add(i);
    words += size;
  }
  return keep;
}

/**
 * The parts that name any of the question's terms, in the order to quote them by: each next the
 * one adding the most of the question not yet covered, a term weighing more the fewer parts name
 * it (in a page about `--filter`, "filter" tells its parts apart least), then the rest by how many
 * terms they name. So a question of two parts gets a part for each, not two for the first.
 * `bonus` terms (a sub-heading's) count twice.
 *
 * @example coverageOrder([['port'], ['port', 'host'], ['open']], ['port', 'host', 'open']).map((p) => p.index) //=> [1, 2, 0]
 */
export function coverageOrder(named: readonly (readonly string[])[], terms: readonly string[], bonus: readonly (readonly string[])[] = []): { index: number; gain: number; score: number }[] {
  const parts = named.length;
  const weight = new Map(terms.map((term) => [term, Math.log(1 + parts / Math.max(1, named.filter((n) => n.includes(term)).length))]));
  const score = (i: number) => named[i]!.length + (bonus[i]?.length ?? 0);
  const left = named.map((_, i) => i).filter((i) => score(i) > 0);
  const covered = new Set<string>();
  const order: { index: number; gain: number; score: number }[] = [];
  const termsOf = (i: number) => [...named[i]!, ...(bonus[i] ?? [])];
  while (left.length > 0) {
    const gains = left.map((i) => termsOf(i).reduce((sum, term) => sum + (covered.has(term) ? 0 : weight.get(term)!), 0));
    // Every term covered: no part adds anything, and the rest go by how many terms they name. Picking
    // them one by one as well would make a table whose every row names the question quadratic.
    if (gains.every((gain) => gain <= 1e-9)) {
      left.sort((a, b) => score(b) - score(a) || a - b);
      return [...order, ...left.map((index) => ({ index, gain: 0, score: score(index) }))];
    }
    // The largest gain; among equal gains the part naming more terms, then the earlier part.
    let best = 0;
    for (let k = 1; k < left.length; k++) {
      const [a, b] = [left[k]!, left[best]!];
      const ahead = gains[k]! - gains[best]!;
      if (ahead > 1e-9 || (Math.abs(ahead) <= 1e-9 && (score(a) > score(b) || (score(a) === score(b) && a < b)))) best = k;
    }
    const index = left.splice(best, 1)[0]!;
    order.push({ index, gain: gains[best]!, score: score(index) });
    for (const term of termsOf(index)) covered.add(term);
  }
  return order;
}

/**
 * The Markdown without the paragraph or bulleted item that says just `sentence` (the answer's
 * direct answer, stated above the quote): a numbered item stays, so the steps keep their numbers.
 *
 * @example withoutSentence('- Stale: rebuild.\n- Threshold: lower it.', 'Threshold: lower it.') //=> '- Stale: rebuild.'
 */
export function withoutSentence(markdown: string, sentence: string): string {
  const plain = (text: string) => text.replace(/^\s*[-*+]\s+/, '').replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
  const said = plain(sentence);
  let dropped = false;
  const kept = splitBlocks(markdown).flatMap((block) => {
    if (block.kind === 'other' && plain(block.text) === said) {
      dropped = true;
      return [];
    }
    if (block.kind !== 'list' || /^\s*\d/.test(block.text)) return [block.text];
    const all = listItems(block.text);
    const items = all.filter((item) => plain(item) !== said);
    if (items.length === all.length) return [block.text];
    dropped = true;
    return items.length > 0 ? [items.join('\n').trimEnd()] : [];
  });
  return dropped && kept.length > 0 ? kept.join('\n\n') : markdown;
}

/**
 * The Markdown without closing paragraphs that introduce what was left out ("Exit codes:" with
 * the list after it cut, or a sub-heading such as `**Options**` with nothing under it): read last,
 * they promise something the answer does not hold.
 * Returns the Markdown as it was when nothing needs dropping.
 *
 * @example withoutDanglingIntro('Use `--format json`.\n\nExit codes:') //=> 'Use `--format json`.'
 * @example withoutDanglingIntro('Use `--latest`.\n\n**Options**') //=> 'Use `--latest`.'
 */
export function withoutDanglingIntro(markdown: string): string {
  const all = splitBlocks(markdown);
  // A sub-heading whose content was left out, with only a gap before the next one as high.
  const blocks = all.filter((block, i) => !heldNothing(all, i));
  let dropped = blocks.length < all.length;
  // A closing gap mark stays: it says the section goes on.
  const gap = blocks.at(-1)?.text === '…' ? blocks.pop() : undefined;
  // A list item or a code line ending in a colon is content, not an introduction.
  while (blocks.length > 1 && blocks.at(-1)!.kind === 'other' && DANGLING.test(blocks.at(-1)!.text)) {
    blocks.pop();
    dropped = true;
  }
  return dropped ? oneGapMark([...blocks, ...(gap ? [gap] : [])].map((block) => block.text).join('\n\n')) : markdown;
}

/** A note that warns: what it says may matter whatever was asked. */
const WARNING_NOTE = /\b(?:warn(?:ing)?|caution|danger|important|deprecated|security|breaking)\b|⚠/i;

/**
 * The Markdown without a note it opens with (a `> **Info**` admonition, `> Stability: 1 -
 * Experimental`) that says nothing of the question, when something follows it: an answer leads
 * with what was asked. A note that warns stays.
 *
 * @example withoutLeadingNote('> **Tip**\n>\n> Pin versions.\n\nRun `pnpm add`.', ['add']) //=> 'Run `pnpm add`.'
 */
export function withoutLeadingNote(markdown: string, terms: readonly string[]): string {
  const blocks = splitBlocks(markdown);
  const first = blocks.findIndex((block) => block.text !== '…');
  const note = blocks[first];
  const rest = blocks.slice(first + 1).filter((block) => block.text !== '…');
  if (!note || rest.length === 0 || !note.text.split('\n').every((line) => line.startsWith('>'))) return markdown;
  if (WARNING_NOTE.test(note.text) || termsIn(note.text, terms).length > 0) return markdown;
  return oneGapMark(blocks.filter((_, i) => i !== first).map((block) => block.text).join('\n\n'));
}

/**
 * Whether block `i` is a sub-heading with nothing of its own quoted: gap marks, then another
 * sub-heading as high as it or higher, or the end ("**Basic globbing**", "…", "**Matching behavior**").
 */
function heldNothing(blocks: readonly Block[], i: number): boolean {
  const level = headingLevel(blocks[i]!);
  if (level === undefined || blocks[i + 1]?.text !== '…') return false;
  let next = i + 1;
  while (blocks[next]?.text === '…') next++;
  const after = blocks[next];
  if (after === undefined) return true;
  const afterLevel = headingLevel(after);
  return afterLevel !== undefined && afterLevel <= level;
}

/** A `#` heading's level, and 7 for a line all in bold (a heading made bold sits below every `#` one). */
function headingLevel(block: Block): number | undefined {
  if (block.kind !== 'other') return undefined;
  const heading = headingOf(block.text);
  if (heading) return heading.level;
  return /^\*\*[^*\n]+\*\*$|^__[^_\n]+__$/.test(block.text) ? 7 : undefined;
}

/**
 * Whether the Markdown only introduces what it does not hold: every block a line ending in a colon
 * or a sub-heading ("The timeout errors below are controlled by these options:", once the row it
 * introduced was said as the answer).
 *
 * @example onlyIntroduces('…\n\nThe errors below are controlled by these options:') //=> true
 */
export function onlyIntroduces(markdown: string): boolean {
  const blocks = splitBlocks(markdown).filter((block) => block.text !== '…');
  return blocks.length > 0 && blocks.every((block) => block.kind === 'other' && DANGLING.test(block.text));
}

/** A paragraph that ends in a colon, a heading, or a line that is all bold or all code: a sub-heading. */
const DANGLING = /:\s*$|^#{1,6}\s|^\*\*[^*\n]+\*\*$|^__[^_\n]+__$|^`[^`\n]+`$/;

/** Stands for the rows of a table an answer leaves out. */
const GAP_ROW = '| … |';
