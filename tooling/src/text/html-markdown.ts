/**
 * HTML as the Markdown it stands for (hast-util-to-mdast, GFM tables), for HTML written inside
 * Markdown and MDX pages: `<ul><li>`, `<p>`, `<dl>` and tables, whose text would otherwise run
 * together once their tags are left out.
 */
import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import type { Root } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';

/** @example htmlAsMarkdown('<ul><li>one</li><li>two</li></ul>') //=> '* one\n* two' */
export function htmlAsMarkdown(html: string): string {
  return hastAsMarkdown(fromHtml(html, { fragment: true }));
}

export function hastAsMarkdown(tree: HastRoot): string {
  // Pipes not padded into columns: an emoji or a CJK character is wider than its length, and the
  // linter would count the padding wrong; a grid of avatars would pad every row by hundreds of spaces.
  return toMarkdown(toMdast(tree) as Root, { extensions: [gfmTableToMarkdown({ tablePipeAlign: false })] }).trim();
}
