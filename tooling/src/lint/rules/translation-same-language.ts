/** `translation/same-language`: a translation is in another language than its source. */
import { sourceOf } from '../corpus.js';
import type { CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'translation/same-language',
    description: 'A translation has the same language as the atom it translates.',
    defaultSeverity: 'error',
    messages: { same: 'This atom translates `{title}` but both are in `{language}`; set `language` to the translation’s language.' },
  },
  checkCorpus(entries, ctx) {
    const source = sourceOf(entries);
    for (const entry of entries.filter(ctx.wanted)) {
      const original = source(entry);
      if (!original || original.language !== entry.language) continue;
      ctx.report(entry, {
        messageId: 'same',
        data: { title: entry.translationOf!, language: entry.language },
        range: entry.locate(['language']),
        involves: [`file:${original.file}`],
        hint: 'A translation lives in its locale folder (e.g. `atoms/ja/`) with `language: ja`.',
      });
    }
  },
};
export default rule;
