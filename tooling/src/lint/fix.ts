/**
 * Safe automatic fixes: what the rules offer for one file, and how to apply them. `atomkit fix`
 * uses this; fixes are only ever the ones rules attach to their reports.
 */
import type { Atom } from '../atom/load.js';
import { lintAtom, type EngineSettings } from './engine.js';
import type { Diagnostic, Fix } from './types.js';

/** The diagnostics of `atom` that carry a fix. */
export function fixableDiagnostics(atom: Atom, file: string, settings: EngineSettings): Diagnostic[] {
  return lintAtom(atom, file, settings).filter((d) => d.fix !== undefined);
}

/**
 * Applies fixes to a file. Edits are against the parsed text (`atom.text`: no BOM, LF); the
 * result keeps the BOM and CRLF endings unless a `normalize` fix drops them. Overlapping edits
 * are skipped (the next run applies them).
 *
 * @example applyFixes(atom, [{ normalize: 'bom' }]) // the file text without its BOM
 */
export function applyFixes(atom: Pick<Atom, 'text' | 'bom' | 'crlf'>, fixes: readonly Fix[]): { text: string; applied: number } {
  let applied = 0;
  let bom = atom.bom;
  let crlf = atom.crlf;
  const edits: { range: readonly [number, number]; text: string }[] = [];
  for (const fix of fixes) {
    if ('normalize' in fix) {
      if (fix.normalize === 'bom' && bom) (bom = false), applied++;
      if (fix.normalize === 'line-endings' && crlf) (crlf = false), applied++;
    } else edits.push(fix);
  }
  edits.sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let text = atom.text;
  let limit = Infinity;
  for (const edit of edits) {
    const [start, end] = edit.range;
    if (end > limit || start < 0 || end > text.length || start > end) continue;
    text = text.slice(0, start) + edit.text + text.slice(end);
    limit = start;
    applied++;
  }
  if (crlf) text = text.replace(/\n/g, '\r\n');
  return { text: bom ? `\uFEFF${text}` : text, applied };
}
