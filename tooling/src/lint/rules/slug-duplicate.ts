/** `slug/duplicate`: two files must not publish to the same page URL. */
import { groupBy } from '../corpus.js';
import type { CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'slug/duplicate',
    description: 'Two atom files map to the same page URL (their paths differ only in case or punctuation).',
    defaultSeverity: 'error',
    messages: { duplicate: 'This file publishes to the page `{slug}`, as {others} does; rename one of them.' },
  },
  checkCorpus(entries, ctx) {
    for (const group of groupBy(entries, (entry) => entry.slug)) {
      if (group.length < 2) continue;
      for (const entry of group.filter(ctx.wanted)) {
        const others = group.filter((other) => other !== entry);
        ctx.report(entry, {
          messageId: 'duplicate',
          data: { slug: entry.slug, others: others.map((o) => `\`${o.file}\``).join(', ') },
          range: { start: { line: 1, column: 1 } },
          involves: others.map((o) => `file:${o.file}`),
        });
      }
    }
  },
};
export default rule;
