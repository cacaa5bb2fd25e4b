/**
 * VitePress's code block extras, read as the site shows them: a `[label]` after the language (a
 * file name, or a tab of a code group) becomes a title, as Starlight's code blocks take one; and a
 * `twoslash` block keeps only the code readers see: the set-up above `// ---cut---` (or
 * `---cut-before---`), what follows `// ---cut-after---`, compiler flags (`// @noErrors`,
 * `// @filename: x.ts`) and type queries (`// ^?`) are Twoslash's, not the example's.
 */

const OPENING = /^([ \t]*)(`{3,}|~{3,})([^\s`{[]*)(.*)$/;
const LABEL = /\[([^\]]+)\]/;
const CUT_BEFORE = /^\s*\/\/\s*---cut(?:-before)?---\s*$/;
const CUT_AFTER = /^\s*\/\/\s*---cut-after---\s*$/;
/** Twoslash's own lines: compiler flags and queries (`// ^?`, `//    ^|`). */
const TWOSLASH_LINE = /^\s*\/\/\s*(?:@\w+(?::.*)?|\^[?|^].*)\s*$/;

/**
 * @example vitepressCode('```js twoslash\nimport "vite/client"\n// ---cut---\nconsole.log(1)\n```') //=> '```js\nconsole.log(1)\n```'
 * @example vitepressCode('```yaml [.gitlab-ci.yml]\npages: {}\n```') //=> '```yaml title=".gitlab-ci.yml"\npages: {}\n```'
 */
export function vitepressCode(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const opening = OPENING.exec(lines[i]!);
    if (!opening) {
      out.push(lines[i]!);
      continue;
    }
    const [, indent, fence, lang, meta] = opening as unknown as [string, string, string, string, string];
    const close = lines.findIndex((line, j) => j > i && line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '' && line.trim().length >= fence.length);
    const end = close < 0 ? lines.length : close;
    let body = lines.slice(i + 1, end);
    const words = meta.trim().split(/\s+/).filter(Boolean);
    if (words.includes('twoslash')) body = readersCode(body);
    const label = LABEL.exec(meta)?.[1];
    const rest = meta.replace(LABEL, '').split(/\s+/).filter((word) => word !== '' && word !== 'twoslash');
    const title = label !== undefined && !/\btitle=/.test(meta) ? [`title=${JSON.stringify(label.trim())}`] : [];
    out.push(`${indent}${fence}${[lang, ...rest, ...title].filter(Boolean).join(' ')}`, ...body);
    if (close >= 0) out.push(lines[close]!);
    i = end;
  }
  return out.join('\n');
}

/** The lines of a Twoslash block that its page shows. */
function readersCode(body: readonly string[]): string[] {
  const before = body.findLastIndex((line) => CUT_BEFORE.test(line));
  const after = body.findIndex((line) => CUT_AFTER.test(line));
  const shown = body.slice(before + 1, after < 0 ? body.length : after);
  return shown.filter((line) => !TWOSLASH_LINE.test(line));
}
