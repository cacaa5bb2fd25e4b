/**
 * Jekyll pages (Liquid tags and kramdown attribute lists) turned into the Markdown they render:
 * `{% highlight ruby %}` becomes fenced code, `{% raw %}` keeps what it guards as written,
 * `{% comment %}` and what it holds are left out, `{% link x.md %}` and `{{ '/x' | relative_url }}`
 * become the path they name, a just-the-docs callout (`{: .note }` above a paragraph) a labelled
 * blockquote, `{{ site.title }}` the value `_config.yml` gives; other tags and variables and
 * attribute lists are left out. Fenced code is never touched, nor code spans.
 */
import { fencedCode } from '../../text/fences.js';
import { codeFence } from './containers.js';

const TAG = /\{%-?\s*(\w+)([^%]*?)-?%\}/g;
const OUTPUT = /\{\{-?\s*([^}]*?)\s*-?\}\}/g;
const CALLOUT = /^[ \t]*\{:\s*\.(note|tip|important|warning|caution|danger|highlight|new)(?:[-\w]*)(?:\s[^}]*)?\}[ \t]*$/i;
const ATTRIBUTES = /[ \t]*\{:[^}\n]*\}/g;
const LINK_TAGS = new Set(['link', 'post_url']);

/**
 * @example jekyllLiquid('{% highlight ruby %}\nputs 1\n{% endhighlight %}') //=> '```ruby\nputs 1\n```'
 * @example jekyllLiquid('[Install]({% link docs/install.md %})') //=> '[Install](docs/install.md)'
 */
export function jekyllLiquid(markdown: string, site: Readonly<Record<string, unknown>> = {}): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  const code = fencedCode();
  // The first `{% endhighlight %}` at or after each line, found in one pass from the end.
  const endHighlight: number[] = [];
  for (let i = lines.length - 1, next = -1; i >= 0; i--) endHighlight[i] = next = /\{%-?\s*endhighlight\s*-?%\}/.test(lines[i]!) ? i : next;
  let raw = false;
  let comment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (comment) {
      comment = !/\{%-?\s*endcomment\s*-?%\}/.test(line);
      continue;
    }
    if (raw) {
      const end = /\{%-?\s*endraw\s*-?%\}/.exec(line);
      if (end) raw = false;
      const rest = end ? line.replace(end[0], '') : line;
      if (!end || rest.trim() !== '') out.push(rest);
      continue;
    }
    if (code(line)) {
      out.push(line);
      continue;
    }
    const block = /^([ \t]*)\{%-?\s*(highlight|raw|comment)\b([^%]*?)-?%\}[ \t]*$/.exec(line);
    if (block?.[2] === 'comment') {
      comment = true;
      continue;
    }
    if (block?.[2] === 'raw') {
      raw = true;
      continue;
    }
    if (block?.[2] === 'highlight') {
      const end = endHighlight[i + 1] ?? -1;
      if (end > i) {
        const code = lines.slice(i + 1, end);
        const ticks = codeFence(code.join('\n'));
        out.push(`${block[1]}${ticks}${block[3]!.trim().split(/\s+/)[0] ?? ''}`, ...code, `${block[1]}${ticks}`);
        i = end;
        continue;
      }
    }
    const callout = CALLOUT.exec(line);
    if (callout) {
      // The paragraph below the attribute list is the callout.
      let end = i + 1;
      while (end < lines.length && lines[end]!.trim() !== '') end++;
      const kind = callout[1]!.toLowerCase();
      out.push(`> **${kind.charAt(0).toUpperCase()}${kind.slice(1)}**`, '>', ...lines.slice(i + 1, end).map((text) => `> ${inline(text, site)}`));
      i = end - 1;
      continue;
    }
    out.push(inline(line, site));
  }
  return out.join('\n');
}

/** A line's Liquid outside code spans and `raw`: link tags and URL filters by their path, the rest left out. */
function inline(line: string, site: Readonly<Record<string, unknown>>): string {
  return line
    .split(/(`+[^`]*`+|\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\})/)
    .map((piece, i) => {
      if (i % 2 === 1) return piece.replace(/\{%-?\s*(?:end)?raw\s*-?%\}/g, '');
      return piece
        .replace(TAG, (_tag, name: string, args: string) => (LINK_TAGS.has(name) ? args.trim() : ''))
        .replace(OUTPUT, (_output, expression: string) => {
          const path = /^(['"])([^'"]*)\1\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)/.exec(expression);
          if (path) return path[2]!;
          // `site.title` and the like, from `_config.yml`; the base URL is the atoms' own.
          const variable = /^site\.(\w+)$/.exec(expression.trim())?.[1];
          const value = variable && variable !== 'baseurl' && variable !== 'url' ? site[variable] : undefined;
          return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
        })
        .replace(ATTRIBUTES, '');
    })
    .join('');
}
