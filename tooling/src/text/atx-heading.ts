/**
 * An ATX heading line (`## Title`, `#### \`--force\` ##`) read as CommonMark reads it, in one pass
 * over the line: a regular expression with a lazy text and optional closing hashes and spaces
 * around them backtracks without end on a long line of spaces, and headings come from atoms and
 * imported pages, which may be anything.
 */

const OPENING = /^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)/;

/**
 * The heading's level and text, its closing sequence of hashes left out; none for any other line.
 *
 * @example atxHeading('### Options ###') //=> { level: 3, text: 'Options' }
 * @example atxHeading('#hashtag') //=> undefined
 */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  const opening = OPENING.exec(line);
  if (!opening) return undefined;
  let text = line.slice(opening[0].length).trimEnd();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  // Closing hashes are only those after a space (or the whole text): `C#` keeps its own.
  if (end < text.length && (end === 0 || text[end - 1] === ' ' || text[end - 1] === '\t')) text = text.slice(0, end).trimEnd();
  return { level: opening[1]!.length, text };
}
