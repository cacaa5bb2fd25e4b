/**
 * Error codes that a page lists in a table of codes (`| FST_ERR_NOT_FOUND | 404 Not Found | … |`)
 * or under sub-headings of codes (Node's `### ERR_INVALID_ARG_TYPE`, one after the other): a
 * pasted log line that quotes one finds that page, as it finds an error atom by its
 * `error_codes`. They are matched whole, never searched as words: a table of two hundred codes
 * would otherwise share a word with every question.
 */
import { atxHeading } from '../text/atx-heading.js';
import { fencedCode } from '../text/fences.js';
import { isDelimiterRow, tableCells } from '../text/markdown-table.js';

/**
 * An error or warning code as programs print them: `ERR_PNPM_OUTDATED_LOCKFILE`,
 * `FST_ERR_CTP_BODY_TOO_LARGE`, or capitals and a number (`FSTWRN004`, Node's `DEP0005`,
 * TypeScript's `TS2307`).
 */
export const ERROR_CODE = /\b(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+){2,}|[A-Z]{1,8}\d{3,5})\b/;
const WHOLE_CODE = new RegExp(`^(?:${ERROR_CODE.source})$`);
/** A table lists codes when at least this share of its rows open with one (a table of options may name a code in passing). */
const CODE_ROWS_SHARE = 0.6;

/**
 * @example entryCodes('| Code | Meaning |\n| --- | --- |\n| <a id="x">FST_ERR_A_B</a> | a |\n| `FST_ERR_C_D` | c |') //=> ['FST_ERR_A_B', 'FST_ERR_C_D']
 * @example entryCodes('| Option | Effect |\n| --- | --- |\n| bodyLimit | FST_ERR_A_B when larger |') //=> []
 */
export function entryCodes(markdown: string): string[] {
  const codes: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!isDelimiterRow(lines[i]!) || !lines[i - 1]!.includes('|')) continue;
    const firsts: string[] = [];
    for (i++; i < lines.length && lines[i]!.includes('|'); i++) firsts.push(plainCell(tableCells(lines[i]!)[0] ?? ''));
    const found = firsts.filter((cell) => WHOLE_CODE.test(cell));
    if (found.length >= 2 && found.length >= firsts.length * CODE_ROWS_SHARE) codes.push(...found);
  }
  return [...new Set([...codes, ...headingCodes(lines)])];
}

/**
 * The codes of sub-headings that are each a code, when at least two are and as large a share of
 * the sub-headings as a table needs of its rows: a reference page of codes, not a guide with one
 * heading that names a code.
 *
 * @example headingCodes(['### `ERR_A_B_C`', 'Text.', '### `ERR_D_E_F`', 'More.']) //=> ['ERR_A_B_C', 'ERR_D_E_F']
 */
function headingCodes(lines: readonly string[]): string[] {
  const code = fencedCode();
  const headings = lines.flatMap((line) => (code(line) ? [] : [atxHeading(line)?.text].filter((text) => text !== undefined).map(plainCell)));
  const found = headings.filter((text) => WHOLE_CODE.test(text));
  return found.length >= 2 && found.length >= headings.length * CODE_ROWS_SHARE ? found : [];
}

/** A cell's text without inline HTML (an anchor around the code), code marks, bold or link syntax. */
function plainCell(cell: string): string {
  return cell
    .replace(/<[^>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
}
