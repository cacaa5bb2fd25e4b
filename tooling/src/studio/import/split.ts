/**
 * Cuts one docs page into draft atoms: front matter read as Astro reads it (YAML, JSON, TOML),
 * split at `##` headings into chunk-sized pieces (small sections merged, long ones split at
 * `###`, then deeper; one piece per problem on a page that lists several), each piece typed from its
 * structure, with its links, anchors and error codes noted for the draft.
 */
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Definition, Heading, Link, List, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { headingAnchors } from '../../atom/identity.js';
import { parseMarkdown } from '../../atom/markdown.js';
import { textWords, writtenWithoutSpaces } from '../../atom/parse.js';
import type { AtomType } from '../../atom/schema.js';
import { clampTitle, TITLE_MAX } from '../text.js';
import { classifyPiece, errorCodesIn, isProblemHeading, isProblemSection } from './classify.js';
import type { DocPage } from './walk.js';

export interface Piece {
  readonly page: string;
  readonly title: string;
  readonly type: AtomType;
  /** How sure the classifier is of `type`, 0-1. */
  readonly confidence: number;
  readonly signals: readonly string[];
  /** Heading anchors (as the source page renders them) that land in this piece. */
  readonly anchors: readonly string[];
  /** The anchor each of those but the piece's own heading gets on the atom page, numbered among that page's headings. */
  readonly pageAnchors: Readonly<Record<string, string>>;
  /** Custom heading ids (`{#id}`) and HTML anchors (`<a id>`) of the source, each to the anchor the heading gets on the atom page. */
  readonly anchorAliases: Readonly<Record<string, string>>;
  /** The anchor of the piece's own heading, which becomes the atom's title (no anchor on its page). */
  readonly ownAnchor: string | undefined;
  /** The piece's Markdown, links not yet rewritten, with its offsets in the page body. */
  readonly body: string;
  readonly bodyOffset: number;
  readonly links: readonly { start: number; end: number; url: string; label: string }[];
  /**
   * Source edits inside the piece: link reference definitions dropped (the used ones are
   * re-added at the end), HTML anchors (links find their headings) and a table of contents
   * dropped, and setext headings rewritten as `#` headings (so they can be demoted).
   */
  readonly drops: readonly { start: number; end: number; text: string }[];
  /** The definitions the piece's reference links need, wherever on the page they are. */
  readonly definitions: readonly { label: string; url: string; title: string | null }[];
  readonly sourceAnchor: string | undefined;
  /** The page's own one-line description (front matter), for the first piece of the page. */
  readonly description: string | undefined;
  /** Codes and messages the piece shows, for an error atom's `error_codes`. */
  readonly errorCodes: readonly string[];
  /** Its blocks of text (paragraphs, lists, code, tables, quotes), each lower case with its spacing collapsed: what other pages may repeat. */
  readonly textBlocks: readonly string[];
  /** Headings of the small sections merged into it (not a FAQ's questions): each may be an idea of its own. */
  readonly merged: readonly string[];
}

export interface SplitPage {
  readonly pieces: Piece[];
  readonly problems: string[];
}

/** A docs page after front matter is read and its dialect's markup turned into Markdown. */
export interface SourcePage {
  readonly rel: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly markdown: string;
  /** What the page is called when nothing in it names it; by default its file's name (a translation's is its source's: `README`, not `README.ja`). */
  readonly name?: string;
}

/** `---json`: the language tag gray-matter and Hexo read; JSON is YAML, so only the tag goes. */
const JSON_TAG = /^---json[ \t]*(?=\r?\n)/;
const CUSTOM_ID = /\s*\{#([\w.-]+)\}\s*$/;
/** An HTML anchor, `<a id="export"></a>` or `<a name="x"></a>`, as GitHub-rendered docs (Node's, pino's, Fastify's) mark what they link to. */
const HTML_ANCHOR = /<a\s+(?:id|name)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))\s*>\s*<\/a>/gi;
const HTML_H1 = /^<h1\b[^>]*>[^<]*<\/h1>$/i;
const MAX_WORDS = 800;
const MIN_WORDS = 120;
/** Share of a long problem's sub-headings that must be problems for it to be cut at them (as for a table's rows of codes). */
const PROBLEM_SUBHEADINGS = 0.6;

/** Reads a page's front matter (YAML, JSON or TOML). */
export function readFrontMatter(page: DocPage): { data: Record<string, unknown>; content: string } | { problem: string } {
  try {
    const parsed = parseFrontmatter(page.text.replace(/^\uFEFF/, '').replace(JSON_TAG, '---'));
    // The line break that ends the closing delimiter belongs to it, not to the Markdown.
    return { data: parsed.frontmatter, content: parsed.rawFrontmatter ? parsed.content.replace(/^\r?\n/, '') : parsed.content };
  } catch (error) {
    return { problem: `front matter cannot be read: ${(error as Error).message.split('\n')[0]}` };
  }
}

export function splitPage(page: SourcePage): SplitPage {
  const problems: string[] = [];
  const content = page.markdown;
  const data = page.data;
  const tree = parseMarkdown(content);
  const wordCache = new WeakMap<RootContent, number>();
  const nodeWords = (node: RootContent) => {
    let count = wordCache.get(node);
    if (count === undefined) {
      const text = toString(node);
      // A Japanese page counts as many words as its English source, which it is split like.
      wordCache.set(node, (count = writtenWithoutSpaces(text) ? textWords(text) : text.split(/\s+/).filter(Boolean).length));
    }
    return count;
  };
  const words = (nodes: readonly RootContent[]) => nodes.reduce((n, node) => n + nodeWords(node), 0);
  // A table of contents and an HTML anchor are left out of the drafts: they count no words, so a
  // piece of nothing else is none.
  const contents = new Set(tree.children.filter(isContents));
  const hidden = new Set(tree.children.filter((node) => contents.has(node) || anchorsOnly(node).length > 0));
  for (const node of hidden) wordCache.set(node, 0);
  const h1 = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  // With no `#` heading, a page that opens with the only heading of its depth (`## Long Term
  // Support` in `lts.md`, all others deeper) is called by it, not by its file's name.
  const opening = tree.children.find((node) => node.type === 'heading' || nodeWords(node) > 0);
  const named = opening?.type === 'heading' && tree.children.every((node) => node === opening || node.type !== 'heading' || node.depth > opening.depth) ? plainHeading(opening) : '';
  const pageTitle = (typeof data.title === 'string' && data.title.trim()) || (h1 ? plainHeading(h1) : '') || named || (page.name ?? path.basename(page.rel).replace(/\.(?:mdx?|markdown)$/i, '')).replace(/[-_]+/g, ' ');
  const description = typeof data.description === 'string' && data.description.trim().length >= 10 ? data.description.trim() : undefined;
  const banner = bannerOf(tree.children, h1);
  const body = tree.children.filter((node) => node !== h1 && !banner.has(node) && !(node.type === 'heading' && node.depth === 1 && plainHeading(node).toLowerCase() === pageTitle.toLowerCase()));
  if (body.length === 0 || words(body) === 0) return { pieces: [], problems: [...problems, 'the page has no text to import'] };
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  const allHeadings = tree.children.filter((node): node is Heading => node.type === 'heading');
  // As the atom page renders the heading: inline HTML (an `<a name>` anchor) has no text.
  const anchorText = (heading: Heading) => heading.children.map((child) => (child.type === 'html' ? '' : toString(child))).join('').replace(CUSTOM_ID, '');
  const anchors = headingAnchors(allHeadings.map(anchorText));
  const anchorOf = new Map(allHeadings.map((node, i) => [node, anchors[i]!]));
  // `## Title {#id}` (Docusaurus, VitePress): the id is how the source links to the heading; the
  // atom page anchors it by its text.
  const customIdOf = (heading: Heading) => CUSTOM_ID.exec(toString(heading))?.[1];
  const htmlIds = htmlAnchorIds(tree.children);

  // A page that lists several problems (errors, symptoms) at one heading depth gets one piece per
  // problem; a page of question headings is a FAQ.
  const atDepth = (depth: number) => body.filter((node): node is Heading => node.type === 'heading' && node.depth === depth);
  const sectionOf = (heading: Heading) => {
    const from = body.indexOf(heading) + 1;
    const end = body.findIndex((node, i) => i >= from && node.type === 'heading' && node.depth <= heading.depth);
    return body.slice(from, end < 0 ? body.length : end);
  };
  const problemDepth = [2, 3].find((depth) => {
    const headings = atDepth(depth);
    const problems = headings.filter((heading) => isProblemHeading(plainHeading(heading)) || isProblemSection(sectionOf(heading))).length;
    return problems >= 2 && problems >= headings.length * 0.4;
  });
  const questions = atDepth(2).filter((heading) => plainHeading(heading).endsWith('?')).length;
  const faqPage = questions >= 2 && questions >= atDepth(2).length * 0.6;
  const asks = (heading: Heading | undefined) => heading !== undefined && plainHeading(heading).endsWith('?');

  /** `section`: for a part of a long section, that section's heading (parts of different sections are not merged). */
  /** `joined`: the heading of the first small section merged into it; `merged`: the headings of all of them, a FAQ's questions aside. */
  type Group = { heading: Heading | undefined; nodes: RootContent[]; parent?: string; solo?: boolean; section?: Heading | undefined; joined?: Heading; merged?: Heading[] };
  const groups: Group[] = [{ heading: undefined, nodes: [] }];
  let parent: string | undefined;
  for (const node of body) {
    if (node.type === 'heading' && node.depth <= 2) {
      parent = plainHeading(node);
      groups.push({ heading: node, nodes: [], ...(problemDepth === 2 ? { solo: true } : {}) });
    } else if (problemDepth === 3 && node.type === 'heading' && node.depth === 3) {
      groups.push({ heading: node, nodes: [], solo: true, ...(parent ? { parent } : {}) });
    } else groups.at(-1)!.nodes.push(node);
  }
  // A long section is cut at its sub-headings, and a part still too long at theirs (`###`, then
  // `####`...): a reference page that lists every method of an API under one `###` is one atom
  // per method, not one atom of thousands of words.
  const cut = (group: Group, depth: number): Group[] => {
    if (depth > 6 || words(group.nodes) <= MAX_WORDS) return [group];
    if (!group.nodes.some((node) => node.type === 'heading' && node.depth === depth)) return cut(group, depth + 1);
    const parent = group.heading ? { parent: plainHeading(group.heading) } : {};
    return partsAt(group, depth, (heading) => ({ heading, nodes: [], section: group.section, ...parent })).flatMap((part) => cut(part, depth + 1));
  };
  /** A group cut at its headings of `depth`: what comes before the first stays the group's, each heading opens a part made by `part`. */
  const partsAt = (group: Group, depth: number, part: (heading: Heading) => Group): Group[] => {
    const parts: Group[] = [{ ...group, nodes: [] }];
    for (const node of group.nodes) {
      if (node.type === 'heading' && node.depth === depth) parts.push(part(node));
      else parts.at(-1)!.nodes.push(node);
    }
    return parts.filter((p) => p.nodes.length > 0 || p.heading);
  };
  // A long problem whose sub-headings are problems too (a section listing every error code under
  // `### ERR_X`) is one problem each: cut there, each part a problem by itself. A long problem
  // with other sub-headings (its cause, its fix) stays whole.
  const cutProblems = (group: Group): Group[] => {
    const depth = [3, 4, 5, 6].find((d) => group.nodes.some((node) => node.type === 'heading' && node.depth === d));
    const headings = group.nodes.filter((node): node is Heading => node.type === 'heading' && node.depth === depth);
    const problems = headings.filter((heading) => isProblemHeading(plainHeading(heading))).length;
    if (problems < 2 || problems < headings.length * PROBLEM_SUBHEADINGS) return [group];
    const parent = group.heading ? plainHeading(group.heading) : group.parent;
    return partsAt(group, depth!, (heading) => ({ heading, nodes: [], solo: true, ...(parent ? { parent } : {}) }));
  };
  const pieces: Group[] = [];
  if (words(body) <= MAX_WORDS && problemDepth === undefined) pieces.push({ heading: undefined, nodes: body });
  else {
    for (const group of groups) {
      // An opening of no words (a table of contents, an anchor) is nothing for a section to join.
      if (!group.heading && words(group.nodes) === 0) continue;
      if (words(group.nodes) > MAX_WORDS && group.solo) pieces.push(...cutProblems(group));
      else if (words(group.nodes) > MAX_WORDS) {
        const parts = cut({ ...group, section: group.heading }, 3);
        if (parts.some((part) => words(part.nodes) > MAX_WORDS)) problems.push(`a section of ${words(group.nodes)} words could not be cut below ${MAX_WORDS}; kept whole`);
        pieces.push(...parts);
      } else pieces.push(group);
    }
  }
  // Merge small pieces into the one before (their heading becomes a sub-heading); a problem of a
  // problem page stays by itself, and so does an empty section heading's successor.
  const merged: Group[] = [];
  for (const [i, piece] of pieces.entries()) {
    const last = merged.at(-1);
    const size = words(piece.nodes);
    // A part of a long section stays with its own section: the first methods of the next section do not join the last option of this one.
    const sameSection = last?.section === piece.section;
    // Nor does a heading above the last one's join it (`### close()` is no part of the `#### Example`
    // before it), unless it is small and ends its section: a closing "See also" has nowhere else to go.
    const next = pieces[i + 1];
    const closing = size < MIN_WORDS && (next === undefined || next.section !== piece.section);
    const under = !piece.heading || !last?.heading || piece.heading.depth >= last.heading.depth || closing;
    const fits = last && !last.solo && !piece.solo && sameSection && under && words(last.nodes) + size <= MAX_WORDS;
    // A FAQ's questions are merged into one atom of Q/A pairs, but not into its intro, whose atom is no FAQ.
    const sameKind = last !== undefined && asks(last.heading) === asks(piece.heading);
    if (last && fits && ((faqPage && sameKind) || size < MIN_WORDS || words(last.nodes) < MIN_WORDS)) {
      last.joined ??= piece.heading;
      if (piece.heading && !(faqPage && sameKind)) (last.merged ??= []).push(piece.heading);
      last.nodes.push(...(piece.heading ? [piece.heading] : []), ...piece.nodes);
    } else merged.push({ ...piece, nodes: [...piece.nodes] });
  }

  const result: Piece[] = [];
  for (const piece of merged) {
    // A FAQ piece keeps its own question as its first `Q:`.
    const nodes = faqPage && piece.heading ? [piece.heading, ...piece.nodes] : piece.nodes;
    const first = nodes[0];
    const lastNode = nodes.at(-1);
    if (!first?.position || !lastNode?.position || words(nodes) === 0) continue;
    const start = first.position.start.offset!;
    const end = lastNode.position.end.offset!;
    const headingText = (piece.heading && plainHeading(piece.heading)) || undefined;
    // A page's opening under a heading any page could have ("Introduction", "### Synopsis") is
    // called by the page's name: the heading says where on the page it stands, not what it is about.
    const opening = result.length === 0 && !piece.solo && headingText !== undefined && OPENING_HEADINGS.has(headingText.toLowerCase());
    const title = pieceTitle(
      opening || headingText === undefined || headingText.toLowerCase() === pageTitle.toLowerCase()
        ? [pageTitle]
        : [pageTitle, ...(piece.parent && piece.parent !== headingText && piece.parent.toLowerCase() !== pageTitle.toLowerCase() ? [piece.parent] : []), headingText],
    );
    const ownAnchor = piece.heading ? anchorOf.get(piece.heading) : undefined;
    const pieceAnchors = [...(ownAnchor ? [ownAnchor] : []), ...nodes.flatMap((node) => (node.type === 'heading' && node !== piece.heading ? [anchorOf.get(node)!] : []))];
    const pieceHeadings = [...(piece.heading ? [piece.heading] : []), ...nodes.filter((node): node is Heading => node.type === 'heading' && node !== piece.heading)];
    // A heading's anchor is numbered among the headings of its page: the source's second "Level"
    // is `level-1`, and on an atom page that holds only that one it is `level`.
    const onPage = pieceHeadings.filter((heading) => heading !== piece.heading);
    const local = headingAnchors(onPage.map(anchorText));
    const pageAnchors = Object.fromEntries(onPage.map((heading, i) => [anchorOf.get(heading)!, local[i]!]));
    const anchorAliases = Object.fromEntries(
      pieceHeadings.flatMap((heading) => [...(customIdOf(heading) ? [customIdOf(heading)!] : []), ...(htmlIds.get(heading) ?? [])].map((id) => [id, anchorOf.get(heading)!])),
    );
    const links: Piece['links'][number][] = [];
    // The links of a table of contents go with it: its text is dropped whole.
    for (const node of nodes.filter((node) => !contents.has(node))) {
      for (const link of linksIn(node)) {
        if (link.position) links.push({ start: link.position.start.offset! - start, end: link.position.end.offset! - start, url: link.url, label: content.slice(link.children[0]?.position?.start.offset ?? link.position.start.offset!, link.children.at(-1)?.position?.end.offset ?? link.position.start.offset!) });
      }
    }
    const markdown = content.slice(start, end);
    const used = new Set(nodes.flatMap(referencesIn));
    const drops = nodes.flatMap((node) => {
      const at = { start: node.position!.start.offset! - start, end: node.position!.end.offset! - start };
      // A definition, an HTML anchor the links now find by its heading, and a table of contents are not shown.
      if (node.type === 'definition' || hidden.has(node)) return [{ ...at, text: '' }];
      const customId = node.type === 'heading' ? CUSTOM_ID.exec(toString(node)) : null;
      if (node.type === 'heading' && customId && content.startsWith('#', node.position!.start.offset!)) {
        const textEnd = node.children.at(-1)!.position!.end.offset! - start;
        return [{ start: textEnd - customId[0].length, end: textEnd, text: '' }];
      }
      if (node.type === 'heading' && !content.startsWith('#', node.position!.start.offset!)) {
        const first = node.children[0]?.position?.start.offset;
        const last = node.children.at(-1)?.position?.end.offset;
        const inline = first === undefined || last === undefined ? toString(node) : content.slice(first, last);
        return [{ ...at, text: `${'#'.repeat(node.depth)} ${inline.replace(/\n/g, ' ')}` }];
      }
      return [];
    });
    const pageHeading = result.length === 0 ? pageTitle : undefined;
    const classification = classifyPiece({ heading: headingText, nodes, problem: Boolean(piece.solo), faqPage, ...(pageHeading ? { title: pageHeading } : {}) });
    result.push({
      page: page.rel,
      title,
      type: classification.type,
      confidence: classification.confidence,
      signals: classification.signals,
      anchors: pieceAnchors,
      pageAnchors,
      anchorAliases,
      ownAnchor,
      body: markdown,
      bodyOffset: start,
      links,
      drops,
      definitions: [...used].flatMap((id) => {
        const definition = definitions.get(id);
        return definition ? [{ label: definition.label ?? id, url: definition.url, title: definition.title ?? null }] : [];
      }),
      sourceAnchor: ownAnchor,
      description: result.length === 0 ? description : undefined,
      // The codes of its own text: a code that a section merged into it names in passing ("throws
      // `ERR_INVALID_ARG_TYPE`") would make a pasted log with that code find this atom first.
      errorCodes: classification.type === 'error' ? errorCodesIn(headingText ?? pageHeading, piece.joined ? nodes.slice(0, nodes.indexOf(piece.joined)) : nodes) : [],
      textBlocks: nodes.filter((node) => TEXT_BLOCKS.has(node.type)).map((node) => content.slice(node.position!.start.offset!, node.position!.end.offset!).toLowerCase().replace(/\s+/g, ' ').trim()),
      merged: (piece.merged ?? []).map(plainHeading),
    });
  }
  return { pieces: result, problems };
}

/** A heading as plain text: inline HTML (badges, `<sup>`) left out. */
export function plainHeading(heading: Heading): string {
  // Without images: a README's `# qs [![Version Badge][npm-svg]][npm]` is named "qs", not by the
  // badge's alt text; a heading that is only an image (a logo) is named by it.
  const text = (node: RootContent, images: boolean): string =>
    node.type === 'html' || (!images && (node.type === 'image' || node.type === 'imageReference')) ? '' : 'children' in node ? (node.children as RootContent[]).map((child) => text(child, images)).join('') : toString(node);
  const plain = (images: boolean) => heading.children.map((node) => text(node, images)).join('').replace(CUSTOM_ID, '').replace(/\s+/g, ' ').trim();
  return plain(false) || plain(true);
}

/** Fewer links than this, and a list of links to the page's own headings is a "see below", not its contents. */
const MIN_CONTENTS_LINKS = 3;

/**
 * Whether a list is the page's table of contents: every item only a link to a heading of the same
 * page (`[logger.child()](#child)`), with the items nested under it alike. The atom page shows its
 * own contents, and as an atom of its own it would hold every name of the page and say nothing.
 */
function isContents(node: RootContent): boolean {
  let links = 0;
  const contents = (list: List): boolean =>
    list.children.every((item) =>
      item.children.every((child) => {
        if (child.type === 'list') return contents(child);
        if (child.type !== 'paragraph') return false;
        const own = child.children.filter((inline) => !(inline.type === 'text' && inline.value.trim() === ''));
        if (own.length !== 1 || own[0]!.type !== 'link' || !own[0]!.url.startsWith('#')) return false;
        links++;
        return true;
      }),
    );
  return node.type === 'list' && contents(node) && links >= MIN_CONTENTS_LINKS;
}

/**
 * What opens a page before its text to decorate it, as READMEs and docs folders read on GitHub do:
 * an HTML banner heading (`<h1 align="center">Fastify</h1>`, which names the site; an atom page has
 * its own title), a centred logo in HTML, and rows of badges (images, linked or not). Left out of
 * the atoms: they say nothing about the subject, and between them and the text sits the page's
 * `#` heading, which the title already holds.
 */
function bannerOf(nodes: readonly RootContent[], h1: Heading | undefined): Set<RootContent> {
  const banner = new Set<RootContent>();
  for (const node of nodes) {
    if (node === h1) continue;
    // A definition among them is not shown either (the links that use it still find it).
    if (node.type !== 'definition' && !decorative(node)) break;
    banner.add(node);
  }
  return banner;
}

function decorative(node: RootContent): boolean {
  if (node.type === 'html') return HTML_H1.test(node.value) || SPACER.test(node.value) || (/<img\b/i.test(node.value) && node.value.replace(/<[^>]*>/g, '').trim() === '');
  if (node.type !== 'paragraph') return false;
  if (linkBar(node)) return true;
  const imageOnly = (child: RootContent): boolean =>
    child.type === 'image' ||
    child.type === 'imageReference' ||
    child.type === 'break' ||
    (child.type === 'text' && child.value.trim() === '') ||
    (child.type === 'html' && child.value.replace(/<[^>]*>/g, '').trim() === '') ||
    ((child.type === 'link' || child.type === 'linkReference') && child.children.length > 0 && child.children.every(imageOnly));
  return node.children.some((child) => child.type !== 'text' && child.type !== 'break' && child.type !== 'html') && node.children.every(imageOnly);
}

/**
 * HTML that only spaces the banner out: line breaks, an empty paragraph, a comment, a non-breaking
 * space. A comment ends at its first `-->`, so a run of comments matches one way only (a lazy
 * `[\s\S]*?` would try every grouping of them: seconds for thirty).
 */
const SPACER = /^(?:\s|<br\s*\/?>|<\/?p(?:\s[^>]*)?>|<!--(?:(?!-->)[\s\S])*-->|&nbsp;)*$/i;

/**
 * A row of links and nothing else but separators (`[Docs](…) | [Discord](…)`), and perhaps the one
 * item that is the page itself, unlinked (`English` among the links to the page's translations):
 * what a README opens with to send readers elsewhere.
 */
function linkBar(node: Paragraph): boolean {
  const isLink = (child: RootContent) => child.type === 'link' || child.type === 'linkReference';
  if (node.children.filter(isLink).length < 3 || !node.children.every((child) => isLink(child) || child.type === 'text' || child.type === 'html' || child.type === 'break')) return false;
  const rest = node.children
    .map((child) => (isLink(child) ? '|' : child.type === 'text' ? child.value : ' '))
    .join('')
    .split(/[|·•]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return rest.length <= 1 && rest.every((item) => item.split(/\s+/).length <= 3 && !/[.:!?]$/.test(item));
}

/** Reference identifiers a node uses, those nested in a reference's text included (`[![npm][npm-src]][npm-href]`). */
function referencesIn(node: RootContent | Root): string[] {
  const own = node.type === 'linkReference' || node.type === 'imageReference' ? [node.identifier] : [];
  return 'children' in node ? [...own, ...(node.children as RootContent[]).flatMap(referencesIn)] : own;
}

function linksIn(node: RootContent | Root): Link[] {
  if (node.type === 'link') return [node];
  return 'children' in node ? (node.children as RootContent[]).flatMap(linksIn) : [];
}

const TEXT_BLOCKS = new Set<RootContent['type']>(['paragraph', 'code', 'list', 'table', 'blockquote']);

/** Headings that open a page of any subject. */
const OPENING_HEADINGS: ReadonlySet<string> = new Set(['introduction', 'intro', 'overview', 'synopsis', 'welcome', 'about', 'summary', 'description', 'preface', 'background']);

/** Characters each leading part of a piece's title keeps at least, when they are shortened. */
const LEADING_PART_MIN = 16;

/**
 * A piece's title from its page's title, its section's and its own heading, within the schema's
 * length. The page's and section's titles give way first: the piece's own heading is what tells
 * the pieces of one page apart (two pieces cut to the same title would collide and one be lost).
 *
 * @example pieceTitle(['RE2JS is the JavaScript port of RE2, a regular expression engine that provides linear time matching', 'Usage', 'Finding matches']) //=> 'RE2JS is the JavaScript port of RE2, a regular expression engine that provides linear time…: Usage: Finding matches'
 */
export function pieceTitle(parts: readonly string[]): string {
  // A heading written as a label (`#### \`mixin\` (Function):`) ends without its colon.
  const clean = parts.map((part) => part.replace(/\s+/g, ' ').trim().replace(/\s*[:：]$/, ''));
  const joined = clean.join(': ');
  if (joined.length <= TITLE_MAX || clean.length === 1) return clampTitle(joined);
  const leading = clean.slice(0, -1);
  const room = TITLE_MAX - clean.at(-1)!.length - 2 * leading.length;
  const longest = Math.max(...leading.map((part) => part.length));
  // The longest leading parts are cut to the same length, shorter ones kept whole.
  let budget = longest;
  while (budget > LEADING_PART_MIN && leading.reduce((sum, part) => sum + Math.min(part.length, budget), 0) > room) budget--;
  const cut = leading.map((part) => (part.length <= budget ? part : shortened(part, budget)));
  const title = [...cut, clean.at(-1)!].join(': ');
  return title.length <= TITLE_MAX ? title : clampTitle(joined);
}

/** The text cut to at most `length` characters at a word boundary, marked `…`. */
function shortened(text: string, length: number): string {
  const cut = text.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * The ids of the HTML anchors that mark a heading: inside it (`## <a name="x"></a>Title`), on their
 * own just before it (`<a id="export"></a>` then `## pino()`), or on their own within its section
 * (`### BOOM` then `<a id="pp-boom"></a>`). Links name these ids; the atom page anchors the
 * heading by its text. Anchors before the first heading mark the page's opening: none.
 */
export function htmlAnchorIds(nodes: readonly RootContent[]): Map<Heading, string[]> {
  const found = new Map<Heading, string[]>();
  const mark = (heading: Heading, ids: readonly string[]) => {
    const list = found.get(heading) ?? [];
    for (const id of ids) list.push(id);
    found.set(heading, list);
  };
  // The heading each node comes right before, anchors between them skipped: read back to front, once.
  const nextHeading: (Heading | undefined)[] = new Array(nodes.length);
  let upcoming: Heading | undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    nextHeading[i] = upcoming;
    if (node.type === 'heading') upcoming = node;
    else if (anchorsOnly(node).length === 0) upcoming = undefined;
  }
  let current: Heading | undefined;
  nodes.forEach((node, i) => {
    if (node.type === 'heading') {
      current = node;
      const inside = [...inlineHtml(node.children).matchAll(HTML_ANCHOR)].map(anchorId).filter(Boolean);
      if (inside.length > 0) mark(node, inside);
      return;
    }
    const ids = anchorsOnly(node);
    const target = nextHeading[i] ?? current;
    if (ids.length > 0 && target) mark(target, ids);
  });
  return found;
}

function anchorId(match: RegExpMatchArray): string {
  return (match[1] ?? match[2] ?? match[3]!).trim();
}

/** The ids of a node that is nothing but HTML anchors; none for any other node. */
function anchorsOnly(node: RootContent): string[] {
  // `<a id="x"></a>` alone on a line is no HTML block (CommonMark starts one only at a tag alone on
  // its line): it is a paragraph of inline HTML.
  const html = node.type === 'html' ? node.value : node.type === 'paragraph' && node.children.every((child) => child.type === 'html' || (child.type === 'text' && child.value.trim() === '')) ? inlineHtml(node.children) : undefined;
  if (html === undefined) return [];
  const ids = [...html.matchAll(HTML_ANCHOR)].map(anchorId).filter(Boolean);
  // `<a id="x"></a>` inside other HTML marks that HTML, not a heading.
  return ids.length > 0 && html.replace(HTML_ANCHOR, '').trim() === '' ? ids : [];
}

/** Inline HTML comes in pieces (`<a name="x">`, then `</a>`): read together, other text as a space. */
function inlineHtml(children: readonly RootContent[]): string {
  return children.map((child) => (child.type === 'html' ? child.value : ' ')).join('');
}
