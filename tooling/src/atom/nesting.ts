/**
 * How deep a document may nest: block quotes, lists and inline markup in the body, collections in
 * the header. The Markdown parser and the tools after it (plain text, lint rules, the site's HTML
 * pipeline) walk trees by recursion, and the parser's time grows faster than the nesting, so a
 * document nested thousands of levels deep stops a whole run. Each check here is a loop, cheap
 * next to parsing, and finds the first place that goes too deep.
 */
import { isMap, isPair, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Node, Parent } from 'unist';

/**
 * Levels of nesting a document may have: tree levels of the Markdown body, collections of the
 * header. Real atoms stay under ten; js-yaml (which the site and `--changed` read headers with)
 * stops at 100 as well.
 */
export const MAX_NESTING = 100;

// A line that is only `-`, `*` or `_` (three or more, spaces between) is a thematic break, not lists.
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/**
 * Offset of the first block quote or list marker that opens more than `MAX_NESTING` containers on
 * one line (`>>>>…`, `- - - …`, `> 1. > 1. …`), before the parser sees them. Such a line nests at
 * least one tree level per marker, and the parser's time grows with the square of them.
 *
 * @example deepBlockMarker('>'.repeat(101) + ' x') //=> 100
 */
export function deepBlockMarker(text: string): number | undefined {
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let i = lineStart;
    let markers = 0;
    while (i < lineEnd) {
      const code = text.charCodeAt(i);
      if (code === 0x20 || code === 0x09) i++;
      else if (code === 0x3e /* > */) {
        if (++markers > MAX_NESTING) break;
        i++;
      } else {
        const end = listMarkerEnd(text, i, lineEnd);
        if (end === undefined) break;
        if (++markers > MAX_NESTING) break;
        i = end;
      }
    }
    if (markers > MAX_NESTING && !THEMATIC_BREAK.test(text.slice(lineStart, lineEnd))) return i;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** End of a list marker (`-`, `*`, `+`, `1.`, `1)`) at `i` followed by a space, tab or the line end. */
function listMarkerEnd(text: string, i: number, lineEnd: number): number | undefined {
  const code = text.charCodeAt(i);
  let end = i;
  if (code === 0x2d || code === 0x2a || code === 0x2b) end = i + 1;
  else {
    while (end < lineEnd && end - i < 9 && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++;
    if (end === i || (text[end] !== '.' && text[end] !== ')')) return undefined;
    end++;
  }
  const next = text.charCodeAt(end);
  return end === lineEnd || next === 0x20 || next === 0x09 ? end : undefined;
}

/**
 * An upper bound of the levels `deepNode` counts in the Markdown tree of `text`, from one pass over
 * the text instead of a parse, so a caller that needs no tree can still refuse what nests too deep:
 * a text whose bound is over `MAX_NESTING` must be parsed to know.
 *
 * Why it bounds: block containers open only at the start of a line, after the markers that keep
 * their parents open on that line (`>` for a quote, an indent of at least two columns for a list
 * item, four for a footnote), so the containers a leaf block opens in are at most one level per
 * column of indent, per `>` and per footnote label, and two (list and item) per list marker. A leaf
 * block takes at most three levels (table, row, cell); inline content never spans a blank line, and
 * each level of emphasis, strikethrough or link inside it takes a delimiter (`*`, `_`, `~`, `[`,
 * `]`) on each side, so a run of lines between blank lines nests at most half its delimiters deep,
 * plus an autolink and the text itself.
 *
 * @example nestingBound('> - *a*') //=> 11 (block quote, list and item, a space after each marker, paragraph, emphasis)
 */
export function nestingBound(text: string): number {
  let bound = 0;
  let inRun = false;
  let containers = 0;
  let delimiters = 0;
  let lineStart = 0;
  const endRun = () => {
    if (inRun) bound = Math.max(bound, containers + Math.floor(delimiters / 2) + LEAF_LEVELS);
    inRun = false;
    containers = 0;
    delimiters = 0;
  };
  while (lineStart <= text.length) {
    // Markdown ends lines at CR, LF or CR LF.
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
    const prefixEnd = containerPrefixEnd(text, lineStart, lineEnd);
    if (prefixEnd.end === lineEnd && prefixEnd.levels === prefixEnd.columns) {
      // Spaces and tabs only: a blank line, which ends every paragraph.
      endRun();
    } else {
      inRun = true;
      containers = Math.max(containers, prefixEnd.levels);
      delimiters += delimitersIn(text, lineStart, lineEnd);
    }
    if (lineEnd === text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1);
  }
  endRun();
  return bound;
}

/** Levels a leaf block takes below its containers, with what inline content adds besides delimited markup. */
const LEAF_LEVELS = 3 + 2;

/**
 * Where the container markers that open a line end, how many levels they can open or keep open
 * (one per column of indent, per `>` and per footnote label, two per list marker) and how many of
 * those are columns of blank (a tab counts as the four columns it can be).
 */
function containerPrefixEnd(text: string, start: number, end: number): { end: number; levels: number; columns: number } {
  let levels = 0;
  let columns = 0;
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09) {
      const width = code === 0x09 ? 4 : 1;
      levels += width;
      columns += width;
      i++;
    } else if (code === 0x3e /* > */) {
      levels++;
      i++;
    } else if (code === 0x5b /* [ */ && text.charCodeAt(i + 1) === 0x5e /* ^ */) {
      const labelEnd = footnoteLabelEnd(text, i + 2, end);
      if (labelEnd === undefined) break;
      levels++;
      i = labelEnd;
    } else {
      const markerEnd = listMarkerEnd(text, i, end);
      if (markerEnd === undefined) break;
      levels += 2;
      i = markerEnd;
    }
  }
  return { end: i, levels, columns };
}

/** End of a footnote definition's `[^label]:` whose label starts at `i` (escapes skipped). */
function footnoteLabelEnd(text: string, i: number, end: number): number | undefined {
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x5c /* \ */) i++;
    else if (code === 0x5d /* ] */) return text.charCodeAt(i + 1) === 0x3a /* : */ ? i + 2 : undefined;
  }
  return undefined;
}

/**
 * Characters that can open or close a level of inline markup: `*`, `_`, `~`, `[` and `]`. An `_`
 * between two letters or digits (`snake_case`) can do neither, as CommonMark's flanking rules say.
 */
function delimitersIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2a || code === 0x7e || code === 0x5b || code === 0x5d) count++;
    else if (code === 0x5f && !(i > start && isAsciiAlphanumeric(text.charCodeAt(i - 1)) && isAsciiAlphanumeric(text.charCodeAt(i + 1)))) count++;
  }
  return count;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * The first node (in document order) more than `MAX_NESTING` levels below the root.
 *
 * @example deepNode(parseMarkdown('*a '.repeat(200) + 'x' + ' a*'.repeat(200)))?.position?.start.line //=> 1
 */
export function deepNode(tree: Node): Node | undefined {
  const stack: [Node, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_NESTING) return node;
    const children = (node as Partial<Parent>).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  return undefined;
}

/**
 * Offset of the first `[` or `{` in YAML source that opens a flow collection more than
 * `MAX_NESTING` levels deep (quoted scalars and comments skipped). The YAML parser recurses
 * into flow collections; thousands of them exhaust its stack and give one error per level.
 *
 * @example deepFlowCollection('tags: ' + '['.repeat(101)) //=> 106
 */
export function deepFlowCollection(yaml: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < yaml.length; i++) {
    const char = yaml[i];
    if (char === '[' || char === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
    else if (char === '"') i = quotedEnd(yaml, i, '"');
    else if (char === "'") {
      // An apostrophe inside a plain word (`don't`) does not start a quoted scalar.
      if (i === 0 || /[\s[{,:-]/.test(yaml[i - 1]!)) i = quotedEnd(yaml, i, "'");
    } else if (char === '#' && (i === 0 || /\s/.test(yaml[i - 1]!))) {
      const newline = yaml.indexOf('\n', i);
      i = newline === -1 ? yaml.length : newline;
    }
  }
  return undefined;
}

/** Index of the closing quote of a scalar opened at `start` (the end of the text when unclosed). */
function quotedEnd(yaml: string, start: number, quote: '"' | "'"): number {
  for (let i = start + 1; i < yaml.length; i++) {
    if (quote === '"' && yaml[i] === '\\') i++;
    else if (yaml[i] === quote) {
      if (quote === "'" && yaml[i + 1] === "'") i++;
      else return i;
    }
  }
  return yaml.length;
}

/**
 * The first collection of a parsed YAML document nested more than `MAX_NESTING` levels deep
 * (block collections nest by indentation, which `deepFlowCollection` does not measure).
 */
export function deepYamlNode(doc: Document): YamlNode | undefined {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_NESTING) return node;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.value, depth + 1], [item.key, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}
