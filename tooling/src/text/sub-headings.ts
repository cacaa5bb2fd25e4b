/**
 * The headings inside a piece of Markdown below its section's own (`###` to `######`), outside code
 * fences. In API references and long imported pages these name the entries a section holds
 * (`#### agent.close()`, `### Required option`), which is what a reader searches for.
 */

import { atxHeading } from './atx-heading.js';

const FENCE_OPEN = /^ *(`{3,}|~{3,})/;

/**
 * @example subHeadings('### `close()`\n\nText.\n\n```sh\n### not a heading\n```') //=> ['`close()`']
 */
export function subHeadings(markdown: string): string[] {
  const headings: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = FENCE_OPEN.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const heading = atxHeading(line);
    if (heading && heading.level >= 3 && heading.text !== '') headings.push(heading.text);
  }
  return headings;
}
