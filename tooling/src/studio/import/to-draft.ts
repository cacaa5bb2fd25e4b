/**
 * Builds a draft atom from an imported piece: links to imported pages rewritten to their atoms
 * (the rest kept as written and reported), headings demoted under the type's sections, the
 * body placed into those sections, `summary` from the page's own words, `error_codes` filled.
 */
import type { Heading, Paragraph, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { atomId, atomUrl, titleSlug } from '../../atom/identity.js';
import { parseMarkdown } from '../../atom/markdown.js';
import { textWords } from '../../atom/parse.js';
import type { AtomHeader } from '../../atom/schema.js';
import type { AtomDraft } from '../draft.js';
import { summarize, toTag } from '../text.js';
import { fillSections } from './fill.js';
import { collapseBlankLines } from './normalize.js';
import type { Piece } from './split.js';

/** Folder names that say "documentation" and not whose. */
const DOCS_FOLDER = /^(?:docs?|documentation|content)$/i;

export interface PieceContext {
  readonly folderName: string;
  readonly author: string;
  readonly today: string;
  readonly base: string;
  readonly status: NonNullable<AtomHeader['status']>;
  /** Where the draft of each piece will live (its atom id), by piece. */
  readonly idOf: (piece: Piece) => string;
  /** Finds the piece a link points to, and the anchor on its atom page. */
  readonly resolve: (fromPage: string, url: string) => { piece: Piece; anchor: string | undefined } | undefined;
  /** The page's path as its tags name it, when not its own: a translation's is its source's (`guide/setup.md`, not `ja/guide/setup.md`). */
  readonly pathOf?: (piece: Piece) => string;
}

export interface PieceDraft {
  readonly draft: AtomDraft;
  /** Links to pages that were not imported, kept as written. */
  readonly unmapped: readonly string[];
  readonly resolved: number;
  /** Sections left with their template prompt. */
  readonly prompts: readonly string[];
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** Builds the draft for a piece. */
export function pieceToDraft(piece: Piece, context: PieceContext): PieceDraft {
  const related = new Set<string>();
  const unmapped: string[] = [];
  let resolved = 0;
  const target = (url: string) => {
    const found = context.resolve(piece.page, url);
    if (!found) {
      unmapped.push(url);
      return undefined;
    }
    resolved++;
    if (found.piece !== piece) related.add(found.piece.title);
    return `${atomUrl(context.idOf(found.piece), context.base)}${found.anchor ? `#${found.anchor}` : ''}`;
  };
  const edits: { start: number; end: number; text: string }[] = [...piece.drops];
  for (const link of piece.links) {
    if (EXTERNAL.test(link.url)) continue;
    const url = target(link.url);
    if (url !== undefined) edits.push({ start: link.start, end: link.end, text: `[${link.label}](${url})` });
  }
  let markdown = piece.body;
  for (const edit of edits.sort((a, b) => b.start - a.start)) markdown = markdown.slice(0, edit.start) + edit.text + markdown.slice(edit.end);
  // Reference links keep working: the definitions they use are appended to the piece.
  const definitions = piece.definitions.map((definition) => {
    const destination = (EXTERNAL.test(definition.url) ? undefined : target(definition.url)) ?? definition.url;
    return `[${definition.label}]: ${/[\s()<>]/.test(destination) ? `<${destination}>` : destination}${definition.title ? ` ${JSON.stringify(definition.title)}` : ''}`;
  });
  markdown = collapseBlankLines(markdown).trim();
  if (definitions.length > 0) markdown = `${markdown}\n\n${definitions.join('\n')}`;
  const content = demoteHeadings(markdown);
  const filled = fillSections(piece.type, content);
  // A folder called `docs` names no project: as a tag it would be on every draft and say nothing.
  const named = DOCS_FOLDER.test(context.folderName) ? undefined : context.folderName;
  const tags = [...new Set([...(context.pathOf?.(piece) ?? piece.page).split('/').slice(0, -1), ...(named ? [named] : [])].map((segment) => toTag(segment)).filter((t): t is string => t !== undefined)), 'imported'].slice(0, 20);
  const header: AtomHeader = {
    title: piece.title,
    // A description longer than a summary may be (an agent skill's says when to use it, too) gives its first sentence.
    summary: summarize(piece.description ?? firstSentenceSource(content), `${piece.title}, from the ${named ? `${named} ` : ''}docs.`.slice(0, 300), piece.description !== undefined),
    type: piece.type,
    status: context.status,
    author: context.author,
    created: context.today,
    version: '0.1.0',
    tags,
    related: [...related].slice(0, 30),
    ...(piece.errorCodes.length > 0 ? { error_codes: [...piece.errorCodes] } : {}),
    sources: [{ ref: `${context.folderName}/${piece.page}${piece.sourceAnchor ? `#${piece.sourceAnchor}` : ''}`, note: 'imported' }],
  };
  return { draft: { header, sections: filled.sections, ...(filled.lead ? { lead: filled.lead } : {}) }, unmapped, resolved, prompts: filled.prompts };
}

const LABELLED = /^[A-Z][\w -]{0,24}:\s/;

/**
 * A paragraph of inline code and punctuation only (`` `pino.info('hello %s', 'world')`: `` over a
 * benchmark's output) labels the code block after it: it is no sentence about the page.
 */
function labelsCode(paragraph: Paragraph): boolean {
  return paragraph.children.some((child) => child.type === 'inlineCode') && paragraph.children.every((child) => child.type === 'inlineCode' || (child.type === 'text' && /^[\s:.,;]*$/.test(child.value)));
}
const LEADING_PICTOGRAPHS = /^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]|\s)+/u;
/**
 * The marks eslint-doc-generator opens a rule page's notices with (the configs that enable it, warn
 * or turn it off, fixable, suggestions, type information, deprecated): what the rule does is
 * elsewhere on the page (📝 marks that). A warning sign opens a warning, no summary either.
 */
const NOTICE = /^(?:💼|⚠|🚫|🔧|💡|💭|❌)/u;
const SENTENCE_END = /[.!?。！？][)"'’”」』）]*$/;

/**
 * The text of the first paragraph that reads as prose (not a label, not a bare link), `Name:`
 * labels left out; one that opens a list ends with the list's items, which say what it announced,
 * and one that opens anything else ends as a sentence.
 */
function firstSentenceSource(markdown: string): string {
  // The text as read: a link (inline or by reference) by its label, code without its backticks, no HTML.
  const asRead = (node: RootContent) => toString(node, { includeHtml: false }).replace(/\s+/g, ' ').trim();
  const find = (nodes: readonly RootContent[], quoted = false): string | undefined => {
    for (const [i, node] of nodes.entries()) {
      const found = node.type === 'blockquote' ? find(node.children, true) : undefined;
      if (found !== undefined) return found;
      if (node.type !== 'paragraph' || labelsCode(node)) continue;
      // "📝 Labels should not be used.": rule docs made by eslint-doc-generator mark their description
      // with an emoji; in a quote, one marks a warning ("> ⚠️ Warning: … is experimental").
      if (NOTICE.test(asRead(node))) continue;
      const read = quoted ? asRead(node) : asRead(node).replace(LEADING_PICTOGRAPHS, '');
      // A field of a metadata block (`Tags: whitespace`, `Fixable: Some violations can be fixed by
      // tooling`) is no sentence: a labelled one is (`Note: Use a token.`), said without its label.
      if (LABELLED.test(read) && !SENTENCE_END.test(read)) continue;
      const text = read.replace(/^[A-Z][a-zA-Z]+:\s+/, '');
      // Words as a reader counts them: Japanese has no spaces between its words.
      if (!/^[\p{L}\p{N}"'(]/u.test(text) || textWords(text) < 4) continue;
      // "Validation is handled by two dependencies:" says what they are only with its list.
      const next = nodes[i + 1];
      if (!text.endsWith(':')) return text;
      // Before a code block or a table, it reads as a sentence of its own.
      if (next?.type !== 'list') return `${text.slice(0, -1)}.`;
      const items = next.children.map((item) => (item.children[0] ? asRead(item.children[0]).replace(/[.;:,]$/, '') : '')).filter((item) => item !== '');
      return items.length > 0 ? `${text} ${items.join('; ')}.` : text;
    }
    return undefined;
  };
  return find(parseMarkdown(markdown).children) ?? '';
}

/** Shifts ATX headings (never a `#` line in code) so the piece's headings sit under the atom's `##` sections. */
function demoteHeadings(markdown: string): string {
  const headings: Heading[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'heading') headings.push(node as Heading);
    else if (node.type !== 'code') for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  let out = markdown;
  for (const heading of headings.reverse()) {
    const at = heading.position!.start.offset!;
    const hashes = /^#{1,6}/.exec(out.slice(at))?.[0];
    if (!hashes) continue;
    out = out.slice(0, at) + '#'.repeat(Math.min(6, Math.max(3, hashes.length + 1))) + out.slice(at + hashes.length);
  }
  return out;
}

/** A stable id for a piece's future atom: `<type>/<titleSlug>`. */
export function pieceId(piece: Piece): string {
  return atomId(`${piece.type}/${titleSlug(piece.title) || 'untitled'}`);
}
