/**
 * `--format github`: GitHub Actions workflow commands, so a pull request shows each finding on
 * its line. Data escapes `%`, CR and LF; properties also escape `:` and `,`.
 */
import type { Reporter } from './types.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * @example github([{ code: 'x/y', severity: 'error', file: 'a.md', start: { line: 2, column: 3 }, message: 'Bad.', docsUrl: 'u' }])
 * //=> '::error file=a.md,line=2,col=3,title=x/y::Bad.%0Ahttps://…\n'
 */
export const github: Reporter = (diagnostics) =>
  diagnostics
    .map((d) => {
      const props = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.start.line}`,
        `col=${d.start.column}`,
        ...(d.end ? [`endLine=${d.end.line}`, ...(d.end.line === d.start.line ? [`endColumn=${d.end.column}`] : [])] : []),
        `title=${escapeProperty(d.code)}`,
      ];
      const body = [d.message, ...(d.hint ? [d.hint] : []), `Docs: ${d.docsUrl}`].join('\n');
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(body)}\n`;
    })
    .join('');
