/**
 * One line of plain text from a unit's Markdown, for the places that show a preview of an atom
 * section: citations under a chat answer and `atomkit search` results.
 */

import { isDelimiterRow } from './markdown-table.js';

/** Characters of a snippet by default: about two lines of a citation card. */
const SNIPPET_CHARS = 220;

/**
 * Markdown reduced to one line of plain text (fences, link targets, tags and emphasis marks
 * left out), cut at a word boundary.
 *
 * @example snippet('## Steps\n\n1. Run `npx atomkit lint`.') //=> 'Steps 1. Run npx atomkit lint.'
 */
export function snippet(markdown: string, max = SNIPPET_CHARS): string {
  const plain = markdown
    .split('\n')
    .map((line) => (isDelimiterRow(line) ? ' ' : line))
    .join('\n')
    .replace(/```[^\n]*\n?/g, ' ')
    // Images first, then the links around them (`[![badge](svg)](url)`); brackets never nest in
    // the text matched, so a line of `[` is read once, not once from each.
    .replace(/!\[([^\][\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\[([^\][\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][\w.:-]*(?:\s[^<>]*)?\/?>/g, ' ')
    // Heading and quote marks open a line; a `>` inside one is text.
    .replace(/^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)/gm, '')
    .replace(/[`*|]/g, '')
    // Underscores of emphasis, not those inside a name (`error_codes`).
    .replace(/(^|\W)_+|_+(?=\W|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}
