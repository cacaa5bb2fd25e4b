/**
 * Cuts one docs page into draft atoms: front matter read with gray-matter (YAML, JSON, TOML),
 * split at `##` headings into chunk-sized pieces (small sections merged, long ones split at
 * `###`), each piece typed from its content and placed under its type's main section, code
 * blocks and tables kept verbatim, links between pieces turned into `related` and site URLs.
 */
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from 'smol-toml';
import type { Definition, Heading, Link, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { atomId, atomUrl, headingAnchors, titleSlug } from '../../atom/identity.js';
import { parseMarkdown } from '../../atom/markdown.js';
import { REQUIRED_SECTIONS } from '../../atom/sections.js';
import type { AtomHeader, AtomType } from '../../atom/schema.js';
import type { AtomDraft, DraftSection } from '../draft.js';
import { clampTitle, summarize, toTag } from '../text.js';
import type { DocPage } from './walk.js';

export interface Piece {
  readonly page: string;
  readonly title: string;
  readonly type: AtomType;
  /** Heading anchors (as the source page renders them) that land in this piece. */
  readonly anchors: readonly string[];
  /** The piece's Markdown, links not yet rewritten, with its offsets in the page body. */
  readonly body: string;
  readonly bodyOffset: number;
  readonly links: readonly { start: number; end: number; url: string; label: string }[];
  /**
   * Source edits inside the piece: link reference definitions dropped (the used ones are
   * re-added at the end) and setext headings rewritten as `#` headings (so they can be demoted).
   */
  readonly drops: readonly { start: number; end: number; text: string }[];
  /** The definitions the piece's reference links need, wherever on the page they are. */
  readonly definitions: readonly { label: string; url: string; title: string | null }[];
  readonly sourceAnchor: string | undefined;
}

export interface SplitPage {
  readonly pieces: Piece[];
  readonly problems: string[];
}

const engines = { toml: (text: string) => parseToml(text) as object };
const MAX_WORDS = 800;
const MIN_WORDS = 120;

export function splitPage(page: DocPage): SplitPage {
  const problems: string[] = [];
  let content: string;
  let data: Record<string, unknown> = {};
  try {
    const toml = page.text.startsWith('+++');
    const parsed = matter(page.text, toml ? { engines, language: 'toml', delimiters: '+++' } : { engines });
    content = parsed.content;
    data = parsed.data as Record<string, unknown>;
  } catch (error) {
    return { pieces: [], problems: [`front matter cannot be read: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (/\.mdx$/i.test(page.rel)) {
    const before = content;
    content = content.replace(/^(?:import|export)\s.*$/gm, '');
    if (before !== content) problems.push('MDX import/export lines dropped; components are kept as text');
  }
  const tree = parseMarkdown(content);
  const wordCache = new WeakMap<RootContent, number>();
  const nodeWords = (node: RootContent) => {
    let count = wordCache.get(node);
    if (count === undefined) wordCache.set(node, (count = toString(node).split(/\s+/).filter(Boolean).length));
    return count;
  };
  const words = (nodes: readonly RootContent[]) => nodes.reduce((n, node) => n + nodeWords(node), 0);
  const h1 = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  const pageTitle = (typeof data.title === 'string' && data.title.trim()) || (h1 ? plainHeading(h1) : '') || path.basename(page.rel).replace(/\.mdx?$/i, '').replace(/[-_]+/g, ' ');
  const body = tree.children.filter((node) => node !== h1);
  if (body.length === 0 || words(body) === 0) return { pieces: [], problems: [...problems, 'the page has no text to import'] };
  const definitions = new Map<string, Definition>();
  for (const node of tree.children) if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
  const allHeadings = tree.children.filter((node): node is Heading => node.type === 'heading');
  const anchors = headingAnchors(allHeadings.map((heading) => toString(heading)));
  const anchorOf = new Map(allHeadings.map((node, i) => [node, anchors[i]!]));

  // Groups: the intro, then one per `##` section; long sections split at `###`.
  type Group = { heading: Heading | undefined; nodes: RootContent[]; parent?: string };
  const groups: Group[] = [{ heading: undefined, nodes: [] }];
  for (const node of body) {
    if (node.type === 'heading' && node.depth <= 2) groups.push({ heading: node, nodes: [] });
    else groups.at(-1)!.nodes.push(node);
  }
  const pieces: Group[] = [];
  if (words(body) <= MAX_WORDS) pieces.push({ heading: undefined, nodes: body });
  else {
    for (const group of groups) {
      if (group.nodes.length === 0 && !group.heading) continue;
      if (words(group.nodes) > MAX_WORDS) {
        const parts: Group[] = [{ heading: group.heading, nodes: [] }];
        for (const node of group.nodes) {
          if (node.type === 'heading' && node.depth === 3) parts.push({ heading: node, nodes: [], parent: group.heading ? toString(group.heading) : undefined });
          else parts.at(-1)!.nodes.push(node);
        }
        if (parts.some((part) => words(part.nodes) > MAX_WORDS)) problems.push(`a section of ${words(group.nodes)} words could not be cut below ${MAX_WORDS}; kept whole`);
        pieces.push(...parts.filter((part) => part.nodes.length > 0));
      } else pieces.push(group);
    }
  }
  // Merge small pieces into the one before (their heading becomes a sub-heading).
  const merged: { heading: Heading | undefined; parent?: string; nodes: RootContent[] }[] = [];
  for (const piece of pieces) {
    const last = merged.at(-1);
    const size = words(piece.nodes);
    if (last && (size < MIN_WORDS || words(last.nodes) < MIN_WORDS) && words(last.nodes) + size <= MAX_WORDS) {
      last.nodes.push(...(piece.heading ? [piece.heading] : []), ...piece.nodes);
    } else merged.push({ heading: piece.heading, ...(piece.parent ? { parent: piece.parent } : {}), nodes: [...piece.nodes] });
  }

  const result: Piece[] = [];
  for (const piece of merged) {
    const first = piece.nodes[0];
    const lastNode = piece.nodes.at(-1);
    if (!first?.position || !lastNode?.position) continue;
    const start = first.position.start.offset!;
    const end = lastNode.position.end.offset!;
    const headingText = (piece.heading && plainHeading(piece.heading)) || undefined;
    const title = clampTitle(
      headingText === undefined || headingText.toLowerCase() === pageTitle.toLowerCase()
        ? pageTitle
        : `${pageTitle}: ${piece.parent ? `${piece.parent}: ` : ''}${headingText}`,
    );
    const anchors = [...(piece.heading ? [anchorOf.get(piece.heading)!] : []), ...piece.nodes.flatMap((node) => (node.type === 'heading' ? [anchorOf.get(node)!] : []))];
    const links: Piece['links'][number][] = [];
    for (const node of piece.nodes) {
      for (const link of linksIn(node)) {
        if (link.position) links.push({ start: link.position.start.offset! - start, end: link.position.end.offset! - start, url: link.url, label: toString(link) });
      }
    }
    const markdown = content.slice(start, end);
    const used = new Set(piece.nodes.flatMap(referencesIn));
    const drops = piece.nodes.flatMap((node) => {
      const at = { start: node.position!.start.offset! - start, end: node.position!.end.offset! - start };
      if (node.type === 'definition') return [{ ...at, text: '' }];
      if (node.type === 'heading' && !content.startsWith('#', node.position!.start.offset!)) {
        const first = node.children[0]?.position?.start.offset;
        const last = node.children.at(-1)?.position?.end.offset;
        const inline = first === undefined || last === undefined ? toString(node) : content.slice(first, last);
        return [{ ...at, text: `${'#'.repeat(node.depth)} ${inline.replace(/\n/g, ' ')}` }];
      }
      return [];
    });
    result.push({
      page: page.rel,
      title,
      type: inferType(markdown, `${page.rel} ${title}`, piece.nodes),
      anchors,
      body: markdown,
      bodyOffset: start,
      links,
      drops,
      definitions: [...used].flatMap((id) => {
        const definition = definitions.get(id);
        return definition ? [{ label: definition.label ?? id, url: definition.url, title: definition.title ?? null }] : [];
      }),
      sourceAnchor: piece.heading ? anchorOf.get(piece.heading) : undefined,
    });
  }
  return { pieces: result, problems };
}

/** A heading as plain text: inline HTML (badges, `<sup>`) left out. */
function plainHeading(heading: Heading): string {
  const text = (node: RootContent): string => (node.type === 'html' ? '' : 'children' in node ? (node.children as RootContent[]).map(text).join('') : toString(node));
  return heading.children.map(text).join('').replace(/\s+/g, ' ').trim();
}

function referencesIn(node: RootContent | Root): string[] {
  if (node.type === 'linkReference' || node.type === 'imageReference') return [node.identifier];
  return 'children' in node ? (node.children as RootContent[]).flatMap(referencesIn) : [];
}

function linksIn(node: RootContent | Root): Link[] {
  if (node.type === 'link') return [node];
  return 'children' in node ? (node.children as RootContent[]).flatMap(linksIn) : [];
}

/** The atom type a piece of docs reads like. */
export function inferType(markdown: string, context: string, nodes: readonly RootContent[]): AtomType {
  const where = context.toLowerCase();
  const hasOrdered = nodes.some((node) => node.type === 'list' && node.ordered);
  const hasTemplate = nodes.some((node) => node.type === 'code' && parsesAsTemplate(node.lang ?? '', node.value));
  if (/\b(errors?|exceptions?)\b/.test(where) && !hasOrdered) return 'error';
  if (/troubleshoot|debugging|common problems|known issues/.test(where)) return 'troubleshooting';
  if (/pitfall|caveat|gotcha|anti-pattern|avoid|do not|don't/.test(where)) return 'pitfall';
  if (hasTemplate && /config|setting|option|example/.test(where)) return 'config-template';
  if (hasOrdered) return 'procedure';
  return 'interface-input';
}

/** A json or yaml block that parses (a config-template's template must). */
function parsesAsTemplate(lang: string, value: string): boolean {
  try {
    if (/^json$/i.test(lang)) JSON.parse(value);
    else if (/^ya?ml$/i.test(lang)) parseYaml(value);
    else return false;
    return true;
  } catch {
    return false;
  }
}

/** The section of each type that holds imported text; the others get the template prompts. */
const MAIN_SECTION: Record<Exclude<AtomType, 'faq'>, string> = {
  error: 'What it means',
  procedure: 'Steps',
  playbook: 'Action plan',
  'interface-input': 'Input',
  troubleshooting: 'Checks',
  'config-template': 'Template',
  pitfall: 'What not to do',
};

export interface PieceContext {
  readonly folderName: string;
  readonly author: string;
  readonly today: string;
  readonly base: string;
  /** Where the draft of each piece will live (its atom id), by piece. */
  readonly idOf: (piece: Piece) => string;
  /** Finds the piece a relative link points to. */
  readonly resolve: (fromPage: string, url: string) => { piece: Piece; anchor: string | undefined } | undefined;
}

/** Builds the draft for a piece; reports links that could not be mapped. */
export function pieceToDraft(piece: Piece, context: PieceContext, unmapped: string[]): AtomDraft {
  const related = new Set<string>();
  const target = (url: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return url;
    const found = context.resolve(piece.page, url);
    if (!found) return undefined;
    if (found.piece !== piece) related.add(found.piece.title);
    return `${atomUrl(context.idOf(found.piece), context.base)}${found.anchor ? `#${found.anchor}` : ''}`;
  };
  const edits: { start: number; end: number; text: string }[] = [...piece.drops];
  for (const link of piece.links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(link.url) || link.url.startsWith('//')) continue;
    const url = target(link.url);
    if (url === undefined) unmapped.push(`${piece.page}: link to \`${link.url}\` has no imported target; kept as text`);
    edits.push({ start: link.start, end: link.end, text: url === undefined ? escapeLabel(link.label) : `[${escapeLabel(link.label)}](${url})` });
  }
  let markdown = piece.body;
  for (const edit of edits.sort((a, b) => b.start - a.start)) markdown = markdown.slice(0, edit.start) + edit.text + markdown.slice(edit.end);
  // Reference links keep working: the definitions they use are appended to the piece.
  const definitions = piece.definitions.map((definition) => {
    const url = target(definition.url);
    if (url === undefined) unmapped.push(`${piece.page}: link to \`${definition.url}\` has no imported target; kept as written`);
    const destination = url ?? definition.url;
    return `[${definition.label}]: ${/[\s()<>]/.test(destination) ? `<${destination}>` : destination}${definition.title ? ` ${JSON.stringify(definition.title)}` : ''}`;
  });
  markdown = markdown.replace(/\n{3,}/g, '\n\n').trim();
  if (definitions.length > 0) markdown = `${markdown}\n\n${definitions.join('\n')}`;
  const content = demoteHeadings(markdown);
  const type = piece.type;
  const sections: DraftSection[] = type === 'faq' ? [] : REQUIRED_SECTIONS[type].map((spec) => {
    if (spec.heading === MAIN_SECTION[type]) return { heading: spec.heading, body: content };
    return { heading: spec.heading, body: spec.numbered ? `1. ${spec.prompt}` : spec.prompt };
  });
  const tags = [...new Set([...piece.page.split('/').slice(0, -1), context.folderName].map((segment) => toTag(segment)).filter((t): t is string => t !== undefined)), 'imported'].slice(0, 20);
  const firstText = content.split(/\n{2,}/).find((block) => /^[A-Za-z\p{L}]/u.test(block.trim())) ?? '';
  const header: AtomHeader = {
    title: piece.title,
    summary: summarize(stripMarkdown(firstText), `${piece.title} (imported from ${piece.page}).`.slice(0, 300)),
    type,
    status: 'draft',
    author: context.author,
    created: context.today,
    version: '0.1.0',
    tags,
    related: [...related].slice(0, 30),
    sources: [{ ref: `${context.folderName}/${piece.page}${piece.sourceAnchor ? `#${piece.sourceAnchor}` : ''}`, note: 'imported' }],
  };
  return { header, sections };
}

/** Shifts headings so the piece's own headings sit under the atom's `##` sections. */
function demoteHeadings(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
      if (fenceMatch) fence = fence === undefined ? fenceMatch[1]![0] : fenceMatch[1]![0] === fence ? undefined : fence;
      if (fence !== undefined || fenceMatch) return line;
      return line.replace(/^(#{1,5})(?=\s)/, (hashes) => '#'.repeat(Math.min(6, Math.max(3, hashes.length + 1))));
    })
    .join('\n');
}

function stripMarkdown(text: string): string {
  return text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_>#]/g, '').replace(/<[^>]+>/g, '');
}

function escapeLabel(label: string): string {
  return label.replace(/([[\]])/g, '\\$1');
}

/** A stable id for a piece's future atom: `<type>/<titleSlug>`. */
export function pieceId(piece: Piece): string {
  return atomId(`${piece.type}/${titleSlug(piece.title) || 'untitled'}`);
}
