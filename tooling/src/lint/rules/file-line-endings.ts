/** `file/line-endings`: atoms use LF line endings so diffs and checksums agree across systems. */
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'file/line-endings',
    description: 'The file uses CRLF (Windows) line endings instead of LF.',
    defaultSeverity: 'warn',
    fixable: true,
    messages: { crlf: 'The file uses CRLF line endings; expected LF (`\\n`).' },
  },
  check(atom, ctx) {
    if (atom.crlf) {
      const firstLine = atom.lines.lineCount > 1 ? atom.lines.lineStart(2) - 1 : atom.text.length;
      ctx.report({ messageId: 'crlf', range: { start: atom.lines.position(firstLine) }, fix: { normalize: 'line-endings' } });
    }
  },
};
export default rule;
