/** `related/unresolved`: every title in `related` names an atom, so every link on the page works. */
import { didYouMean } from '../../text/did-you-mean.js';
import { TITLE_SUGGESTION } from '../corpus.js';
import { titleKey } from '../corpus.js';
import type { CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'related/unresolved',
    description: 'A title listed in `related` does not belong to any atom.',
    defaultSeverity: 'error',
    messages: {
      unresolved: 'No atom has the title `{title}` listed in `related`; did you mean `{suggestion}`?',
      unresolvedNoGuess: 'No atom has the title `{title}` listed in `related`.',
      self: 'The atom lists its own title `{title}` in `related`.',
    },
  },
  checkCorpus(entries, ctx) {
    const titles = new Set<string>();
    const shown: string[] = [];
    for (const entry of entries) {
      if (entry.title === undefined) continue;
      titles.add(titleKey(entry.title));
      shown.push(entry.title);
    }
    for (const entry of entries) {
      if (!ctx.wanted(entry)) continue;
      entry.related.forEach((title, i) => {
        const key = titleKey(title);
        // Locating a value may parse the file (unchanged atoms are read header-only): only on a finding.
        const range = () => entry.locate(['related', i]);
        if (entry.title !== undefined && key === titleKey(entry.title)) {
          ctx.report(entry, { messageId: 'self', data: { title }, range: range() });
          return;
        }
        if (titles.has(key)) return;
        const suggestion = didYouMean(title, entry.title === undefined ? shown : shown.filter((t) => t !== entry.title), TITLE_SUGGESTION);
        ctx.report(entry, {
          messageId: suggestion === undefined ? 'unresolvedNoGuess' : 'unresolved',
          data: { title, ...(suggestion === undefined ? {} : { suggestion }) },
          range: range(),
          involves: [`title:${key}`],
          hint: 'Titles must match exactly (case and punctuation); `related` lists titles, not file names.',
        });
      });
    }
  },
};
export default rule;
