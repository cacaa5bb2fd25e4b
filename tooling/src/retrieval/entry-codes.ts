/**
 * Error codes that a page lists in a table of codes (`| FST_ERR_NOT_FOUND | 404 Not Found | … |`):
 * a pasted log line that quotes one finds that page, as it finds an error atom by its
 * `error_codes`. They are matched whole, never searched as words: a table of two hundred codes
 * would otherwise share a word with every question.
 */
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
  return [...new Set(codes)];
}

/** A cell's text without inline HTML (an anchor around the code), code marks, bold or link syntax. */
function plainCell(cell: string): string {
  return cell
    .replace(/<[^>]*>/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
}
