/** `--format pretty` (the default): findings grouped by file, each with a code frame, then a summary line. */
import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import type { Diagnostic } from '../types.js';
import type { Reporter } from './types.js';

export const pretty: Reporter = (diagnostics, options = {}) => {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  let current: string | undefined;
  let lines: readonly string[] | undefined;
  for (const d of diagnostics) {
    if (d.file !== current) {
      current = d.file;
      lines = options.sources?.get(d.file)?.split('\n');
      out.push(`${out.length ? '\n' : ''}${c.underline(d.file)}`);
    }
    const label = d.severity === 'error' ? c.red('error') : c.yellow('warning');
    out.push(`  ${d.file}:${d.start.line}:${d.start.column}  ${label}  ${d.message}  ${c.dim(d.code)}`);
    if (lines !== undefined && d.start.line <= lines.length) out.push(frameOf(lines, d, options.color ?? false).replace(/^/gm, '    '));
    if (d.hint) out.push(`    ${c.dim(`hint: ${d.hint}`)}`);
    out.push(`    ${c.dim(`docs: ${d.docsUrl}`)}`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const fromCache = options.cached ? ` (${options.cached} unchanged, from the cache)` : '';
  const files = options.files === undefined ? '' : `${options.files} file${options.files === 1 ? '' : 's'} checked${fromCache}: `;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `${files}${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  out.push(`${out.length ? '\n' : ''}${errors ? c.red(c.bold(summary)) : warnings ? c.yellow(summary) : c.green(summary)}`);
  return `${out.join('\n')}\n`;
};

/** Columns of a line shown in a code frame: a minified or hostile line of 100,000 characters is shown around the finding. */
const FRAME_COLUMNS = 160;
/** Columns shown before the finding when a line is cut. */
const FRAME_LEAD = 60;

/**
 * The code frame of a finding: the line before, its lines (up to three more) and the line after,
 * each cut to the columns around the finding when long. Made from those lines only, so a file of
 * thousands of findings is framed in time proportional to them, not to the file times them.
 */
function frameOf(lines: readonly string[], d: Diagnostic, color: boolean): string {
  const first = Math.max(1, d.start.line - 1);
  // An end past the file's last line (a finding about what is missing at its end) marks the start only.
  const end = d.end && d.end.line <= Math.min(d.start.line + 3, lines.length) ? d.end : undefined;
  const last = Math.min(lines.length, (end?.line ?? d.start.line) + 1);
  const window = lines.slice(first - 1, last);
  const from = Math.max(0, d.start.column - 1 - FRAME_LEAD);
  const cut = window.some((line) => line.length > FRAME_COLUMNS);
  const shown = cut ? window.map((line) => (line === '' ? '' : `${from > 0 ? '…' : ''}${line.slice(from, from + FRAME_COLUMNS)}${line.length > from + FRAME_COLUMNS ? '…' : ''}`)) : window;
  const shift = (column: number) => (cut ? Math.min(FRAME_COLUMNS, Math.max(1, column - from)) + (from > 0 ? 1 : 0) : column);
  // Lines are numbered as in the file (`startLine` says where the frame's first line is); columns
  // from 1, as a finding's are (Babel 7's; its 8 counts from 0, and asks for a newer Node.js than
  // atomkit supports).
  const location = {
    start: { line: d.start.line, column: shift(d.start.column) },
    ...(end ? { end: { line: end.line, column: shift(end.column) } } : {}),
  };
  return codeFrameColumns(shown.join('\n'), location, { highlightCode: false, forceColor: color, linesAbove: 1, linesBelow: 1, startLine: first });
}
