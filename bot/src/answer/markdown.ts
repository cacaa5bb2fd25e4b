/**
 * Markdown from atoms made fit to show in an answer: the HTML and MDX an imported page may carry
 * (components, tags, comments, `import` lines, `:::` admonitions, GitHub alerts) left out or turned into
 * Markdown, code blocks untouched; and the parts of a section that was indexed in pieces joined
 * back into one, so a code block or table cut between two parts reads as one block again.
 */
import { dedent } from '../../../tooling/src/text/indent.js';
import { tableHead } from '../../../tooling/src/text/markdown-table.js';
import { ALERT_MARKER_LINE, alertLabel } from '../../../tooling/src/text/github-alerts.js';
import { htmlTableAsMarkdown } from '../../../tooling/src/text/html-tables.js';

const FENCE = /^\s*(`{3,}|~{3,})/;

/**
 * @example cleanMarkdown('<DontEditWarning />\n\n:::tip\nUse `pnpm`.\n:::') //=> '**Tip:** Use `pnpm`.'
 */
export function cleanMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  let comment = false;
  const lines = markdown.split('\n');
  /** Lines before this index were already searched for an HTML table's end: none of them is one. */
  let searched = 0;
  /** The language of the code block just closed, while nothing but blank lines has followed it. */
  let closed: string | undefined;
  let language: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() !== '' && !fence && !FENCE.test(line)) closed = undefined;
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
      if (marker && marker[1]!.startsWith(fence) && line.trim() === marker[1]) {
        fence = undefined;
        closed = language;
      }
      continue;
    }
    if (marker) {
      language = line.slice(line.indexOf(marker[1]!) + marker[1]!.length).trim().split(/[\s{]/)[0]!.toLowerCase();
      // The same example again in the other module syntax (Node.js-style docs show `mjs`, then
      // `cjs`): a reader needs one, and the page has both.
      if (closed !== undefined && MODULE_TWINS[closed] === language) {
        let end = i + 1;
        while (end < lines.length && lines[end]!.trim() !== marker[1]) end++;
        if (end < lines.length) {
          i = end;
          closed = undefined;
          continue;
        }
      }
      fence = marker[1]!;
      out.push(line);
      continue;
    }
    // An HTML table (written by hand, or imported before the importer converted them): the GFM
    // table it stands for, when its cells hold text; else its cells are left as lines of text.
    if (TABLE_OPENS.test(line) && i >= searched) {
      const end = htmlBlockEnd(lines, i);
      searched = end + 1;
      const table = TABLE_CLOSES.test(lines[end]!) ? htmlTableAsMarkdown(lines.slice(i, end + 1).join('\n')) : undefined;
      if (table !== undefined) {
        const indent = /^\s*/.exec(line)![0];
        out.push(...table.split('\n').map((row) => indent + row));
        i = end;
        continue;
      }
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

/** Code block languages that show one example in the two module syntaxes. */
const MODULE_TWINS: Readonly<Record<string, string>> = { mjs: 'cjs', cjs: 'mjs' };

const TABLE_OPENS = /^\s*<table\b/i;
const TABLE_CLOSES = /<\/table>\s*$/i;

/** The last line of the HTML block opening at `start`: the line before a blank one, or the last. */
function htmlBlockEnd(lines: readonly string[], start: number): number {
  let end = start;
  while (end + 1 < lines.length && lines[end + 1]!.trim() !== '' && !TABLE_CLOSES.test(lines[end]!)) end++;
  return end;
}

/** Admonition openers (`:::tip`, `::: warning Title`) and their closers. */
const ADMONITION = /^\s*:{3,}\s*([a-z-]+)?\s*(.*)$/i;
/** A line that is only a component or tag (`<Tabs>`, `</TabItem>`, `<DontEditWarning />`), or an MDX import/export. */
const TAG_LINE = /^\s*(<\/?[A-Za-z][\w.:-]*(\s[^<>]*)?\/?>\s*)+$|^\s*(import|export)\s.+\sfrom\s+['"][^'"]+['"];?\s*$|^\s*<!--.*-->\s*$|^\s*\{\/\*.*\*\/\}\s*$/;
/** Tags side by side: `</li><li>`, `<b>`. */
const TAG_RUN = /(?:<\/?[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>)+/g;
/** A tag that ends a block or a line. */
const ENDS_BLOCK = /<(?:\/(?:p|div|li|dt|dd|td|th|tr|h[1-6]|section|article|blockquote)|br)\b/i;

/**
 * The text without its tags. Where a tag ended a block or a line (`</li><li>`, `<br>`) between two
 * words, a space is left, so they do not run together; elsewhere the tag goes without a trace.
 *
 * @example withoutTags('<ul><li>one</li><li>two</li></ul>') //=> 'one two'
 */
function withoutTags(text: string): string {
  return text.replace(TAG_RUN, (run: string, offset: number) => {
    const before = text[offset - 1];
    const after = text[offset + run.length];
    return ENDS_BLOCK.test(run) && before !== undefined && after !== undefined && /\S/.test(before) && /\S/.test(after) ? ' ' : '';
  });
}
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
    .map((piece, i) => (i % 2 === 1 ? piece : withoutTags(piece)))
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
  // Lines, with what is known of their end carried along: a section of thousands of parts is
  // joined in one pass, not read again from its start at each part.
  const lines: string[] = [];
  let fences: FenceState = { open: undefined, lastOpening: undefined };
  let head: string | undefined;
  for (const part of parts) {
    // Leading indentation stays: a part may begin inside a list item.
    const partLines = part.text.replace(/^\s*\n/, '').trimEnd().split('\n');
    const opening = fences.lastOpening;
    if (lines.length > 0 && part.continues && opening !== undefined) {
      const last = lines.at(-1)!;
      if (FENCE.test(last) && last.trim() === fenceOf(opening) && partLines[0]!.trim() === opening.trim()) {
        lines.pop();
        const rest = partLines.slice(1);
        lines.push(...rest);
        fences = scanFences({ open: fenceOf(opening), lastOpening: opening }, rest);
        head = trailingTableHead(lines);
        continue;
      }
    }
    // A table cut between parts: the next part repeats its head, which the rows go on under.
    const partHead = tableHead(partLines.join('\n'));
    if (lines.length > 0 && part.continues && partHead !== undefined && head === partHead) {
      const rows = partLines.slice(2);
      lines.push(...rows);
      fences = scanFences(fences, rows);
      if (!rows.every((row) => row.includes('|'))) head = trailingTableHead(lines);
      continue;
    }
    // A paragraph the indexer cut inside a sentence goes on where it was cut, in the same paragraph.
    if (lines.length > 0 && !(part.continues && fences.open === undefined && cutMidSentence(lines.at(-1)!, partLines[0]!))) lines.push('');
    lines.push(...partLines);
    fences = scanFences(fences, partLines);
    head = trailingTableHead(lines);
  }
  const text = lines.join('\n');
  return text.trim() === '' ? '' : text;
}

/** What opens a block of its own: a list item, a heading, a fence, a quote, a table row. */
const BLOCK_START = /^\s*(?:[-*+]\s|\d+[.)]\s|#{1,6}\s|`{3,}|~{3,}|>|\|)/;

/**
 * Whether a cut between two lines fell inside a sentence: the first does not end one, and the
 * second begins no block of its own.
 *
 * @example cutMidSentence('when the model failed and the', 'answer fell back.') //=> true
 * @example cutMidSentence('It fell back.', 'Then it answered.') //=> false
 */
function cutMidSentence(last: string, next: string): boolean {
  return last.trim() !== '' && !/[.!?。！？]\)?\s*$/.test(last) && !BLOCK_START.test(last) && !BLOCK_START.test(next) && next.trim() !== '';
}

function fenceOf(line: string): string {
  return FENCE.exec(line)?.[1] ?? '';
}

/** The head of the table the lines end with, if they do: found from the end, over that table only. */
function trailingTableHead(lines: readonly string[]): string | undefined {
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.includes('|')) start--;
  return start < lines.length ? tableHead(lines.slice(start, start + 2).join('\n')) : undefined;
}

/** The fence open at the end of some lines, and the line that opened a fence last (closed since or not). */
interface FenceState {
  readonly open: string | undefined;
  readonly lastOpening: string | undefined;
}

/** The fence state after more lines. */
function scanFences(state: FenceState, lines: readonly string[]): FenceState {
  let { open, lastOpening } = state;
  for (const line of lines) {
    const marker = FENCE.exec(line);
    if (!marker) continue;
    if (open && marker[1]!.startsWith(open) && line.trim() === marker[1]) open = undefined;
    else if (!open) {
      open = marker[1]!;
      lastOpening = line;
    }
  }
  return { open, lastOpening };
}
