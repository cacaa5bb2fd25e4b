/** `title/duplicate`: titles are unique per language, since `related` links name atoms by title. */
import { groupBy, titleKey } from '../corpus.js';
import type { CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'title/duplicate',
    description: 'Two atoms of the same language have the same title.',
    defaultSeverity: 'error',
    messages: { duplicate: 'The title `{title}` is also used by {others}; titles must be unique.' },
  },
  checkCorpus(entries, ctx) {
    const groups = groupBy(
      entries.filter((entry) => entry.title !== undefined),
      (entry) => `${entry.language}\u0000${titleKey(entry.title!).toLowerCase()}`,
    );
    for (const group of groups) {
      if (group.length < 2) continue;
      for (const entry of group.filter(ctx.wanted)) {
        const others = group.filter((other) => other !== entry);
        ctx.report(entry, {
          messageId: 'duplicate',
          data: { title: entry.title!, others: others.map((o) => `\`${o.file}\``).join(', ') },
          range: entry.locate(['title']),
          involves: others.map((o) => `file:${o.file}`),
          hint: 'Make the title say what is specific to this atom, or merge the two atoms.',
        });
      }
    }
  },
};
export default rule;
