import { describe, expect, test } from 'vitest';
import { factsOfAtom, toEntry } from './corpus.js';
import { lintCorpus } from './engine.js';
import { atom, header, procedureBody, settings } from './test-helpers.js';

describe('lintCorpus with a focus', () => {
  const file = (name: string, fields: Record<string, string>) => atom(`${header(fields)}${procedureBody}`, `procedure/${name}.md`);
  const entries = (located: string[]) =>
    [
      file('a', { title: 'Rotate the key', related: '["Rotate the kye"]' }),
      file('b', { title: 'Drain the queue', related: '["Drain the queue", "Nothing like it"]' }),
      file('c', { title: 'Translated', language: 'ja', translation_of: 'Missing source' }),
    ].map((parsed) => {
      const facts = factsOfAtom(parsed, `atoms/${parsed.relPath}`, 'en');
      // Header-only entries locate values by parsing the file: what a focus spares the other atoms.
      return toEntry({ ...facts, positions: {} }, () => {
        located.push(facts.file);
        return parsed;
      });
    });

  test('reports, locates and suggests titles for the focused atoms only', () => {
    const located: string[] = [];
    const focused = lintCorpus(entries(located), settings, new Set(['atoms/procedure/b.md']));
    expect(focused.map((f) => `${f.diagnostic.file} ${f.diagnostic.code}`)).toEqual(['atoms/procedure/b.md related/unresolved', 'atoms/procedure/b.md related/unresolved']);
    expect(new Set(located)).toEqual(new Set(['atoms/procedure/b.md']));
  });

  test('finds for the focused atom exactly what the whole run finds for it', () => {
    const all = lintCorpus(entries([]), settings).map((f) => f.diagnostic);
    for (const name of ['a', 'b', 'c']) {
      const shown = `atoms/procedure/${name}.md`;
      expect(lintCorpus(entries([]), settings, new Set([shown])).map((f) => f.diagnostic)).toEqual(all.filter((d) => d.file === shown));
    }
  });
});
