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
  return blocks(markdown.split('\n')).join('\n');
}

function blocks(lines: readonly string[]): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
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
    const [, indent, ticks, rawName, argument] = open;
    const end = closing(lines, i, ticks!);
    const body = withoutOptions(lines.slice(i + 1, end < 0 ? lines.length : end));
    const name = rawName!.toLowerCase().replace(/^\w+:/, '');
    i = end < 0 ? lines.length : end;
    if (SITE_ONLY.has(name) || name.startsWith('auto')) continue;
    if (CODE.has(name)) {
      const ticks = codeFence(body.join('\n'));
      out.push(`${indent}${ticks}${argument!.trim()}`, ...body, `${indent}${ticks}`);
      continue;
    }
    const inner = blocks(body);
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

/** The line that closes the directive opened on line `at` with `ticks`: the same character, at least as many. */
function closing(lines: readonly string[], at: number, ticks: string): number {
  let depth = 0;
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const open = DIRECTIVE.exec(line);
    if (open && open[2] === ticks) depth++;
    const close = /^[ \t]*(`{3,}|:{3,})[ \t]*$/.exec(line);
    if (close && close[1]![0] === ticks[0] && close[1]!.length >= ticks.length) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** A directive's body without its options (`:caption: x` lines, or a `---` YAML block) at the top. */
function withoutOptions(body: readonly string[]): string[] {
  let start = 0;
  if (body[0]?.trim() === '---') {
    const end = body.findIndex((line, i) => i > 0 && line.trim() === '---');
    if (end > 0) start = end + 1;
  } else {
    while (start < body.length && OPTION.test(body[start]!)) start++;
  }
  while (start < body.length && body[start]!.trim() === '') start++;
  return body.slice(start);
}

/** Roles: code roles a code span, the others their text (a cross-reference's title, not its target). */
function roles(line: string): string {
  return line.replace(ROLE, (_role, name: string, content: string) => {
    const text = /^(.*?)\s*<[^<>]+>$/.exec(content)?.[1]?.trim() || content.replace(/^[~!]/, '');
    return CODE_ROLES.has(name.toLowerCase()) ? `\`${text}\`` : text;
  });
}
