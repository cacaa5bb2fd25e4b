/**
 * GFM tables as text: where the indexer cuts a long table into parts and the answer trims one to
 * the rows a question needs, each piece keeps the table's head (its header row and delimiter
 * row), without which the rows are no table but a paragraph of pipes. An answer also reads a
 * row's cells, to say the row of a code or a name as a line.
 */

const ROW = /^\s{0,3}\|?.*\|.*$/;
const DELIMITER_CELL = /^:?-+:?$/;

/**
 * Is the line a table's delimiter row (`| --- | :-: |`)?
 *
 * @example isDelimiterRow('|------|:---:|') //=> true
 * @example isDelimiterRow('| a | b |') //=> false
 */
export function isDelimiterRow(line: string): boolean {
  // Cell by cell, not one pattern over the line: optional spaces on both sides of optional pipes
  // backtrack without end on a long line of spaces.
  const trimmed = line.trim();
  if (trimmed === '' || line.length - line.trimStart().length > 3) return false;
  const inner = trimmed.slice(trimmed.startsWith('|') ? 1 : 0, trimmed.length > 1 && trimmed.endsWith('|') ? -1 : undefined);
  return inner.split('|').every((cell) => DELIMITER_CELL.test(cell.trim()));
}

/**
 * The head of a table that opens the text, as its two lines; none when the text opens otherwise.
 *
 * @example tableHead('| a | b |\n| - | - |\n| 1 | 2 |') //=> '| a | b |\n| - | - |'
 * @example tableHead('a | b') //=> undefined
 */
export function tableHead(text: string): string | undefined {
  const [header, delimiter] = text.replace(/^\s*\n/, '').split('\n', 2);
  if (header === undefined || delimiter === undefined || !ROW.test(header) || !isDelimiterRow(delimiter)) return undefined;
  // A delimiter row needs a pipe unless the table has one column, which GFM writes with pipes anyway.
  if (!delimiter.includes('|') && !header.includes('|')) return undefined;
  return `${header}\n${delimiter}`;
}

/** A table split into its head and its body rows; none when the text is not one table. */
export function tableRows(text: string): { head: string; rows: string[] } | undefined {
  const trimmed = text.replace(/^\s*\n/, '').trimEnd();
  const head = tableHead(trimmed);
  if (head === undefined) return undefined;
  const rows = trimmed.split('\n').slice(2);
  return rows.every((row) => row.includes('|')) ? { head, rows } : undefined;
}

/**
 * The cells of a table row, trimmed, outer pipes dropped (a pipe escaped as `\|` stays in its cell).
 *
 * @example tableCells('| `a` | b \\| c |') //=> ['`a`', 'b \\| c']
 */
export function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/**
 * A table with the padding beside its pipes collapsed and its delimiter cells cut to `---`
 * (alignment colons kept): the same table to a reader, a fraction of the text. Docs written for
 * a fixed-width editor pad every row to the widest cell.
 *
 * @example compactTable({ head: '| a      | b |\n| ------ | :----: |', rows: ['| 1      | 2 |'] }) //=> { head: '| a | b |\n| --- | :---: |', rows: ['| 1 | 2 |'] }
 */
export function compactTable(table: { head: string; rows: readonly string[] }): { head: string; rows: string[] } {
  const compact = (row: string) => row.replace(/[ \t]{2,}\|/g, ' |').replace(/\|[ \t]{2,}/g, '| ');
  const [header, delimiter] = table.head.split('\n') as [string, string];
  return { head: `${compact(header)}\n${compact(delimiter.replace(/-{3,}/g, '---'))}`, rows: table.rows.map(compact) };
}
