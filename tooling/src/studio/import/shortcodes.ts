/**
 * Hugo shortcodes (`{{< name >}}`, `{{% name %}}`) turned into what the rest of the importer
 * reads: a paired shortcode alone on its lines becomes a generic directive (`:::note[Title]`),
 * which `normalize.ts` renders as it renders every other container (an aside, tabs, details);
 * `highlight` becomes fenced code; `ref` and `relref` become the path they name, so a link to
 * another page resolves; any other inline shortcode is left out, the text between a pair kept.
 * Escaped shortcodes (a comment mark just inside each delimiter, shown on pages about shortcodes)
 * read as written without the marks. Fenced code is never touched, nor code spans but for those marks.
 */

import { codeFence, directiveFence } from './containers.js';
import { renderPairedTags } from './paired-tags.js';

/** `{{< name args >}}` or `{{% /name %}}` (Hugo trims the spaces inside the delimiters). */
const SHORTCODE = /\{\{([<%])\s*(\/?)\s*([\w./-]+)((?:\s+(?:[\w-]+=)?(?:"[^"]*"|'[^']*'|`[^`]*`|[^\s"'`%>]+))*)\s*[>%]\}\}/g;
const LINE = new RegExp(`^([ \\t]*)${SHORTCODE.source}[ \\t]*$`);
const ESCAPED = /\{\{([<%])\/\*\s*([\s\S]*?)\s*\*\/[>%]\}\}/g;
/** Shortcodes that stand for a callout; their kind is their name or their first argument (`{{% notice warning %}}`). */
const CALLOUTS = new Set(['alert', 'notice', 'callout', 'admonition', 'hint', 'note', 'tip', 'info', 'warning', 'caution', 'danger', 'important']);
const CALLOUT_KINDS = new Set(['note', 'tip', 'info', 'warning', 'caution', 'danger', 'important', 'success', 'error', 'primary', 'secondary']);
const TAB_GROUPS = new Set(['tabs', 'tabpane', 'tabpanes', 'code-tabs']);
const TABS = new Set(['tab', 'tabitem']);

interface Call {
  readonly indent: string;
  readonly closing: boolean;
  readonly name: string;
  readonly args: { readonly positional: readonly string[]; readonly named: Readonly<Record<string, string>> };
}

/**
 * @example hugoShortcodes('{{< note >}}\nRead this.\n{{< /note >}}') //=> ':::note\nRead this.\n:::'
 * @example hugoShortcodes('See [install]({{< ref "install.md" >}}).') //=> 'See [install](install.md).'
 */
export function hugoShortcodes(markdown: string): string {
  if (!markdown.includes('{{')) return markdown;
  return renderPairedTags(markdown, callOn, {
    pair(open, inner, raw) {
      if (open.name === 'highlight') {
        const ticks = codeFence(raw.join('\n'));
        return [`${open.indent}${ticks}${open.args.positional[0] ?? ''}`, ...raw, `${open.indent}${ticks}`];
      }
      const rendered = inner();
      const fence = directiveFence(rendered.join('\n'), ...directive(open));
      return [`${open.indent}${fence.open}`, ...rendered, `${open.indent}${fence.close}`];
    },
    line: inline,
  });
}

/** The shortcode call that is all of a line, if it is one. */
function callOn(line: string): Call | undefined {
  const match = LINE.exec(line);
  if (!match) return undefined;
  const [, indent, , slash, name, args] = match;
  return { indent: indent!, closing: slash === '/', name: name!.toLowerCase(), args: parseArgs(args ?? '') };
}

/** The directive name and label a paired shortcode becomes. */
function directive(call: Call): [string, string | undefined] {
  const { positional, named } = call.args;
  if (TAB_GROUPS.has(call.name)) return ['tabs', undefined];
  if (TABS.has(call.name)) return ['tab', named.name ?? named.title ?? named.header ?? positional[0]];
  if (call.name === 'details') return ['details', named.summary ?? named.title ?? positional[0]];
  if (CALLOUTS.has(call.name)) {
    const kind = [named.type, named.color, positional[0], call.name].find((word) => word !== undefined && CALLOUT_KINDS.has(word.toLowerCase()))?.toLowerCase() ?? 'note';
    return [kind, named.title];
  }
  return [call.name.replace(/[^\w-]/g, '-'), named.title];
}

/** A line's inline shortcodes: `ref`/`relref` by their path, escaped ones as written, the rest left out. */
function inline(line: string): string {
  return line
    .split(/(`+[^`]*`+)/)
    .map((piece, i) => {
      const unescaped = (text: string) => text.replace(ESCAPED, (_call, delimiter: string, inner: string) => `{{${delimiter} ${inner} ${delimiter === '<' ? '>' : '%'}}}`);
      if (i % 2 === 1) return unescaped(piece);
      // Escaped calls never match SHORTCODE (`/*` is no name), so they are read as written after.
      return unescaped(
        piece.replace(SHORTCODE, (_call, _delimiter: string, slash: string, name: string, args: string) => {
          const parsed = parseArgs(args);
          return !slash && (name === 'ref' || name === 'relref') ? (parsed.named.path ?? parsed.positional[0] ?? '') : '';
        }),
      );
    })
    .join('');
}

function parseArgs(text: string): Call['args'] {
  const positional: string[] = [];
  const named: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const match of text.matchAll(/(?:([\w-]+)=)?("([^"]*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))/g)) {
    const value = match[3] ?? match[4] ?? match[5] ?? match[6] ?? '';
    if (match[1]) named[match[1].toLowerCase()] = value;
    else positional.push(value);
  }
  return { positional, named };
}
