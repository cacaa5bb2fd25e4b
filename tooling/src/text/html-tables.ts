/**
 * HTML tables of READMEs and hand-written pages as the Markdown they stand for (the importer writes
 * them so; answers show a table an atom still holds in HTML so): a table of text
 * becomes a GFM table (hast-util-to-mdast reads the cells, `<br>` and all), so the site, the index
 * and the chat's answers read it as a table and not as loose cells; a one-row table only lays its
 * cells out side by side (a logo beside a blurb), so its cells become what they hold, one after the
 * other. A table of several rows whose cells hold blocks (code, lists, two paragraphs) cannot be a
 * GFM table, and neither can one that nests a table: those stay as written.
 */
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { hastAsMarkdown } from './html-markdown.js';

/** Elements a GFM table cell cannot hold. */
const BLOCKS = new Set(['table', 'pre', 'ul', 'ol', 'dl', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'details']);
/** Elements that hold a block of text: one is the cell's text, two are two blocks. */
const CONTAINERS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'figure', 'address', 'main', 'nav', 'aside']);
const WHOLE_TABLE = /^<table\b[\s\S]*<\/table>$/i;

/**
 * The Markdown of an HTML block that is one whole table, or undefined when it is not one or its
 * cells hold blocks.
 *
 * @example htmlTableAsMarkdown('<table><tr><th>Flag</th></tr><tr><td><code>-p</code></td></tr></table>') //=> '| Flag |\n| - |\n| `-p` |'
 */
export function htmlTableAsMarkdown(html: string): string | undefined {
  const source = html.trim();
  if (!WHOLE_TABLE.test(source)) return undefined;
  const fragment = fromHtml(source, { fragment: true });
  const tables = fragment.children.filter((node): node is Element => node.type === 'element');
  if (tables.length !== 1 || tables[0]!.tagName !== 'table') return undefined;
  const table = tables[0]!;
  // Rows of a nested table are found too, but a cell holding a table makes the whole one stay as written.
  const rows = descendants(table).filter((node) => node.tagName === 'tr');
  const cells = rows.flatMap((row) => row.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th')));
  if (cells.length === 0 || cells.some((cell) => descendants(cell).some((node) => node.tagName === 'table'))) return undefined;
  if (rows.length === 1) {
    return cells
      .map((cell) => hastAsMarkdown({ type: 'root', children: cell.children }))
      .filter((text) => text !== '')
      .join('\n\n');
  }
  if (cells.some((cell) => !fitsOneCell(cell))) return undefined;
  // A caption is the table's title: a line of its own above it (a GFM table has no place for one).
  const caption = table.children.find((node): node is Element => node.type === 'element' && node.tagName === 'caption');
  const title = caption ? hastAsMarkdown({ type: 'root', children: caption.children }) : '';
  return `${title === '' ? '' : `**${title}**\n\n`}${hastAsMarkdown(fragment)}`;
}

/**
 * Whether a cell's content reads right on one line of a GFM table: no blocks, and at most one
 * paragraph or division (two would run together: `<p>one</p><p>two</p>` is read `onetwo`).
 */
function fitsOneCell(cell: Element): boolean {
  const inner = descendants(cell);
  return !inner.some((node) => BLOCKS.has(node.tagName)) && inner.filter((node) => CONTAINERS.has(node.tagName)).length <= 1;
}


function descendants(node: Element): Element[] {
  return node.children.flatMap((child: ElementContent) => (child.type === 'element' ? [child, ...descendants(child)] : []));
}
