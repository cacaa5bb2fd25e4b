/** `--format pretty` (the default): findings grouped by file, each with a code frame, then a summary line. */
import { codeFrameColumns } from '@babel/code-frame';
import pc from 'picocolors';
import type { Reporter } from './types.js';

export const pretty: Reporter = (diagnostics, options = {}) => {
  const c = pc.createColors(options.color ?? false);
  const out: string[] = [];
  let current: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== current) {
      current = d.file;
      out.push(`${out.length ? '\n' : ''}${c.underline(d.file)}`);
    }
    const label = d.severity === 'error' ? c.red('error') : c.yellow('warning');
    out.push(`  ${d.file}:${d.start.line}:${d.start.column}  ${label}  ${d.message}  ${c.dim(d.code)}`);
    const source = options.sources?.get(d.file);
    if (source !== undefined && d.start.line <= source.split('\n').length) {
      const frame = codeFrameColumns(
        source,
        { start: d.start, ...(d.end && d.end.line <= d.start.line + 3 ? { end: d.end } : {}) },
        { highlightCode: false, forceColor: options.color ?? false, linesAbove: 1, linesBelow: 1 },
      );
      out.push(frame.replace(/^/gm, '    '));
    }
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
