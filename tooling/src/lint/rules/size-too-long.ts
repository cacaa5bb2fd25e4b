/** `size/too-long`: an atom is one idea, chunk-sized (at most `lint.maxWords` words, or its language's limit). */
import { bodyOffset } from '../atom-facts.js';
import type { FileRule } from '../types.js';
import { limitSource, wordLimits } from '../word-limits.js';

const rule: FileRule = {
  meta: {
    code: 'size/too-long',
    description: 'The atom has more words than `lint.maxWords` (default 800) or its language\'s limit in `lint.languages`.',
    defaultSeverity: 'warn',
    messages: { long: 'The atom has {words} words, more than {max}{source}; split it into atoms of one idea each.' },
  },
  check(atom, ctx) {
    if (atom.problems.length > 0) return;
    const limits = wordLimits(atom, ctx.settings);
    if (atom.words <= limits.maxWords) return;
    ctx.report({ messageId: 'long', data: { words: atom.words, max: limits.maxWords, source: limitSource(limits, 'maxWords') }, range: { start: atom.tree.children[0]?.position?.start ?? atom.lines.position(bodyOffset(atom)) } });
  },
};
export default rule;
