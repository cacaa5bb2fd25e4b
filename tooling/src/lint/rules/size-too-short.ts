/** `size/too-short`: an atom carries enough context to stand alone (at least `lint.minWords` words). */
import { bodyOffset } from '../atom-facts.js';
import type { FileRule } from '../types.js';

const rule: FileRule = {
  meta: {
    code: 'size/too-short',
    description: 'The atom has fewer words than `lint.minWords` (default 400).',
    defaultSeverity: 'warn',
    messages: { short: 'The atom has {words} words, fewer than {min}; add the context a reader needs (causes, examples, how to verify).' },
  },
  check(atom, ctx) {
    if (atom.problems.length > 0 || atom.words >= ctx.settings.minWords) return;
    ctx.report({ messageId: 'short', data: { words: atom.words, min: ctx.settings.minWords }, range: { start: atom.tree.children[0]?.position?.start ?? atom.lines.position(bodyOffset(atom)) } });
  },
};
export default rule;
