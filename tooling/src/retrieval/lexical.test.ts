import { describe, expect, test } from 'vitest';
import { createLexical, searchLexical, selectQueryTerms, shardOf, type LexicalDoc } from './lexical.js';
import { tokenize } from './tokenize.js';

const doc = (id: number, fields: Partial<LexicalDoc>): LexicalDoc => ({
  id,
  title: '',
  summary: '',
  tags: '',
  errorCodes: '',
  question: '',
  heading: '',
  body: '',
  ...fields,
});

describe('lexical search', () => {
  test('a title match outranks the same words in body text', () => {
    const index = createLexical();
    index.addAll([doc(1, { body: 'restore the database from a backup' }), doc(2, { title: 'Restore the database' })]);
    expect(searchLexical([index], tokenize('restore database'), 10).map((h) => h.label)).toEqual([2, 1]);
  });

  test('hits from several shards are merged by score and filtered', () => {
    const a = createLexical();
    const b = createLexical();
    a.addAll([doc(1, { body: 'queue worker' }), doc(3, { title: 'queue worker retries' })]);
    b.addAll([doc(2, { title: 'queue worker' }), doc(4, { body: 'unrelated words' })]);
    const hits = searchLexical([a, b], tokenize('queue worker'), 10);
    expect(hits.map((h) => h.label).sort()).toEqual([1, 2, 3]);
    expect(hits[hits.length - 1]!.label).toBe(1);
    expect(searchLexical([a, b], tokenize('queue worker'), 10, (label) => label % 2 === 0).map((h) => h.label)).toEqual([2]);
  });

  test('long queries search their rarest terms, and drop terms most units contain', () => {
    const df = (term: string) => ({ common: 900, mid: 50, rare: 2 })[term] ?? 0;
    expect(selectQueryTerms(['common', 'mid', 'rare'], df, 1000)).toEqual(['rare', 'mid']);
    expect(selectQueryTerms(['common'], df, 1000)).toEqual(['common']);
    expect(selectQueryTerms(Array.from({ length: 30 }, (_, i) => `t${i}`), () => 1, 1000)).toHaveLength(8);
  });

  test('every unit of a file lands in the same shard, spread over all shards', () => {
    expect(shardOf('error/x.md', 1)).toBe(0);
    const used = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`procedure/atom-${i}.md`, 8)));
    expect(used.size).toBe(8);
  });
});
