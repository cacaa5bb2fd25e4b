/** Small text helpers the extractor and the importer share: sentences, summaries, tags. */

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Splits prose into sentences (Intl.Segmenter), trimmed, empty ones dropped.
 *
 * @example sentences('One. Two? Three') //=> ['One.', 'Two?', 'Three']
 */
export function sentences(text: string): string[] {
  return [...sentenceSegmenter.segment(text.replace(/\s+/g, ' '))].map((s) => s.segment.trim()).filter((s) => s !== '');
}

/** A sentence that only sends the reader to another page. */
const POINTS_ELSEWHERE = /^(?:see|refer to|further reading|for (?:more|further) (?:information|details))\b/i;

/**
 * A one-line summary between 10 and 300 characters: the first sentence (after any that only
 * sends the reader elsewhere), cut at a word boundary when too long, or `fallback` when there is
 * no usable sentence. With `whole`, text that fits (a page's own description) is kept as it is, on one line.
 *
 * @example summarize('Lint runs in CI. It blocks merges.', 'x') //=> 'Lint runs in CI.'
 */
export function summarize(text: string, fallback: string, whole = false): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (whole && line.length >= 10 && line.length <= 300) return line;
  const usable = sentences(text).filter((sentence) => sentence.length >= 10);
  // "See the config help doc." says where the subject is told, not what it is: the next sentence does.
  const first = usable.find((sentence) => !POINTS_ELSEWHERE.test(sentence)) ?? usable[0];
  if (!first) return fallback;
  if (first.length <= 300) return first;
  const cut = first.slice(0, 297);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 200 ? cut.lastIndexOf(' ') : 297).replace(/[\s,;:]+$/, '')}…`;
}

/**
 * Turns a word or folder name into a valid atom tag (lower case, hyphenated), or undefined.
 *
 * @example toTag('Getting Started') //=> 'getting-started'
 */
export function toTag(text: string): string | undefined {
  const tag = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return tag === '' ? undefined : tag;
}

/** The schema's longest title. */
export const TITLE_MAX = 120;

/** Cuts a title to the schema's 120 characters at a word boundary. */
export function clampTitle(title: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.length <= TITLE_MAX) return clean;
  const cut = clean.slice(0, 119);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
