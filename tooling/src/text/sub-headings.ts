/**
 * The headings inside a piece of Markdown below its section's own (`###` to `######`), outside code
 * fences. In API references and long imported pages these name the entries a section holds
 * (`#### agent.close()`, `### Required option`), which is what a reader searches for.
 */

import { atxHeading } from './atx-heading.js';
import { fencedCode } from './fences.js';

/**
 * @example subHeadings('### `close()`\n\nText.\n\n```sh\n### not a heading\n```') //=> ['`close()`']
 */
export function subHeadings(markdown: string): string[] {
  const code = fencedCode();
  const headings: string[] = [];
  for (const line of markdown.split('\n')) {
    if (code(line)) continue;
    const heading = atxHeading(line);
    if (heading && heading.level >= 3 && heading.text !== '') headings.push(heading.text);
  }
  return headings;
}
