/**
 * Turns a page written for a docs tool (MDX components, `:::` containers, MkDocs admonitions and
 * tabs and `--8<--` snippets, GitHub alerts, Hugo shortcodes, Jekyll's Liquid, MyST directives, VitePress `<script setup>`, Docusaurus partials) into the plain Markdown it stands for:
 * steps become a numbered list, tabs labelled blocks, asides a blockquote with their label, code
 * components fenced code; unknown components are dropped and their children kept. Everything that
 * is not component markup is copied from the source as written, so code blocks arrive byte for byte
 * (but for what VitePress itself hides of a Twoslash block, see vitepress-code.ts).
 *
 * `.mdx` pages are parsed as MDX (micromark-extension-mdxjs); `.md` pages as CommonMark, where
 * components are HTML. Both read `:::` containers with micromark-extension-directive.
 */
import path from 'node:path';
import type { Heading, Html, Nodes, Paragraph, Parent, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { toString } from 'mdast-util-to-string';
import { directive } from 'micromark-extension-directive';
import { mdxjs } from 'micromark-extension-mdxjs';
import type { Dialect } from './dialect.js';
import { bracketedLabels } from './bracketed-labels.js';
import { codeFence, githubAlerts, mkdocsContainers, spacedContainers } from './containers.js';
import { gitbookBlocks } from './gitbook.js';
import { jekyllLiquid } from './liquid.js';
import { mkdocsSnippets } from './mkdocs-snippets.js';
import { mystDirectives } from './myst.js';
import { htmlAsMarkdown } from '../../text/html-markdown.js';
import { htmlTableAsMarkdown } from '../../text/html-tables.js';
import { hugoShortcodes } from './shortcodes.js';
import { vitepressCode } from './vitepress-code.js';
import { parseMarkdown } from '../../atom/markdown.js';
import { capitalize } from '../text.js';

export interface NormalizedPage {
  readonly markdown: string;
  /** Component names dropped (their children kept), with counts. */
  readonly dropped: Readonly<Record<string, number>>;
  /** Pages inlined as partials (paths relative to the imported folder). */
  readonly partials: readonly string[];
  readonly problems: readonly string[];
}

export interface NormalizeContext {
  readonly dialect: Dialect;
  /** The text (front matter removed) of another page of the folder, for partials. */
  readonly readPage: (rel: string) => string | undefined;
  /** Any other text file of the folder, for VitePress `<<<` code snippets and MkDocs `--8<--` snippets. */
  readonly readFile?: (rel: string) => string | undefined;
  /** The imported folder's name: MkDocs snippets name their files from the project's root (`docs/x.md`). */
  readonly folderName?: string;
  /** Jekyll's site variables (`_config.yml`), for `{{ site.title }}`. */
  readonly site?: Readonly<Record<string, unknown>>;
}

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;
type Component = Jsx | ContainerDirective | Html | Paragraph;

const ADMONITIONS = new Set([
  'note', 'tip', 'info', 'caution', 'warning', 'danger', 'important', 'details', 'success', 'failure', 'question', 'example',
  'abstract', 'summary', 'tldr', 'todo', 'hint', 'check', 'done', 'help', 'faq', 'attention', 'fail', 'missing', 'error',
  'bug', 'quote', 'cite', 'aside', 'secondary',
]);
/** Components that only group their children. */
const WRAPPERS = new Set(['steps', 'filetree', 'cardgrid', 'tabs', 'code-group', 'fragment', 'packagemanagers', 'linkcards']);
const TAB_ITEMS = new Set(['tabitem', 'tab']);
/** HTML elements that hold blocks of text, written as HTML in an MDX page. */
const HTML_BLOCKS = new Set(['table', 'ul', 'ol', 'dl', 'p', 'div', 'blockquote']);
/** Inline decorations with nothing to say in prose. */
const DECORATIONS = new Set(['icon', 'noninheritbadge', 'settingsanchorredirect', 'dontedit', 'donteditwarning']);
// A tag's attributes never run into another tag (`<` only inside quotes): a block of thousands of
// unclosed tags is read in one pass, where scanning each to the end of the block took quadratic time.
const ATTRIBUTES = String.raw`\s(?:[^<>"']|"[^"]*"|'[^']*')*`;
const COMPONENT_TAG = new RegExp(String.raw`<\/?([A-Z][\w.]*)(?:${ATTRIBUTES})?\/?>`, 'g');
/**
 * A component that links somewhere, in a `.md` page's HTML: `<ScrimbaLink href="…">text</ScrimbaLink>`
 * (its text between the tags) or `<LinkCard href="…" title="…" />` (its title).
 */
const LINK_COMPONENT = new RegExp(String.raw`<([A-Z][\w.]*)(${ATTRIBUTES}?)(?:\/>|>([^<]*)<\/\1\s*>)`, 'g');
const HTML_ATTRIBUTE = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
/** A component's opening tag alone, as a `.md` paragraph holds it: its name and attributes. */
const OPENING_TAG = new RegExp(String.raw`^<([A-Z][\w.]*)(${ATTRIBUTES})>$`);
const ESM_LINE = /^(?:import\s[^\n]*?\sfrom\s*['"][^'"]+['"];?|import\s*['"][^'"]+['"];?|export\s+(?:const|let|var|function|default)\b[^\n]*)$/;

/**
 * The plain Markdown of one page body (front matter already removed).
 *
 * @example normalizePage('<Steps>\n1. Go\n</Steps>', 'a.mdx', ctx).markdown //=> '1. Go'
 */
export function normalizePage(body: string, rel: string, context: NormalizeContext, seen: ReadonlySet<string> = new Set()): NormalizedPage {
  const problems: string[] = [];
  // No prototype: a component named `constructor` is counted like any other.
  const dropped: Record<string, number> = Object.create(null) as Record<string, number>;
  const partials: string[] = [];
  // Liquid only where the pages are Jekyll's, GitBook's blocks only where they are GitBook's: elsewhere
  // `{{ }}` and `{% %}` may be a template's own (Vue, Nunjucks);
  // MyST only where they are MyST's: elsewhere a `{note}` code block is code.
  const page = bracketedLabels(body);
  const dialectal = context.dialect === 'jekyll' ? jekyllLiquid(page, context.site) : context.dialect === 'myst' ? mystDirectives(page) : context.dialect === 'gitbook' ? gitbookBlocks(page) : page;
  const mkdocs = (text: string) => mkdocsContainers(mkdocsSnippets(text, rel, { readFile: context.readFile ?? (() => undefined), ...(context.folderName ? { folderName: context.folderName } : {}) }, problems));
  const containers = githubAlerts(context.dialect === 'mkdocs' ? mkdocs(page) : spacedContainers(hugoShortcodes(dialectal)));
  const source = context.dialect === 'vitepress' ? codeSnippets(vitepressCode(containers), rel, context, problems) : containers;
  let tree: Root;
  let mdx = /\.mdx$/i.test(rel);
  try {
    tree = parse(source, mdx);
  } catch (error) {
    if (!mdx) throw error;
    const place = (error as { line?: number; column?: number }).line ? `${(error as { line: number }).line}:${(error as { column: number }).column}` : '1:1';
    problems.push(`${rel}:${place}: not valid MDX (${(error as Error).message.split('\n')[0]}); read as Markdown`);
    mdx = false;
    tree = parse(source, false);
  }
  const imports = new Map<string, string>();
  const constants = new Map<string, string>();
  collectEsm(tree, source, mdx, imports, constants);

  const drop = (name: string) => {
    dropped[name] = (dropped[name] ?? 0) + 1;
  };
  const slice = (node: Nodes) => source.slice(node.position!.start.offset!, node.position!.end.offset!);

  const isComponent = (node: Nodes): node is Component => {
    switch (node.type) {
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
      case 'containerDirective':
        return true;
      case 'html':
        return /<\/?[A-Z]|^<(?:script|style|table)\b/.test(node.value);
      case 'paragraph':
        return !mdx && isEsmParagraph(node, source);
      default:
        return false;
    }
  };

  /** The node's Markdown as if it started at column 1, components replaced. */
  const emit = (node: Nodes): string => {
    if (isComponent(node)) return render(node);
    if (!node.position) return toString(node);
    const start = node.position.start.offset!;
    let text = '';
    let cursor = start;
    const components = outermostComponents(node);
    for (let i = 0; i < components.length; i++) {
      const inner = components[i]!;
      const at = inner.position!.start.offset!;
      text += source.slice(cursor, at);
      // In a `.md` page's paragraph a linking component's tags are apart, its text between them.
      const link = inner.type === 'html' ? linkBetween(inner.value, components[i + 1]) : undefined;
      if (link) {
        text += markdownLink(source.slice(inner.position!.end.offset!, components[i + 1]!.position!.start.offset!).trim() || link.href, link.href);
        cursor = components[++i]!.position!.end.offset!;
        continue;
      }
      const prefix = linePrefix(source, at);
      text += reindent(render(inner), prefix);
      cursor = inner.position!.end.offset!;
    }
    text += source.slice(cursor, node.position.end.offset!);
    return dedent(text, node.position.start.column - 1);
  };

  const outermostComponents = (node: Nodes): Nodes[] => {
    if (!('children' in node)) return [];
    return (node.children as Nodes[]).flatMap((child) => (isComponent(child) ? [child] : outermostComponents(child)));
  };

  const blocks = (parent: Parent, asLabel = false): string =>
    (parent.children as Nodes[])
      .filter((child) => !(child.type === 'paragraph' && (child.data as { directiveLabel?: boolean } | undefined)?.directiveLabel))
      .map((child) => (child.type === 'heading' && !asLabel ? boldHeading(child) : emit(child)))
      .filter((text) => text.trim() !== '')
      .join('\n\n');

  const boldHeading = (heading: Heading) => {
    const inner = heading.children.length > 0 ? heading.children.map((child) => emit(child)).join('') : '';
    return inner.trim() === '' ? '' : `**${inner.trim()}**`;
  };

  const inline = (parent: Parent): string => (parent.children as Nodes[]).map((child) => emit(child)).join('');

  const render = (node: Component | Nodes): string => {
    switch (node.type) {
      case 'mdxjsEsm':
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        return '';
      case 'paragraph':
        return '';
      case 'html':
        return renderHtml(node.value);
      case 'containerDirective':
        return renderDirective(node);
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return renderJsx(node);
      default:
        return emit(node);
    }
  };

  const renderDirective = (node: ContainerDirective): string => {
    const name = node.name.toLowerCase();
    const labelNode = node.children.find((child) => child.type === 'paragraph' && (child.data as { directiveLabel?: boolean } | undefined)?.directiveLabel);
    const label = labelNode ? inline(labelNode as Paragraph).trim() : (node.attributes?.title ?? '');
    if (TAB_ITEMS.has(name)) return labelled(label, blocks(node));
    if (WRAPPERS.has(name)) return blocks(node);
    if (!ADMONITIONS.has(name)) drop(`:::${node.name}`);
    return aside(label || capitalize(name), blocks(node));
  };

  const renderJsx = (node: Jsx): string => {
    const name = node.name ?? '';
    const key = name.toLowerCase();
    // HTML written in MDX (a table, a list, paragraphs), on one line or several, is the Markdown it
    // stands for; with JSX expressions or Markdown inside (a blank line) it is read as other components are.
    if (HTML_BLOCKS.has(name)) {
      const source = slice(node);
      if (!source.includes('{') && !/\n[ \t]*\n/.test(source)) {
        const markdown = name === 'table' ? htmlTableAsMarkdown(source) : htmlAsMarkdown(source);
        if (markdown !== undefined && markdown !== '') return markdown;
      }
    }
    const attr = (attribute: string) => attributeValue(node, attribute, constants);
    const partial = imports.get(name);
    if (partial !== undefined) return inlinePartial(name, partial);
    // A component that links somewhere (a lesson, a related page) is that link, whatever its name.
    const href = attr('href');
    if (node.type === 'mdxJsxTextElement') {
      if (key === 'badge') return attr('text') ?? inline(node);
      if (href !== undefined && !DECORATIONS.has(key)) return markdownLink(inline(node).trim() || attr('title') || href, href);
      if (name === 'br') return '\n';
      if (key === 'kbd' || key === 'code') return `\`${toString(node)}\``;
      if (!DECORATIONS.has(key)) drop(name || 'fragment');
      return inline(node);
    }
    if (TAB_ITEMS.has(key)) return labelled(attr('label') ?? attr('value') ?? '', blocks(node));
    if (WRAPPERS.has(key) || name === '') return blocks(node);
    if (key === 'aside') return aside(attr('title') ?? capitalize(attr('type') ?? 'note'), blocks(node));
    if (ADMONITIONS.has(key) || key === 'admonition') return aside(attr('title') ?? capitalize(attr('type') ?? key), blocks(node));
    if (key === 'details') return aside(detailsSummary(node) ?? 'Details', blocks(node, true));
    if (key === 'summary') return '';
    if (key === 'code') return codeBlock(attr('code'), attr('lang'), attr('title'), name);
    if (key === 'linkcard') {
      const description = attr('description');
      return `${markdownLink(attr('title') ?? href ?? '', href ?? '')}${description ? `: ${description}` : ''}`;
    }
    if (key === 'card') return labelled(attr('title') ?? '', blocks(node));
    if (href !== undefined && !DECORATIONS.has(key)) {
      // Its text in one line is the link's text; more than that (a card of paragraphs) keeps its blocks and loses the link.
      const text = blocks(node).trim();
      if (!text.includes('\n')) return markdownLink(text || attr('title') || href, href);
    }
    if (!DECORATIONS.has(key)) drop(name);
    return blocks(node);
  };

  const codeBlock = (code: string | undefined, lang: string | undefined, title: string | undefined, name: string): string => {
    if (code === undefined) {
      drop(`${name} (code not given as text)`);
      return '';
    }
    const fence = codeFence(code);
    return `${fence}${lang ?? ''}${title ? ` title=${JSON.stringify(title)}` : ''}\n${code.replace(/\n$/, '')}\n${fence}`;
  };

  const detailsSummary = (node: Jsx): string | undefined => {
    const summary = node.children.find((child): child is MdxJsxFlowElement => child.type === 'mdxJsxFlowElement' && child.name === 'summary');
    return summary ? toString(summary).trim() : undefined;
  };

  const inlinePartial = (name: string, target: string): string => {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(rel), target));
    const text = seen.has(resolved) ? undefined : context.readPage(resolved);
    if (text === undefined) {
      drop(`${name} (partial ${target} not found)`);
      return '';
    }
    partials.push(resolved);
    const inner = normalizePage(text, resolved, context, new Set([...seen, rel]));
    for (const [component, count] of Object.entries(inner.dropped)) dropped[component] = (dropped[component] ?? 0) + count;
    partials.push(...inner.partials);
    problems.push(...inner.problems);
    return inner.markdown.trim();
  };

  const renderHtml = (value: string): string => {
    if (/^<(?:script|style)\b/i.test(value)) return '';
    const table = /^<table\b/i.test(value) ? htmlTableAsMarkdown(value) : undefined;
    if (table !== undefined) return table;
    const self = /^<([A-Z][\w.]*)(?:\s[^>]*)?\/>\s*$/.exec(value.trim());
    if (self && imports.has(self[1]!)) return inlinePartial(self[1]!, imports.get(self[1]!)!);
    const linked = value.replace(LINK_COMPONENT, (tag, _name: string, attributes: string, text: string | undefined) => {
      const href = htmlAttribute(attributes, 'href');
      if (href === undefined) return tag;
      return markdownLink(text?.trim() || htmlAttribute(attributes, 'title') || href, href);
    });
    const kept = linked.replace(COMPONENT_TAG, (_tag, name: string) => {
      const key = name.toLowerCase();
      if (!DECORATIONS.has(key)) drop(name);
      return '';
    });
    return kept.trim() === '' ? '' : kept;
  };

  const markdown = collapseBlankLines(emit(tree)).trim();
  return { markdown, dropped, partials, problems };
}

/** `<<< ./file.ts#region{1,2 ts} [label]` lines of VitePress replaced by the fenced code they import. */
function codeSnippets(markdown: string, rel: string, context: NormalizeContext, problems: string[]): string {
  return markdown.replace(/^([ \t]*)<<<[ \t]+(?:@\/)?([^\s#{[]+)(?:#([\w-]+))?(?:\{([^}]*)\})?(?:[ \t]+\[([^\]]*)\])?[ \t]*$/gm, (line, indent: string, file: string, region?: string, options?: string, label?: string) => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), file));
    let text = context.readFile?.(target);
    if (text !== undefined && region) {
      const lines = text.split('\n');
      const start = lines.findIndex((candidate) => new RegExp(`#region\\s+${region}\\b`).test(candidate));
      const end = lines.findIndex((candidate, i) => i > start && /#endregion\b/.test(candidate));
      text = start < 0 ? undefined : lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
    }
    if (text === undefined) {
      problems.push(`${rel}: the code snippet \`${file}${region ? `#${region}` : ''}\` is not in the imported folder; kept as written`);
      return line;
    }
    const lang = options?.split(/\s+/).find((word) => /^[a-z][\w-]*$/i.test(word)) ?? path.posix.extname(file).slice(1);
    const fence = codeFence(text);
    return [`${fence}${lang}${label ? ` title=${JSON.stringify(label)}` : ''}`, ...text.replace(/\n$/, '').split('\n'), fence].map((part) => (part === '' ? '' : indent + part)).join('\n');
  });
}

/**
 * Runs of blank lines (left where markup was removed; a line of only the spaces that indented a
 * removed definition is blank too) cut to one, outside code blocks, whose blank lines are content.
 *
 * @example collapseBlankLines('a\n\n\n\nb') //=> 'a\n\nb'
 * @example collapseBlankLines('a\n\n  \n  \nb') //=> 'a\n\nb'
 */
export function collapseBlankLines(markdown: string): string {
  // Most pieces have no such run: the parse that finds code blocks is not needed for them.
  if (!BLANK_RUN.test(markdown)) return markdown;
  const code = parseMarkdown(markdown).children.flatMap(function codeIn(node: Nodes): [number, number][] {
    if (node.type === 'code') return [[node.position!.start.offset!, node.position!.end.offset!]];
    return 'children' in node ? (node.children as Nodes[]).flatMap(codeIn) : [];
  });
  return markdown.replace(new RegExp(BLANK_RUN.source, 'g'), (run, at: number) => (code.some(([start, end]) => at > start && at < end) ? run : '\n\n'));
}

/** Two or more blank lines in a row, spaces and tabs on them or not. */
const BLANK_RUN = /\n(?:[ \t]*\n){2,}/;

function parse(source: string, mdx: boolean): Root {
  return mdx
    ? fromMarkdown(source, { extensions: [mdxjs(), directive()], mdastExtensions: [mdxFromMarkdown(), directiveFromMarkdown()] })
    : fromMarkdown(source, { extensions: [directive()], mdastExtensions: [directiveFromMarkdown()] });
}

/** `import X from './_partial.mdx'` and literal `export const` values, from ESM nodes or ESM-only paragraphs. */
function collectEsm(tree: Root, source: string, mdx: boolean, imports: Map<string, string>, constants: Map<string, string>): void {
  for (const node of tree.children) {
    let text: string | undefined;
    if (node.type === 'mdxjsEsm') text = node.value;
    else if (!mdx && node.type === 'paragraph' && isEsmParagraph(node, source)) text = source.slice(node.position!.start.offset!, node.position!.end.offset!);
    if (text === undefined) continue;
    for (const match of text.matchAll(/import\s+([A-Z]\w*)\s+from\s+['"]([^'"]+\.mdx?)['"]/g)) imports.set(match[1]!, match[2]!);
    for (const match of text.matchAll(/(?:export\s+)?const\s+(\w+)\s*=\s*(`(?:[^`\\$]|\\.|\$(?!\{))*`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/g)) {
      const value = literal(match[2]!);
      if (value !== undefined) constants.set(match[1]!, value);
    }
  }
}

function isEsmParagraph(node: Paragraph, source: string): boolean {
  if (!node.position) return false;
  const lines = source.slice(node.position.start.offset!, node.position.end.offset!).split('\n');
  return lines[0]!.startsWith('import ') ? lines.every((line) => ESM_LINE.test(line.trim())) : false;
}

/** A JSX attribute as text: a string, or an expression that is a literal or a known constant. */
function attributeValue(node: Jsx, name: string, constants: ReadonlyMap<string, string>): string | undefined {
  const attribute = node.attributes.find((candidate): candidate is MdxJsxAttribute => candidate.type === 'mdxJsxAttribute' && candidate.name === name);
  if (!attribute || attribute.value === null || attribute.value === undefined) return undefined;
  if (typeof attribute.value === 'string') return attribute.value;
  const expression = attribute.value.value.trim();
  return literal(expression) ?? constants.get(expression);
}

/** The value of a JS string or template literal without substitutions. */
function literal(text: string): string | undefined {
  if (/^`(?:[^`\\$]|\\.|\$(?!\{))*`$/s.test(text)) return text.slice(1, -1).replace(/\\([`\\$])/g, '$1');
  if (/^"(?:[^"\\]|\\.)*"$/s.test(text)) return JSON.parse(text.replace(/\n/g, '\\n')) as string;
  if (/^'(?:[^'\\]|\\.)*'$/s.test(text)) return text.slice(1, -1).replace(/\\(['\\])/g, '$1');
  return undefined;
}

/** The value of an attribute of an HTML tag's attributes (` href="/a" title='b'`). */
function htmlAttribute(attributes: string, name: string): string | undefined {
  const match = HTML_ATTRIBUTE(name).exec(attributes);
  return match ? (match[1] ?? match[2]!) : undefined;
}

/**
 * The address of a linking component's opening tag when the next component is its closing tag:
 * the text between them is the link's.
 *
 * @example linkBetween('<ScrimbaLink href="/x">', { type: 'html', value: '</ScrimbaLink>' }) //=> { href: '/x' }
 */
function linkBetween(opening: string, next: Nodes | undefined): { href: string } | undefined {
  const tag = OPENING_TAG.exec(opening.trim());
  if (!tag || next?.type !== 'html' || next.value.trim().replace(/\s+>$/, '>') !== `</${tag[1]}>`) return undefined;
  const href = htmlAttribute(tag[2]!, 'href');
  return href === undefined || DECORATIONS.has(tag[1]!.toLowerCase()) ? undefined : { href };
}

/**
 * A Markdown link; brackets in its text and spaces or brackets in its address escaped.
 *
 * @example markdownLink('Watch [lesson]', 'https://x.test/a b') //=> '[Watch \\[lesson\\]](<https://x.test/a b>)'
 */
function markdownLink(text: string, href: string): string {
  const label = text.replace(/([[\]])/g, '\\$1');
  return /[\s()<>]/.test(href) ? `[${label}](<${href.replace(/[<>]/g, encodeURIComponent)}>)` : `[${label}](${href})`;
}

function labelled(label: string, body: string): string {
  return label.trim() === '' ? body : `**${label.trim()}**\n\n${body}`;
}

function aside(label: string, body: string): string {
  const head = `**${label.trim()}**`;
  const text = body.trim() === '' ? head : `${head}\n\n${body}`;
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** What stands before `offset` on its line, container markers turned into spaces (`> ` kept). */
function linePrefix(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return source.slice(lineStart, offset).replace(/[^>\s]/g, ' ');
}

function reindent(text: string, prefix: string): string {
  if (prefix === '') return text;
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line === '' ? prefix.trimEnd() : prefix + line))
    .join('\n');
}

/** Strips up to `width` characters of indentation (spaces, tabs, `>`) from lines after the first. */
function dedent(text: string, width: number): string {
  if (width <= 0) return text;
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0) return line;
      let cut = 0;
      while (cut < width && cut < line.length && /[ \t>]/.test(line[cut]!)) cut++;
      return line.slice(cut);
    })
    .join('\n');
}
