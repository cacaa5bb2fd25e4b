/**
 * Markdown from atoms made fit to show in an answer: the HTML and MDX an imported page may carry
 * (components, tags, comments, `import` lines, `:::` admonitions, GitHub alerts) left out or turned into
 * Markdown, code blocks untouched; and the parts of a section that was indexed in pieces joined
 * back into one, so a code block or table cut between two parts reads as one block again.
 */
import { dedent } from '../../../tooling/src/text/indent.js';
import { tableHead } from '../../../tooling/src/text/markdown-table.js';
import { ALERT_MARKER_LINE, alertLabel } from '../../../tooling/src/text/github-alerts.js';

const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * @example cleanMarkdown('<DontEditWarning />\n\n:::tip\nUse `pnpm`.\n:::') //=> '**Tip:** Use `pnpm`.'
 */
export function cleanMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let comment = false;
  for (const line of markdown.split('\n')) {
    // An HTML comment over several lines (`<!-- YAML` ... `-->`, as Node.js-style docs keep metadata).
    if (comment) {
      comment = !line.includes('-->');
      continue;
    }
    if (!fence && COMMENT_OPENS.test(line)) {
      comment = true;
      continue;
    }
    const marker = FENCE.exec(line);
    if (fence) {
      out.push(line);
      if (marker && marker[1]!.startsWith(fence) && line.trim() === marker[1]) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker[1]!;
      out.push(line);
      continue;
    }
    const cleaned = cleanLine(line);
    if (cleaned !== null) out.push(cleaned);
  }
  // Dedented, not trimmed: a part cut from a nested list opens indented, and trimming its first
  // line alone would take that item out of the list (or leave it four spaces in: code).
  return dedent(
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^(?:[ \t]*\n)+/, '')
      .trimEnd(),
  );
}

/** Admonition openers (`:::tip`, `::: warning Title`) and their closers. */
const ADMONITION = /^\s*:{3,}\s*([a-z-]+)?\s*(.*)$/i;
/** A line that is only a component or tag (`<Tabs>`, `</TabItem>`, `<DontEditWarning />`), or an MDX import/export. */
const TAG_LINE = /^\s*(<\/?[A-Za-z][\w.:-]*(\s[^<>]*)?\/?>\s*)+$|^\s*(import|export)\s.+\sfrom\s+['"][^'"]+['"];?\s*$|^\s*<!--.*-->\s*$|^\s*\{\/\*.*\*\/\}\s*$/;
const INLINE_TAG = /<\/?[A-Za-z][\w.:-]*(\s[^<>]*)?\/?>/g;
/** A line that opens an HTML comment it does not close. */
const COMMENT_OPENS = /^\s*<!--(?:(?!-->).)*$/;

function cleanLine(line: string): string | null {
  if (TAG_LINE.test(line)) return null;
  const alert = ALERT_MARKER_LINE.exec(line);
  if (alert) return `${alert[1]} **${alertLabel(alert[2]!)}:**`;
  const admonition = ADMONITION.exec(line);
  if (admonition) {
    const [, kind, title] = admonition;
    if (!kind || kind === 'code-group') return title ? title : null;
    const label = kind.charAt(0).toUpperCase() + kind.slice(1);
    return `**${title ? title : label}:**`;
  }
  // Inline tags outside code spans: `<kbd>Ctrl</kbd>` keeps `Ctrl`.
  return line
    .split(/(`+[^`]*`+)/)
    // Entities stay: `&lt;since>` decoded would be read as a tag.
    .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(INLINE_TAG, '')))
    .join('');
}

/**
 * Plain text (a title, a heading) made safe to write inside Markdown: the characters that would
 * start emphasis, code, a link or a tag are escaped.
 *
 * @example escapeInline('pnpm add <pkg>') //=> 'pnpm add \\<pkg\\>'
 */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** A part of a section as the index holds it: its Markdown, and whether it opens inside the block the part before it ended with. */
export interface SectionPart {
  readonly text: string;
  readonly continues?: boolean;
}

/**
 * Joins the parts of a section in order. Where a part goes on with a code block the one before it
 * ended with (the indexer cuts long blocks so, closing the fence in one part and opening it again
 * in the next), the two fence lines are dropped; where it goes on with the rows of a table, under
 * the same head again, that head is dropped. Two blocks that only look alike stay two.
 *
 * @example joinParts([{ text: 'a:\n```sh\none\n```' }, { text: '```sh\ntwo\n```', continues: true }]) //=> 'a:\n```sh\none\ntwo\n```'
 */
export function joinParts(parts: readonly SectionPart[]): string {
  let text = '';
  let openLine: string | undefined;
  for (const part of parts) {
    // Leading indentation stays: a part may begin inside a list item.
    const trimmed = part.text.replace(/^\s*\n/, '').trimEnd();
    if (text !== '' && part.continues && openLine !== undefined) {
      const lines = text.split('\n');
      const first = trimmed.split('\n')[0]!;
      if (FENCE.test(lines.at(-1)!) && lines.at(-1)!.trim() === fenceOf(openLine) && first.trim() === openLine.trim()) {
        text = `${lines.slice(0, -1).join('\n')}\n${trimmed.split('\n').slice(1).join('\n')}`;
        openLine = lastOpenedFence(text);
        continue;
      }
    }
    // A table cut between parts: the next part repeats its head, which the rows go on under.
    const head = tableHead(trimmed);
    if (text !== '' && part.continues && head !== undefined && lastTableHead(text) === head) {
      text = `${text}\n${trimmed.split('\n').slice(2).join('\n')}`;
      continue;
    }
    text = text === '' ? trimmed : `${text}\n\n${trimmed}`;
    openLine = lastOpenedFence(text);
  }
  return text.trim() === '' ? '' : text;
}

function fenceOf(line: string): string {
  return FENCE.exec(line)?.[1] ?? '';
}

/** The head of the table the text ends with, if it ends with one. */
function lastTableHead(text: string): string | undefined {
  const lines = text.split('\n');
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.includes('|')) start--;
  return start < lines.length ? tableHead(lines.slice(start).join('\n')) : undefined;
}

/** The opening line of the last code block of the text (closed or not). */
function lastOpenedFence(text: string): string | undefined {
  let fence: string | undefined;
  let last: string | undefined;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line);
    if (!marker) continue;
    if (fence && marker[1]!.startsWith(fence) && line.trim() === marker[1]) fence = undefined;
    else if (!fence) {
      fence = marker[1]!;
      last = line;
    }
  }
  return last;
}
