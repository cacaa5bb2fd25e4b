/** `translation/source-missing`: `translation_of` names an existing atom. */
import { didYouMean } from '../../text/did-you-mean.js';
import { TITLE_SUGGESTION } from '../corpus.js';
import { titleKey } from '../corpus.js';
import type { CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'translation/source-missing',
    description: 'The atom says it translates an atom (`translation_of`) that does not exist.',
    defaultSeverity: 'error',
    messages: {
      missing: 'No atom has the title `{title}` named in `translation_of`; did you mean `{suggestion}`?',
      missingNoGuess: 'No atom has the title `{title}` named in `translation_of`.',
    },
  },
  checkCorpus(entries, ctx) {
    const titles = entries.filter((e) => e.title !== undefined && e.translationOf === undefined).map((e) => e.title!);
    const keys = new Set(entries.map((e) => (e.title === undefined ? '' : titleKey(e.title))));
    for (const entry of entries) {
      if (!ctx.wanted(entry) || entry.translationOf === undefined || keys.has(titleKey(entry.translationOf))) continue;
      const suggestion = didYouMean(entry.translationOf, titles.filter((t) => t !== entry.title), TITLE_SUGGESTION);
      ctx.report(entry, {
        messageId: suggestion === undefined ? 'missingNoGuess' : 'missing',
        data: { title: entry.translationOf, ...(suggestion === undefined ? {} : { suggestion }) },
        range: entry.locate(['translation_of']),
        involves: [`title:${titleKey(entry.translationOf)}`],
        hint: '`translation_of` is the exact title of the source atom (usually the English one).',
      });
    }
  },
};
export default rule;
