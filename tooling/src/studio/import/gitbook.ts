/**
 * GitBook's blocks (`{% hint style="warning" %}` … `{% endhint %}`, `{% tabs %}`/`{% tab title="npm" %}`,
 * `{% code title="app.js" %}`, `{% content-ref %}`, `{% embed url="…" %}`) turned into what the rest of
 * the importer reads: a hint becomes a callout directive (`:::warning`), tabs the `tabs`/`tab`
 * directives, so `normalize.ts` renders them as it renders every other container; a code block
 * takes its `title`; a content reference keeps the link it holds; an embed or a file becomes a
 * link. Any other tag is left out, the text between a pair kept. Fenced code is never touched.
 */
import { directiveFence } from './containers.js';
import { renderPairedTags } from './paired-tags.js';

/** A tag alone on its line: `{% name key="value" %}` or `{% endname %}`. */
const LINE = /^([ \t]*)\{%-?\s*(end)?([\w-]+)((?:\s+[\w-]+=(?:"[^"]*"|'[^']*'))*)\s*-?%\}[ \t]*$/;
/** A tag inside a line. */
const INLINE = /\{%-?\s*(end)?([\w-]+)((?:\s+[\w-]+=(?:"[^"]*"|'[^']*'))*)\s*-?%\}/g;
const HINT_KINDS: Readonly<Record<string, string>> = { info: 'info', success: 'tip', warning: 'warning', danger: 'danger' };
interface Tag {
  readonly indent: string;
  readonly closing: boolean;
  readonly name: string;
  readonly args: Readonly<Record<string, string>>;
}

/**
 * @example gitbookBlocks('{% hint style="warning" %}\nBack up first.\n{% endhint %}') //=> ':::warning\nBack up first.\n:::'
 * @example gitbookBlocks('{% embed url="https://example.org/demo" %}') //=> '[https://example.org/demo](https://example.org/demo)'
 */
export function gitbookBlocks(markdown: string): string {
  if (!markdown.includes('{%')) return markdown;
  return renderPairedTags(markdown, tagOn, {
    pair(open, inner) {
      const rendered = inner();
      // `{% embed url="…" %}` with its caption inside, before `{% endembed %}`: a link by the caption.
      const caption = rendered.join(' ').trim();
      const link = linkOf(open.name, caption ? { ...open.args, caption } : open.args);
      if (link) return [`${open.indent}${link}`];
      const directive = directiveOf(open);
      if (!directive) return open.name === 'code' && open.args.title ? titled(rendered, open.args.title) : rendered;
      const fence = directiveFence(rendered.join('\n'), ...directive);
      return [`${open.indent}${fence.open}`, ...rendered, `${open.indent}${fence.close}`];
    },
    line: (line, tag) => (tag ? single(tag) : inline(line)),
  });
}

/** The tag that is all of a line, if it is one. */
function tagOn(line: string): Tag | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const [, indent, end, name, args] = match;
  return { indent: indent!, closing: end !== undefined, name: name!.toLowerCase(), args: parseArgs(args ?? '') };
}

/** The directive a pair becomes, or none for a pair whose tags only go (a code block's, a content reference's). */
function directiveOf(tag: Tag): [string, string | undefined] | undefined {
  if (tag.name === 'hint') return [HINT_KINDS[(tag.args.style ?? 'info').toLowerCase()] ?? 'info', undefined];
  if (tag.name === 'tabs') return ['tabs', undefined];
  if (tag.name === 'tab') return ['tab', tag.args.title];
  if (tag.name === 'details') return ['details', tag.args.summary ?? tag.args.title];
  return undefined;
}

/** A code block's lines with its title on the opening fence, as the importer writes one (`title="app.js"`). */
function titled(lines: readonly string[], title: string): string[] {
  const at = lines.findIndex((line) => /^[ \t]*(?:`{3,}|~{3,})/.test(line));
  if (at < 0) return [...lines];
  return lines.map((line, i) => (i === at ? `${line.trimEnd()} title=${JSON.stringify(title)}` : line));
}

/** A tag alone on its line that pairs with nothing: an embed or a file as its link, any other left out. */
function single(tag: Tag): string {
  const link = linkOf(tag.name, tag.args);
  return link ? `${tag.indent}${link}` : '';
}

/**
 * What an embed or a file stands for in text: a link to it, by its caption or its name.
 *
 * @example linkOf('file', { src: '.gitbook/assets/Quarterly report.pdf' }) //=> '[Quarterly report.pdf](<.gitbook/assets/Quarterly report.pdf>)'
 */
function linkOf(name: string, args: Readonly<Record<string, string>>): string | undefined {
  const target = name === 'embed' ? args.url : name === 'file' ? args.src : undefined;
  if (!target) return undefined;
  const label = (args.caption ?? (name === 'file' ? target.split('/').at(-1) : target) ?? target).replace(/([[\]\\])/g, '\\$1');
  return `[${label}](${/[\s()<>]/.test(target) ? `<${target.replace(/[<>]/g, '')}>` : target})`;
}

/** A line's inline tags: an embed or a file as its link, the rest left out. Code spans are kept as written. */
function inline(line: string): string {
  return line
    .split(/(`+[^`]*`+)/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece.replace(INLINE, (_tag, end: string | undefined, name: string, args: string) => {
            return end ? '' : (linkOf(name, parseArgs(args)) ?? '');
          }),
    )
    .join('');
}

function parseArgs(text: string): Record<string, string> {
  const named: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const match of text.matchAll(/([\w-]+)=(?:"([^"]*)"|'([^']*)')/g)) named[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  return named;
}
