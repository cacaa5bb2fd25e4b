/**
 * Deep links to the entries of a reference section: a quote that starts at a sub-heading
 * (`#### --inspect-brk`, one option of a page of options) is cited by that heading and links to
 * it, not to the top of the section, which may describe another entry altogether.
 */
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../../../tooling/src/atom/markdown.js';
import { headingAnchors } from '../../../tooling/src/atom/identity.js';
import type { SearchHit } from '../../../tooling/src/retrieval/api.js';
import { atxHeading } from '../../../tooling/src/text/atx-heading.js';
import { fencedCode } from '../../../tooling/src/text/fences.js';

/**
 * The anchors the atom page gives the sub-headings of its sections, by section anchor (`''` for
 * the lead) and heading line text, read from the atom's units in document order as the site
 * numbers them (a repeated heading is `-1`). A heading written twice in one section has no entry:
 * which of the two a quote opens with is not known. Only those before the first FAQ unit, which
 * hides its section's heading; none when a section's anchor comes out other than the index's,
 * which shows the count has gone wrong.
 *
 * @example subHeadingAnchors([{ kind: 'section', section: 'Options', anchor: 'options', text: '#### `--force`\n\nForce it.' }])?.get('options')?.get('`--force`') //=> '--force'
 */
export function subHeadingAnchors(units: readonly Pick<SearchHit, 'kind' | 'section' | 'anchor' | 'text'>[]): Map<string, Map<string, string>> | undefined {
  const headings: string[] = [];
  /** Each heading's line text and the anchor of its section; undefined for a section's own heading. */
  const lines: ({ text: string; section: string } | undefined)[] = [];
  let section: string | undefined;
  let counted = 0;
  for (const unit of units) {
    // A FAQ unit hides its section's heading: past it the count is unknown.
    if (unit.kind === 'faq') break;
    counted++;
    if (unit.kind === 'section' && unit.anchor !== section) {
      section = unit.anchor;
      headings.push(unit.section ?? '');
      lines.push(undefined);
    }
    const code = fencedCode();
    for (const line of unit.text.split('\n')) {
      const heading = code(line) ? undefined : atxHeading(line);
      if (heading === undefined || heading.text === '') continue;
      headings.push(plainHeading(heading.text));
      lines.push({ text: heading.text, section: unit.kind === 'section' ? (unit.anchor ?? '') : '' });
    }
  }
  const anchors = headingAnchors(headings);
  const sections = units.slice(0, counted).filter((unit) => unit.kind === 'section');
  const sectionAnchors = anchors.filter((_, i) => lines[i] === undefined);
  const expected = [...new Set(sections.map((unit) => unit.anchor))];
  if (sectionAnchors.length !== expected.length || sectionAnchors.some((anchor, i) => anchor !== expected[i])) return undefined;
  const bySection = new Map<string, Map<string, string>>();
  const repeated: { text: string; section: string }[] = [];
  lines.forEach((line, i) => {
    if (line === undefined) return;
    const byLine = bySection.get(line.section) ?? new Map<string, string>();
    bySection.set(line.section, byLine);
    if (byLine.has(line.text)) repeated.push(line);
    else byLine.set(line.text, anchors[i]!);
  });
  for (const line of repeated) bySection.get(line.section)!.delete(line.text);
  return bySection;
}

/** A line that is all bold: `**Name**`. */
const BOLD_LINE = /^\*\*(.+)\*\*$/;

/**
 * The sub-heading a quote opens with (after a `…` that marks text left out before it), written
 * as a heading or as the bold line a trimmed quote makes of one, and the quote from after it;
 * none when the quote opens with anything else.
 *
 * @example openingSubHeading('…\n\n#### `--force`\n\nForce it.') //=> { heading: '`--force`', rest: 'Force it.' }
 */
export function openingSubHeading(quote: string): { heading: string; rest: string } | undefined {
  const lines = quote.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '' && line.trim() !== '…');
  const line = first === -1 ? '' : lines[first]!.trim();
  // As written, or as trim.ts quotes a sub-heading: a bold line.
  const heading = atxHeading(line)?.text ?? BOLD_LINE.exec(line)?.[1];
  if (heading === undefined || heading === '') return undefined;
  const rest = lines.slice(first + 1).join('\n').replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  return rest === '' ? undefined : { heading, rest };
}

/**
 * A heading's text as the page shows it, without its Markdown: what its anchor is made from.
 *
 * @example plainHeading('`--force` *flag*') //=> '--force flag'
 */
export function plainHeading(markdown: string): string {
  // Most headings of a reference are a name, in code marks or not: no parse needed (a section of
  // thousands of keys would spend most of an answer's time parsing them).
  if (!MARKUP.test(markdown)) return markdown.replace(/`/g, '');
  return toString(parseMarkdown(markdown));
}

/** What only a Markdown parser reads right in a heading: emphasis, links, images, HTML, escapes, entities, and spaces in code marks. */
const MARKUP = /[*_[\]<>\\&!]|` | `/;
