/** `size/too-long`: an atom is one idea, chunk-sized (at most `lint.maxWords` words). */
import { bodyOffset } from '../atom-facts.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'size/too-long',
    description: 'The atom has more words than `lint.maxWords` (default 800).',
    defaultSeverity: 'warn',
    messages: { long: 'The atom has {words} words, more than {max}; split it into atoms of one idea each.' },
  },
  check(atom, ctx) {
    if (atom.problems.length > 0 || atom.words <= ctx.settings.maxWords) return;
    ctx.report({ messageId: 'long', data: { words: atom.words, max: ctx.settings.maxWords }, range: { start: atom.tree.children[0]?.position?.start ?? atom.lines.position(bodyOffset(atom)) } });
  },
};
export default rule;
