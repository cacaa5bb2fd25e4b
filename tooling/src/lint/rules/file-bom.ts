/** `file/bom`: the file starts with a byte order mark, which some tools show as a stray character. */
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'file/bom',
    description: 'The file starts with a UTF-8 byte order mark (BOM).',
    defaultSeverity: 'warn',
    fixable: true,
    messages: { bom: 'The file starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM.' },
  },
  check(atom, ctx) {
    if (atom.bom) ctx.report({ messageId: 'bom', range: { start: { line: 1, column: 1 } }, fix: { normalize: 'bom' } });
  },
};
export default rule;
