/**
 * MyST Markdown (Sphinx, Jupyter Book) turned into what the rest of the importer reads: a fenced
 * directive (```` ```{note} ```` or `:::{note}`) becomes a generic directive (`:::note[Title]`),
 * which `normalize.ts` renders as every other container (an aside, tabs, details); `{code-block}`
 * becomes fenced code; directives that only build the site (`{toctree}`, `{include}`, autodoc) are
 * left out; roles (`` {ref}`Install <install>` ``) become their text, code roles a code span;
 * targets (`(label)=`) and `%` comments are left out. Plain fenced code is kept as written.
 */

import { codeFence, directiveFence } from './containers.js';

const DIRECTIVE = /^([ \t]*)(`{3,}|:{3,})\{([\w:.-]+)\}[ \t]*(.*)$/;
const OPTION = /^[ \t]*:[\w-]+:(?:[ \t].*)?$/;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const ROLE = /\{([\w:.-]+)\}`([^`]+)`/g;
const ADMONITIONS = new Set(['note', 'tip', 'hint', 'important', 'warning', 'caution', 'attention', 'danger', 'error', 'seealso', 'admonition']);
const CODE = new Set(['code-block', 'code', 'sourcecode', 'code-cell']);
/** Directives that build the site, not the page's text. */
const SITE_ONLY = new Set(['toctree', 'contents', 'include', 'literalinclude', 'tableofcontents', 'bibliography', 'glossary']);
const CODE_ROLES = new Set(['code', 'kbd', 'command', 'file', 'samp', 'envvar', 'option', 'program', 'literal', 'py:func', 'py:class', 'py:meth', 'py:mod', 'py:attr', 'func', 'class', 'meth', 'mod', 'attr']);

/**
 * @example mystDirectives('```{note}\nRead this.\n```') //=> ':::note\nRead this.\n:::'
 * @example mystDirectives('See {ref}`the install guide <install>`.') //=> 'See the install guide.'
 */
export function mystDirectives(markdown: string): string {
  const lines = markdown.split('\n');
  return blocks(lines, closings(lines), 0, lines.length, 0).join('\n');
}

/** Deeper directives than this are read as their text: a page's own nesting is a few levels. */
const MAX_DEPTH = 16;
/** Open directives a closing fence is matched against, innermost first. */
const MATCH_WINDOW = 64;
const CLOSE = /^[ \t]*(`{3,}|:{3,})[ \t]*$/;

/** Lines `from` to `to` (excluded) rendered, directives at `depth` of nesting. */
function blocks(lines: readonly string[], closing: ReadonlyMap<number, number>, from: number, to: number, depth: number): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    const open = fence === undefined ? DIRECTIVE.exec(line) : null;
    if (!open) {
      const marker = FENCE.exec(line);
      if (fence !== undefined) {
        if (marker && marker[1]!.startsWith(fence)) fence = undefined;
        out.push(line);
      } else if (marker) {
        fence = marker[1];
        out.push(line);
      } else if (!/^[ \t]*\([\w:.-]+\)=[ \t]*$/.test(line) && !/^%(?:[ \t]|$)/.test(line)) {
        out.push(roles(line));
      }
      continue;
    }
    const [, indent, , rawName, argument] = open;
    // An unclosed directive holds the rest of what holds it.
    const paired = closing.get(i);
    const end = paired !== undefined && paired < to ? paired : to;
    const start = bodyStart(lines, i + 1, end);
    const name = rawName!.toLowerCase().replace(/^\w+:/, '');
    i = end;
    if (SITE_ONLY.has(name) || name.startsWith('auto')) continue;
    if (CODE.has(name)) {
      const body = lines.slice(start, end);
      const ticks = codeFence(body.join('\n'));
      out.push(`${indent}${ticks}${argument!.trim()}`, ...body, `${indent}${ticks}`);
      continue;
    }
    if (depth >= MAX_DEPTH) {
      out.push(...lines.slice(start, end).map(roles));
      continue;
    }
    const inner = blocks(lines, closing, start, end, depth + 1);
    const [directive, label] = ADMONITIONS.has(name)
      ? [name === 'admonition' || name === 'seealso' ? 'note' : name, name === 'seealso' ? 'See also' : argument!.trim()]
      : name === 'tab-set'
        ? ['tabs', '']
        : name === 'tab-item'
          ? ['tab', argument!.trim()]
          : name === 'dropdown'
            ? ['details', argument!.trim()]
            : [name, argument!.trim()];
    const wrap = directiveFence(inner.join('\n'), directive, label);
    out.push(`${indent}${wrap.open}`, ...inner, `${indent}${wrap.close}`);
  }
  return out;
}

/**
 * The line that closes each directive, by the line that opens it, in one pass: a closing fence
 * closes the innermost open directive fenced with the same character and no more of them.
 */
function closings(lines: readonly string[]): Map<number, number> {
  const open: { line: number; ticks: string }[] = [];
  const closing = new Map<number, number>();
  lines.forEach((line, i) => {
    const directive = DIRECTIVE.exec(line);
    if (directive) {
      open.push({ line: i, ticks: directive[2]! });
      return;
    }
    const close = CLOSE.exec(line)?.[1];
    if (close === undefined) return;
    for (let k = open.length - 1; k >= Math.max(0, open.length - MATCH_WINDOW); k--) {
      if (open[k]!.ticks[0] !== close[0] || open[k]!.ticks.length > close.length) continue;
      closing.set(open[k]!.line, i);
      open.splice(k, 1);
      break;
    }
  });
  return closing;
}

/** Where a directive's body starts after its options (`:caption: x` lines, or a `---` YAML block) and blank lines. */
function bodyStart(lines: readonly string[], from: number, to: number): number {
  let start = from;
  if (lines[from]?.trim() === '---' && from < to) {
    for (let i = from + 1; i < to; i++) {
      if (lines[i]!.trim() !== '---') continue;
      start = i + 1;
      break;
    }
  } else {
    while (start < to && OPTION.test(lines[start]!)) start++;
  }
  while (start < to && lines[start]!.trim() === '') start++;
  return start;
}

/** Roles: code roles a code span, the others their text (a cross-reference's title, not its target). */
function roles(line: string): string {
  return line.replace(ROLE, (_role, name: string, content: string) => {
    const text = /^(.*?)\s*<[^<>]+>$/.exec(content)?.[1]?.trim() || content.replace(/^[~!]/, '');
    return CODE_ROLES.has(name.toLowerCase()) ? `\`${text}\`` : text;
  });
}
