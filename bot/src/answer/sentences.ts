/**
 * Reading an atom's prose as sentences: which of them can stand alone as an answer's direct
 * answer, before the quote. Apart from trim.ts, which cuts whole Markdown blocks.
 */
import { proseLines } from '../../../tooling/src/text/fences.js';
import { wordCount } from './terms.js';

/**
 * Can the sentence be read on its own, before the quote: not an introduction to what follows it
 * ("…with the standalone script:"), not cut inside inline code, not a "Related:" or "See also" link,
 * not about an example the reader has not seen ("In this example, we use…"), not a metadata line
 * ("Tags: `headings`"), and with words of its own besides links and images (a
 * README's row of badges, a table of contents entry).
 *
 * @example standsAlone('Install pnpm with the standalone script:') //=> false
 * @example standsAlone('Run `pnpm store prune` now and then.') //=> true
 * @example standsAlone('[![coverage][codecov-image]](https://codecov.io/gh/x) [![npm](https://img.shields.io/npm/v/x)](https://npmjs.org/x)') //=> false
 * @example standsAlone('[Basic globbing](#basic-globbing) (Wildcard matching)') //=> false
 */
export function standsAlone(sentence: string): boolean {
  return (
    !/:\s*$/.test(sentence) &&
    (sentence.match(/`/g)?.length ?? 0) % 2 === 0 &&
    !/^(related|see also|see)\b\s*:?/i.test(sentence) &&
    !POINTS_AT_EXAMPLE.test(sentence) &&
    !METADATA.test(sentence) &&
    saysMoreThanItLinks(sentence)
  );
}

/**
 * A Markdown image or link, inline or by reference, with an image inside it or not. Inside the
 * brackets a character is either a bracket pair or not a bracket, never both ways: a pattern that
 * could read `![a]` as a nested image or as `!` then a pair backtracks exponentially on a long row.
 */
const LINK_OR_IMAGE = /!?\[(?:[^[\]]|\[[^[\]]*\])*\](?:\([^)]*\)|\[[^\]]*\])?/g;

/** At least two words outside links and images, and more than inside them. */
function saysMoreThanItLinks(sentence: string): boolean {
  const own = wordCount(sentence.replace(LINK_OR_IMAGE, ' '));
  const linked = wordCount((sentence.match(LINK_OR_IMAGE) ?? []).map((link) => link.replace(/\]\([^)]*\)|\]\[[^\]]*\]|[![\]]/g, ' ')).join(' '));
  return own >= 2 && own > linked;
}

/** A sentence about an example or code the reader of the answer has not seen ("In this example, we use `stderr`..."). */
const POINTS_AT_EXAMPLE = /^(?:in|from|with) (?:this|that|the (?:above|previous|following)) (?:example|snippet|code)\b|^(?:as|like) (?:shown|seen) (?:above|below)\b|^the (?:example|snippet|code) (?:above|below)\b/i;

/** A label and only code after it: a page's metadata line ("Tags: `headings`", "Aliases: `first-line-h1`, `first-line-heading`"). */
const METADATA = /^[A-Z][\w -]{0,24}:\s*(?:`[^`]*`[\s,;]*)+$/;

/** Sentences of a unit's prose (not code, tables or headings), list markers dropped. */
export function sentencesOf(markdown: string): string[] {
  // Code lines are left out line by line (a pattern for a whole code block tried every shorter
  // fence of a long run of backticks), and list markers read within a line: `\s` would cross lines.
  const lines = markdown.split('\n');
  const prose = new Set(proseLines(lines));
  const blocks = lines
    .map((line, i) => (prose.has(i) ? line : ''))
    .join('\n')
    .split(/\n{2,}/)
    .filter((block) => !/^\s*(#|\||>|Q:|A:)/.test(block))
    // Each list item is a sentence of its own, even when it does not end with a full stop.
    .flatMap((block) => block.split(/\n(?=[ \t]*(?:\d+[.)]|[-*+])[ \t])/))
    .map((block) => block.replace(/^[ \t]*(\d+[.)]|[-*+])[ \t]+/gm, '').replace(/\s+/g, ' ').trim());
  return blocks.flatMap((block) => [...SENTENCES.segment(block)].map((s) => withoutUnpairedEmphasis(s.segment.trim()))).filter((s) => s.length >= 12 && wordCount(s) <= 60);
}

/**
 * A sentence cut out of emphasis around several (`*One. Two.*`, or one whose closing mark came
 * after its full stop) without the mark it opens or closes alone, which would run on as italics.
 *
 * @example withoutUnpairedEmphasis('*The logger is available everywhere.') //=> 'The logger is available everywhere.'
 * @example withoutUnpairedEmphasis('Set *one* flag.') //=> 'Set *one* flag.'
 */
function withoutUnpairedEmphasis(sentence: string): string {
  let text = sentence;
  const opening = /^(\*{1,2}|_{1,2})(?=\S)/.exec(text)?.[1];
  if (opening && !text.slice(opening.length).includes(opening)) text = text.slice(opening.length);
  const closing = /(?<=\S)(\*{1,2}|_{1,2})$/.exec(text)?.[1];
  if (closing && !text.slice(0, -closing.length).includes(closing)) text = text.slice(0, -closing.length);
  return text;
}

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });
