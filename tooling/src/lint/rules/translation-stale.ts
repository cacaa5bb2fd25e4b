/** `translation/stale`: a translation follows its source; a newer source version means it needs an update. */
import { sourceOf } from '../corpus.js';
import type { CorpusRule } from '../types.js';

const rule: CorpusRule = {
  meta: {
    code: 'translation/stale',
    description: 'The source atom has a newer version than the one the translation was made from (`source_version`).',
    defaultSeverity: 'warn',
    messages: {
      stale: 'This translation was made from version {sourceVersion} of `{title}`, which is now at {version}; update the translation and `source_version`.',
      unknown: 'This translation does not say which version of `{title}` it was made from; add `source_version: {version}`.',
    },
  },
  checkCorpus(entries, ctx) {
    const source = sourceOf(entries);
    for (const entry of entries.filter(ctx.wanted)) {
      const original = source(entry);
      if (!original?.version) continue;
      const involves = [`file:${original.file}`];
      if (entry.sourceVersion === undefined) {
        ctx.report(entry, { messageId: 'unknown', data: { title: entry.translationOf!, version: original.version }, range: entry.locate(['translation_of']), involves });
      } else if (compareVersions(original.version, entry.sourceVersion) > 0) {
        ctx.report(entry, {
          messageId: 'stale',
          data: { title: entry.translationOf!, version: original.version, sourceVersion: entry.sourceVersion },
          range: entry.locate(['source_version']),
          involves,
        });
      }
    }
  },
};
export default rule;

/** Compares the numeric parts of two semver versions (pre-release tags sort before the release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map((n) => Number(n) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
