import { describe, expect, test } from 'vitest';
import { factsOfAtom, toEntry } from '../corpus.js';
import { lintCorpus } from '../engine.js';
import { atom, header, procedureBody, settings } from '../test-helpers.js';

const page = (title: string, links = '') => `${header({ title })}${procedureBody}\n${links}\n\n## FAQ\n\nQ: Why restart it?\nA: To load the new settings.\n`;
const linting = (files: readonly (readonly [string, string])[], siteBase = '/') =>
  lintCorpus(
    files.map(([file, text]) => toEntry(factsOfAtom(atom(text, file), `atoms/${file}`, 'en'))),
    { ...settings, rule: { ...settings.rule, siteBase } },
  )
    .map((finding) => finding.diagnostic)
    .filter((d) => d.code === 'link/unresolved')
    .map((d) => `${d.file} ${d.start.line}:${d.start.column} ${d.message}`);
const worker = ['procedure/restart-the-worker.md', page('Restart the worker')] as const;

describe('link/unresolved', () => {
  test('links to atom pages, their headings and FAQ questions, by page path or by file, resolve', () => {
    const links = [
      '[steps](/procedure/restart-the-worker/#steps)',
      '[verify](../procedure/restart-the-worker.md#verify)',
      '[why](/procedure/restart-the-worker/#q-why-restart-it)',
      '[top](/procedure/restart-the-worker/#_top)',
      '[here](#prerequisites)',
      '[sibling](../restart-the-worker/)',
      '[out](https://example.org/x#nowhere)',
      '[search](/pagefind/pagefind.js)',
      '[mail](mailto:ops@example.org)',
    ].join('\n');
    expect(linting([worker, ['procedure/linker.md', page('Linker', links)]])).toEqual([]);
  });

  test('a page or an anchor that does not exist is reported where the link is, with the nearest one', () => {
    const links = '[a](/procedure/restart-the-workers/)\n[b](/procedure/restart-the-worker/#step)\n[c](../error/missing.md)\n[d](#verfy)';
    expect(linting([worker, ['procedure/linker.md', page('Linker', links)]])).toEqual([
      'atoms/procedure/linker.md 29:1 No atom is at `/procedure/restart-the-workers/`, where this link points; did you mean `/procedure/restart-the-worker/`?',
      'atoms/procedure/linker.md 30:1 The page `/procedure/restart-the-worker/` has no heading or question with the anchor `#step`; did you mean `#steps`?',
      'atoms/procedure/linker.md 31:1 No atom is at `../error/missing.md`, where this link points.',
      'atoms/procedure/linker.md 32:1 The page `/procedure/linker/` has no heading or question with the anchor `#verfy`; did you mean `#verify`?',
    ]);
  });

  test("page paths are read under the site's base; a reference definition is checked as a link is", () => {
    const links = '[ok](/docs/procedure/restart-the-worker/)\n[other site](/procedure/nothing/)\n\n[ref]: /docs/procedure/restart-the-workers/';
    expect(linting([worker, ['procedure/linker.md', page('Linker', links)]], '/docs/')).toEqual([
      'atoms/procedure/linker.md 32:1 No atom is at `/docs/procedure/restart-the-workers/`, where this link points; did you mean `/docs/procedure/restart-the-worker/`?',
    ]);
  });
});
