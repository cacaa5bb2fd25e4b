/** `size/too-short`: an atom carries enough context to stand alone (at least `lint.minWords` words, or its language's limit). */
import { bodyOffset } from '../atom-facts.js';
import type { FileRule } from '../types.js';
import { limitSource, wordLimits } from '../word-limits.js';

const rule: FileRule = {
  meta: {
    code: 'size/too-short',
    description: 'The atom has fewer words than `lint.minWords` (default 400) or its language\'s limit in `lint.languages`.',
    defaultSeverity: 'warn',
    messages: { short: 'The atom has {words} words, fewer than {min}{source}; add the context a reader needs (causes, examples, how to verify).' },
  },
  check(atom, ctx) {
    if (atom.problems.length > 0) return;
    const limits = wordLimits(atom, ctx.settings);
    if (atom.words >= limits.minWords) return;
    ctx.report({ messageId: 'short', data: { words: atom.words, min: limits.minWords, source: limitSource(limits, 'minWords') }, range: { start: atom.tree.children[0]?.position?.start ?? atom.lines.position(bodyOffset(atom)) } });
  },
};
export default rule;
