/**
 * Parses the text of one atom into its header (a YAML document with source positions) and its
 * body (an mdast tree whose positions are file positions), never throwing: everything wrong with
 * the file becomes a positioned problem that a lint rule reports.
 */
import { parseDocument, isMap, isNode, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { headingAnchors } from './identity.js';
import { parseMarkdown } from './markdown.js';
import { deepBlockMarker, deepFlowCollection, deepNode, deepYamlNode, MAX_NESTING, nestingBound } from './nesting.js';
import { LineIndex, FILE_START, type Range } from './position.js';

export interface AtomProblem {
  /** The rule code that reports it, e.g. `frontmatter/yaml-syntax`. */
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly range: Range;
}

export interface AtomHeaderSource {
  /** From the opening `---` to the end of the closing delimiter line. */
  readonly range: Range;
  /** Offset in the text where the YAML starts (after the opening delimiter line). */
  readonly yamlOffset: number;
  readonly yaml: string;
  readonly doc: Document;
}

export interface AtomHeading {
  readonly text: string;
  readonly depth: number;
  readonly anchor: string;
  readonly range: Range;
}

export interface AtomSection {
  readonly heading: AtomHeading;
  /** Block nodes under the heading, up to the next heading of the same or a higher level. */
  readonly nodes: readonly RootContent[];
  /** Markdown source of the nodes. */
  readonly markdown: string;
  /** From the heading to the end of the section. */
  readonly range: Range;
  readonly startOffset: number;
  readonly endOffset: number;
}

export interface ParsedAtomText {
  /** The text as parsed: BOM removed, line endings normalized to LF. */
  readonly text: string;
  readonly bom: boolean;
  readonly crlf: boolean;
  readonly frontmatter: AtomHeaderSource | undefined;
  /** The header as plain data, when the YAML parsed (its shape is not checked here). */
  readonly data: unknown;
  readonly tree: Root;
  /** Block nodes before the first `##` section. */
  readonly lead: readonly RootContent[];
  /** One per `##` heading, in order. */
  readonly sections: readonly AtomSection[];
  /** All headings, with the anchors the site renders. */
  readonly headings: readonly AtomHeading[];
  readonly words: number;
  readonly problems: readonly AtomProblem[];
  readonly lines: LineIndex;
  /** Where a header value is (falls back to its key, then its parent, then the header). */
  positionOf(path: readonly (string | number)[]): Range;
  /** Where a header key is, for problems about the key itself (unknown fields). */
  keyPositionOf(path: readonly (string | number)[]): Range;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

export interface ParseOptions {
  /**
   * Leave the body unparsed, the larger part of the work, for a caller that needs only the header:
   * the atom then has an empty tree, no sections or headings and no words. A body that might nest
   * too deep (`nestingBound`) is parsed all the same, so it is refused exactly as a full parse
   * refuses it. @default false
   */
  readonly skipBody?: boolean;
}

/**
 * Parses atom text.
 *
 * @example parseAtomText('---\ntitle: X\n---\n\nBody').data //=> { title: 'X' }
 */
export function parseAtomText(input: string, options: ParseOptions = {}): ParsedAtomText {
  const bom = input.charCodeAt(0) === 0xfeff;
  const unbommed = bom ? input.slice(1) : input;
  const crlf = unbommed.includes('\r\n');
  const text = crlf || unbommed.includes('\r') ? unbommed.replace(/\r\n?/g, '\n') : unbommed;
  const lines = new LineIndex(text);
  const problems: AtomProblem[] = [];

  const found = findHeader(text, lines, problems);
  const deepFlow = found && deepFlowCollection(found.yaml);
  if (found && deepFlow !== undefined) return unparsedAtomText(tooDeep(lines, found.yamlOffset + deepFlow, 'header'));
  const split: AtomHeaderSource | undefined = found && { ...found, doc: parseDocument(found.yaml, YAML_OPTIONS) };
  let data: unknown;
  if (split) {
    // The parser reports a collection it could not nest (its stack ran out) as RESOURCE_EXHAUSTION.
    const exhausted = split.doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
    const deepCollection = exhausted ? exhausted.pos[0] : split.doc.errors.length === 0 ? deepYamlNode(split.doc)?.range?.[0] : undefined;
    if (deepCollection !== undefined) return unparsedAtomText(tooDeep(lines, split.yamlOffset + deepCollection, 'header'));
    // One broken bracket can give the same error once per level of nesting: each is reported once.
    const seen = new Set<string>();
    for (const error of split.doc.errors) {
      const [from = 0, to = from] = error.pos;
      const problem: AtomProblem = {
        code: error.code === 'DUPLICATE_KEY' ? 'frontmatter/duplicate-key' : 'frontmatter/yaml-syntax',
        message: yamlMessage(error.code, error.message),
        range: lines.range(split.yamlOffset + from, split.yamlOffset + Math.max(to, from)),
      };
      const key = `${problem.code} ${from} ${to} ${problem.message}`;
      if (!seen.has(key)) problems.push(problem);
      seen.add(key);
    }
    if (split.doc.errors.length === 0) {
      try {
        data = split.doc.toJS({ maxAliasCount: 50 });
      } catch (error) {
        problems.push({
          code: 'frontmatter/yaml-syntax',
          message: `The header could not be read: ${(error as Error).message}.`,
          range: split.range,
        });
      }
    }
  }

  const parsed: Omit<ParsedAtomText, 'tree' | 'lead' | 'sections' | 'headings' | 'words'> = {
    text,
    bom,
    crlf,
    frontmatter: split,
    data,
    problems,
    lines,
    positionOf: (path) => (split ? valueRange(split, lines, path) : FILE_START),
    keyPositionOf: (path) => (split ? keyRange(split, lines, path) : FILE_START),
  };
  const bodyStart = split ? lines.lineStart(split.range.end!.line + 1) : 0;
  if (options.skipBody && nestingBound(text.slice(bodyStart)) <= MAX_NESTING) return { ...parsed, tree: { type: 'root', children: [] }, lead: [], sections: [], headings: [], words: 0 };
  // Mask the header with blanks (newlines kept) so body positions are file positions.
  const masked = split ? text.slice(0, bodyStart).replace(/[^\n]/g, ' ') + text.slice(bodyStart) : text;
  const deepMarker = deepBlockMarker(masked);
  if (deepMarker !== undefined) return unparsedAtomText(tooDeep(lines, deepMarker, 'body'));
  const tree = parseMarkdown(masked);
  const deep = deepNode(tree);
  if (deep) return unparsedAtomText(tooDeep(lines, deep.position?.start.offset ?? 0, 'body'));

  const headingNodes = tree.children.filter((node) => node.type === 'heading');
  const anchors = headingAnchors(headingNodes.map((node) => toString(node)));
  const headings: AtomHeading[] = headingNodes.map((node, i) => ({
    text: toString(node),
    depth: node.depth,
    anchor: anchors[i] ?? '',
    range: nodeRange(node),
  }));

  const sections: AtomSection[] = [];
  const lead: RootContent[] = [];
  let current: { heading: AtomHeading; nodes: RootContent[]; start: number } | undefined;
  let headingIndex = 0;
  const close = (end: number) => {
    if (!current) return;
    const first = current.nodes[0];
    const contentStart = first?.position?.start.offset ?? end;
    sections.push({
      heading: current.heading,
      nodes: current.nodes,
      markdown: text.slice(contentStart, end).trim(),
      range: lines.range(current.start, end),
      startOffset: contentStart,
      endOffset: end,
    });
  };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const heading = headings[headingIndex++]!;
      if (node.depth <= 2) {
        close(node.position?.start.offset ?? 0);
        current = node.depth === 2 ? { heading, nodes: [], start: node.position?.start.offset ?? 0 } : undefined;
        continue;
      }
    }
    if (current) current.nodes.push(node);
    else lead.push(node);
  }
  close(trimEnd(text));

  return { ...parsed, tree, lead, sections, headings, words: countWords(tree) };
}

/** Counts words the way a reader would (Intl.Segmenter, so Japanese counts too). */
export function countWords(tree: Root): number {
  let words = 0;
  for (const node of tree.children) {
    if (node.type === 'yaml' || node.type === 'html') continue;
    words += textWords(toString(node));
  }
  return words;
}

/** Counts the words of a text the way a reader would (see `countWords`). */
export function textWords(text: string): number {
  // Scripts written without spaces need the segmenter; a regex counts the rest far faster.
  if (!writtenWithoutSpaces(text)) return text.match(SPACED_WORD)?.length ?? 0;
  let words = 0;
  for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) words++;
  return words;
}

/** Whether a text has words of a script written without spaces between them (Japanese, Chinese, Thai). */
export function writtenWithoutSpaces(text: string): boolean {
  return UNSPACED_SCRIPT.test(text);
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SPACED_WORD = /[\p{L}\p{N}\p{M}]+(?:['’.:_][\p{L}\p{N}\p{M}]+)*/gu;

/**
 * What an atom whose text is not parsed has: no header, an empty body, and the one problem that
 * says why (the file cannot be read, is too large, or nests too deep).
 */
export function unparsedAtomText(problem: AtomProblem): ParsedAtomText {
  return { ...parseAtomText(''), problems: [problem] };
}

function tooDeep(lines: LineIndex, offset: number, where: 'header' | 'body'): AtomProblem {
  const what = where === 'header' ? 'lists and maps in the header' : 'block quotes, lists or inline markup in the body';
  return {
    code: 'file/too-deep',
    message: `The file nests ${what} more than ${MAX_NESTING} levels deep, so it is not parsed.`,
    hint: 'Flatten the nesting: real atoms need a few levels at most.',
    range: { start: lines.position(offset) },
  };
}

const YAML_OPTIONS = { uniqueKeys: true, prettyErrors: false, strict: true, version: '1.2' } as const;

function findHeader(text: string, lines: LineIndex, problems: AtomProblem[]): Omit<AtomHeaderSource, 'doc'> | undefined {
  if (text.trim() === '') {
    problems.push({
      code: 'frontmatter/missing',
      message: 'The file is empty; an atom starts with a YAML header between `---` lines.',
      range: FILE_START,
    });
    return undefined;
  }
  const firstLineEnd = text.indexOf('\n');
  const firstLine = firstLineEnd === -1 ? text : text.slice(0, firstLineEnd);
  if (!OPEN.test(firstLine)) {
    problems.push({
      code: 'frontmatter/missing',
      message: `Expected the file to start with \`---\` (a YAML header), found \`${truncate(firstLine, 40)}\`.`,
      range: { start: { line: 1, column: 1 }, end: { line: 1, column: Math.max(1, firstLine.length + 1) } },
    });
    return undefined;
  }
  const yamlOffset = firstLineEnd + 1;
  let offset = yamlOffset;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const line = text.slice(offset, end === -1 ? text.length : end);
    if (CLOSE.test(line)) {
      return { range: lines.range(0, offset + line.length), yamlOffset, yaml: text.slice(yamlOffset, offset) };
    }
    if (end === -1) break;
    offset = end + 1;
  }
  problems.push({
    code: 'frontmatter/unterminated',
    message: 'The YAML header opened on line 1 is never closed: expected a line with only `---`.',
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 4 } },
  });
  return undefined;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'A field is set twice in the header; YAML keys must be unique.';
    case 'TAB_AS_INDENT':
      return 'A tab is used for indentation in the header; YAML indents with spaces only.';
    default:
      return `Invalid YAML in the header: ${first.replace(/\.$/, '')}.`;
  }
}

function nodeAt(doc: Document, path: readonly (string | number)[]): YamlNode | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isNode(node) ? node : undefined;
}

function yamlRange(split: AtomHeaderSource, lines: LineIndex, node: YamlNode): Range | undefined {
  if (!node.range) return undefined;
  const [start, valueEnd] = node.range;
  return lines.range(split.yamlOffset + start, split.yamlOffset + Math.max(start, valueEnd));
}

function valueRange(split: AtomHeaderSource, lines: LineIndex, path: readonly (string | number)[]): Range {
  for (let depth = path.length; depth > 0; depth--) {
    const node = nodeAt(split.doc, path.slice(0, depth));
    const range = node && yamlRange(split, lines, node);
    if (range) return range;
    const key = keyRange(split, lines, path.slice(0, depth));
    if (key !== split.range) return key;
  }
  const root = nodeAt(split.doc, []);
  return (root && yamlRange(split, lines, root)) ?? split.range;
}

function keyRange(split: AtomHeaderSource, lines: LineIndex, path: readonly (string | number)[]): Range {
  const parent = nodeAt(split.doc, path.slice(0, -1));
  const last = path.at(-1);
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === last);
    const key = pair && isNode(pair.key) ? yamlRange(split, lines, pair.key) : undefined;
    if (key) return key;
  }
  return split.range;
}

function nodeRange(node: RootContent): Range {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end;
  return end ? { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } } : { start };
}

function trimEnd(text: string): number {
  return text.trimEnd().length;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
