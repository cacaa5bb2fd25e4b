/**
 * Places an imported piece's Markdown under its type's required sections without reordering it:
 * the blocks are cut into consecutive runs, one per section, where the source turns to that
 * section (a matching sub-heading, a numbered list, "to fix this…", a config block). A section
 * the source has nothing for keeps its template prompt, which `content/template-prompt` flags.
 */
import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../atom/markdown.js';
import { REQUIRED_SECTIONS, headingMatches, normalizeHeading, type SectionSpec } from '../../atom/sections.js';
import type { AtomType } from '../../atom/schema.js';
import { refersBack } from '../../text/back-reference.js';
import { templateSections, type DraftSection } from '../draft.js';
import { parsesAsConfig } from './classify.js';

export interface FilledBody {
  readonly lead?: string;
  readonly sections: DraftSection[];
  /** Sections left with their template prompt. */
  readonly prompts: string[];
}

type Cue = (node: RootContent, text: string) => boolean;

const CAUSE: Cue = (node, text) => node.type === 'paragraph' && /\b(?:happens (?:when|if)|might happen|may happen|occurs (?:when|if)|caused by|because|this means|usually means)\b/i.test(text);
const FIX: Cue = (node, text) =>
  (node.type === 'paragraph' || node.type === 'list') &&
  /^(?:to (?:fix|resolve|solve|avoid|work around)|fix\b|run |try |you (?:should|can|may|need to|have to) |set |use |install |update |upgrade |remove |add |make sure|ensure\b|either |if you (?:changed|use|want|need))/i.test(text);
const VERIFY: Cue = (node, text) => node.type !== 'list' && /\b(?:verify|to confirm|to check|you should (?:now )?see|should print|should output|should show)\b/i.test(text);
const PREREQUISITE: Cue = (node, text) => node.type !== 'list' && /\b(?:prerequisites?|before you (?:start|begin)|you (?:will )?need|requires?|make sure you have)/i.test(text);
const VALUES: Cue = (node, text) => node.type === 'table' || (node.type === 'list' && /^(?:type|default|values?|accepts|possible values)\s*:/im.test(text));
const INSTEAD: Cue = (node, text) => node.type === 'paragraph' && /\b(?:instead|rather|better|recommended|prefer)\b/i.test(text);
const WHY: Cue = (node, text) => node.type === 'paragraph' && /\b(?:because|this (?:causes|breaks|leads|means)|otherwise|as a result)\b/i.test(text);

/** Headings docs use for a section that atoms name otherwise (lower case), by type: the section's index. */
const IMPORT_ALIASES: Partial<Record<AtomType, Readonly<Record<string, number>>>> = {
  error: { 'what went wrong': 0, 'what happened': 0, 'why it happened': 1, 'how to fix it': 2, 'what to do': 2 },
  troubleshooting: { problem: 0, 'what to check': 1, 'how to fix': 2, workaround: 2 },
};

/** Where each section may start, by type (a first-section cue makes what precedes it the lead). */
const STARTS: Record<Exclude<AtomType, 'faq'>, readonly (Cue | 'ordered' | 'code' | 'config' | 'afterTemplate' | undefined)[]> = {
  error: [undefined, CAUSE, FIX],
  troubleshooting: [undefined, undefined, FIX],
  procedure: [PREREQUISITE, 'ordered', VERIFY],
  playbook: [undefined, 'ordered', undefined],
  'interface-input': [undefined, VALUES, 'code'],
  'config-template': [undefined, 'config', 'afterTemplate'],
  pitfall: [undefined, WHY, INSTEAD],
};

/**
 * The draft body of one piece.
 *
 * @example fillSections('error', 'Bad store.\n\nTo fix this, run `x`.').sections.map((s) => s.heading)
 * //=> ['What it means', 'Causes', 'How to resolve'] (Causes keeps its prompt)
 */
export function fillSections(type: AtomType, markdown: string): FilledBody {
  if (type === 'faq') return { lead: toQuestionsAndAnswers(markdown), sections: [], prompts: [] };
  const specs = REQUIRED_SECTIONS[type];
  const tree = parseMarkdown(markdown);
  const blocks = tree.children.filter((node) => node.position);
  const slice = (from: number, to: number) =>
    from >= to ? '' : markdown.slice(blocks[from]!.position!.start.offset!, blocks[to - 1]!.position!.end.offset!).trim();
  const texts = blocks.map((node) => blockText(node).trim());
  // Reference docs often open an option with its Type/Default list: the sentence saying what the
  // option is reads first, so it moves above the list (the only reordering the import does). A
  // paragraph that a list follows stays with the list it introduces ("…met the following conditions").
  if (type === 'interface-input' && blocks.length > 1 && VALUES(blocks[0]!, texts[0]!) && blocks[1]!.type === 'paragraph') {
    let end = 1;
    while (end < blocks.length && blocks[end]!.type === 'paragraph') end++;
    if (end > 2 && blocks[end]?.type === 'list') end--;
    return fillSections(type, [slice(1, end), slice(0, 1), slice(end, blocks.length)].filter((part) => part !== '').join('\n\n'));
  }
  // A rule or command reference often opens with its facts as labelled lines (`Tags: …`,
  // `Aliases: …`, `Parameters:` and a list) before the sentence saying what it is: that sentence
  // reads first, and the facts close the first section.
  const facts = leadingFacts(blocks, texts);
  if (facts > 0) {
    const filled = fillSections(type, slice(facts, blocks.length));
    const first = filled.sections[0];
    if (filled.lead === undefined && first && !filled.prompts.includes(first.heading)) {
      return { ...filled, sections: [{ ...first, body: `${first.body}\n\n${slice(0, facts)}` }, ...filled.sections.slice(1)] };
    }
  }
  // starts[i]: the index of the first block of section i; a heading that names a section wins.
  const starts: (number | undefined)[] = specs.map(() => undefined);
  const dropHeading = new Set<number>();
  blocks.forEach((node, i) => {
    if (node.type !== 'heading') return;
    const alias = IMPORT_ALIASES[type]?.[normalizeHeading(texts[i]!)];
    const at = alias ?? specs.findIndex((spec) => headingMatches(texts[i]!, spec));
    if (at >= 0 && starts[at] === undefined) {
      starts[at] = i;
      dropHeading.add(i);
    }
  });
  // One heading that happens to share a section's name (an option called `format`) is not the
  // page's structure; two are, and so is one whose section has a shape the heading's text keeps
  // (numbered steps under "Steps", a config file under "Template").
  const shaped = (at: number) => {
    const spec = specs[at]!;
    const heading = blocks[starts[at]!] as Heading;
    const next = blocks.findIndex((node, j) => j > starts[at]! && node.type === 'heading' && node.depth <= heading.depth);
    return (spec.numbered === true || spec.template === true) && satisfies(spec, slice(starts[at]! + 1, next < 0 ? blocks.length : next));
  };
  const oneShaped = dropHeading.size === 1 && starts.some((start, at) => start !== undefined && shaped(at));
  if (dropHeading.size < 2 && !oneShaped) {
    starts.fill(undefined);
    dropHeading.clear();
  }
  // Above one such heading, the other sections are found by their cues, as on a page with none.
  if (!starts.some((start) => start !== undefined) || oneShaped) {
    // Cues cut only the piece's intro: below its first sub-heading, each sub-section stays whole.
    const firstHeading = blocks.findIndex((node) => node.type === 'heading');
    const searchable = firstHeading < 0 ? blocks : blocks.slice(0, firstHeading);
    let from = 0;
    // Blocks above the heading can only hold the sections that come before its own.
    const shapedAt = oneShaped ? starts.findIndex((start) => start !== undefined) : specs.length;
    STARTS[type].forEach((cue, s) => {
      if (s === 0 || cue === undefined || s >= shapedAt) return;
      if (cue === 'afterTemplate' && starts[s - 1] === undefined) return;
      // The template may sit in a sub-section: the section then starts at that sub-heading.
      const found =
        cue === 'config' ? configStart(blocks, from, firstHeading) : cue === 'afterTemplate' ? afterTemplate(blocks, starts[s - 1]!, firstHeading) : findStart(searchable, texts, from, cue);
      // A later section's cue ahead of this one's ("To fix this, …" above a "because"): the page
      // goes on to that section first, and what follows it belongs there, not to this one.
      const skipped =
        found !== undefined &&
        STARTS[type].some((later, t) => t > s && t < shapedAt && typeof later === 'function' && (findStart(searchable, texts, from, later) ?? Infinity) < found);
      if (found !== undefined && !skipped) {
        // An HTML comment just above (an API reference's `<!-- YAML added: … -->`) goes with the
        // section: it shows nothing, and left behind it may be all the section before holds.
        let start = found;
        while (start > from && isComment(blocks[start - 1]!)) start--;
        starts[s] = start;
        from = found + 1;
      }
    });
    const firstCue = STARTS[type][0];
    if (typeof firstCue === 'function' && starts[0] === undefined) starts[0] = findStart(searchable.slice(0, starts.find((start) => start !== undefined) ?? searchable.length), texts, 0, firstCue);
  }
  // What comes before the first section: the first section's, unless that section was found
  // further down (by its heading or its cue); then it is the lead above the sections.
  let lead: string | undefined;
  const first = Math.min(...starts.filter((start): start is number => start !== undefined), blocks.length);
  if (first > 0) {
    if (starts[0] === undefined && STARTS[type][0] === undefined) starts[0] = 0;
    else lead = slice(0, first);
  }
  const order = specs.map((_, i) => i).filter((i) => starts[i] !== undefined).sort((a, b) => starts[a]! - starts[b]!);
  const sections: DraftSection[] = [];
  const prompts: string[] = [];
  const templates = templateSections(type);
  specs.forEach((spec, i) => {
    const start = starts[i];
    let body = '';
    if (start !== undefined) {
      const next = order[order.indexOf(i) + 1];
      const end = next === undefined ? blocks.length : starts[next]!;
      body = slice(dropHeading.has(start) ? start + 1 : start, end);
    }
    if (body === '' || !satisfies(spec, body)) {
      prompts.push(spec.heading);
      body = body === '' ? templates[i]!.body : `${body}\n\n${templates[i]!.body}`;
    }
    sections.push({ heading: spec.heading, body });
  });
  return { ...(lead ? { lead } : {}), sections, prompts };
}

/** An HTML comment, which a page shows nothing of. */
function isComment(node: RootContent): boolean {
  return node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim());
}

/** A fact line: a label of one to three words, a colon, and what follows it on the same line (or a list below). */
const FACT = /^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}:(?:[ \t]+\S[^\n]*)?$/;

/**
 * How many blocks open the piece as labelled facts, when they hide what follows (three or more, or
 * a list of them) and a paragraph of prose comes next; 0 otherwise: a line or two such as
 * `Aliases: \`i\`` reads well where it is.
 */
function leadingFacts(blocks: readonly RootContent[], texts: readonly string[]): number {
  let end = 0;
  while (end < blocks.length) {
    const node = blocks[end]!;
    if (node.type === 'paragraph' && FACT.test(texts[end]!)) end++;
    // "Parameters:" and the list of them.
    else if (node.type === 'list' && end > 0 && texts[end - 1]!.endsWith(':') && blocks[end - 1]!.type === 'paragraph') end++;
    else break;
  }
  const hiding = end >= 3 || blocks.slice(0, end).some((node) => node.type === 'list');
  return hiding && blocks[end]?.type === 'paragraph' && !FACT.test(texts[end]!) ? end : 0;
}

/** A block's text, its paragraphs apart: a blockquote's label and its text do not run into one word ("WarningYou"). */
function blockText(node: RootContent): string {
  return node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' ? node.children.map((child) => blockText(child as RootContent)).join(' ') : toString(node);
}

function findStart(blocks: readonly RootContent[], texts: readonly string[], from: number, cue: Cue | 'ordered' | 'code'): number | undefined {
  for (let i = from; i < blocks.length; i++) {
    const node = blocks[i]!;
    if (cue === 'ordered') {
      if (node.type === 'list' && node.ordered) return i > from && blocks[i - 1]!.type === 'paragraph' && /:\s*$/.test(texts[i - 1]!) ? i - 1 : i;
    } else if (cue === 'code') {
      // The example: the closing run of code blocks, with the sentence that introduces it.
      const rest = blocks.slice(i);
      const start = i > from && blocks[i - 1]!.type === 'paragraph' && /:\s*$/.test(texts[i - 1]!) ? i - 1 : i;
      // The section before keeps the text that says what the input is.
      const described = blocks.slice(0, start).some((block) => block.type === 'paragraph');
      // "This will output:" shows what the code before it does: the example does not start there.
      if (node.type === 'code' && described && !refersBack(texts[start]!) && rest.every((block) => block.type === 'code' || block.type === 'paragraph')) return start;
    } else if (cue(node, texts[i]!)) return i;
  }
  return undefined;
}

/** The first json/yaml template block, or the sub-heading it sits under. */
function configStart(blocks: readonly RootContent[], from: number, firstHeading: number): number | undefined {
  const at = blocks.findIndex((node, i) => i >= from && node.type === 'code' && parsesAsConfig(node.lang ?? '', node.value));
  if (at < 0) return undefined;
  if (firstHeading < 0 || at < firstHeading) return at;
  for (let i = at; i >= from; i--) if (blocks[i]!.type === 'heading') return i;
  return at;
}

/** Where the parameters start: right after the template block, or at the next sub-heading when it sits in one. */
function afterTemplate(blocks: readonly RootContent[], templateStart: number, firstHeading: number): number | undefined {
  const code = blocks.findIndex((node, i) => i >= templateStart && node.type === 'code');
  for (let i = code + 1; i < blocks.length; i++) if ((firstHeading < 0 || i < firstHeading) || blocks[i]!.type === 'heading') return i;
  return undefined;
}

/** Does the body give what the section needs (numbered steps, a json/yaml template)? */
function satisfies(spec: SectionSpec, body: string): boolean {
  const nodes = parseMarkdown(body).children;
  if (spec.numbered && !nodes.some((node) => node.type === 'list' && node.ordered)) return false;
  if (spec.template && !nodes.some((node) => node.type === 'code' && parsesAsConfig(node.lang ?? '', node.value))) return false;
  return true;
}

/**
 * A heading's text as the page writes it, code spans and entities kept: its plain text would turn
 * `&lt;pkg>` into a tag and drop the backticks of `pnpm`.
 */
function headingSource(markdown: string, heading: Heading): string {
  const first = heading.children[0]?.position?.start.offset;
  const last = heading.children.at(-1)?.position?.end.offset;
  return (first === undefined || last === undefined ? toString(heading) : markdown.slice(first, last)).replace(/\s*\n\s*/g, ' ').trim();
}

/** Question headings and the blocks under them as `Q:` / `A:` pairs; other headings become bold lines of the answer. */
function toQuestionsAndAnswers(markdown: string): string {
  const tree = parseMarkdown(markdown);
  const parts: string[] = [];
  let answered = true;
  for (const node of tree.children) {
    const text = node.type === 'heading' && !toString(node).trim().endsWith('?') ? `**${headingSource(markdown, node)}**` : markdown.slice(node.position!.start.offset!, node.position!.end.offset!);
    if (node.type === 'heading' && text.startsWith('**') === false) {
      parts.push(`Q: ${headingSource(markdown, node)}`);
      answered = false;
    } else if (!answered && node.type !== 'code' && !text.includes('\n')) {
      parts.push(`A: ${text}`);
      answered = true;
    } else if (!answered) {
      parts.push('A:', text);
      answered = true;
    } else parts.push(text);
  }
  return parts.join('\n\n');
}
