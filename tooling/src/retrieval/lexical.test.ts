import { describe, expect, test } from 'vitest';
import { createLexical, createLexicalForBuild, fieldTerms, lexicalDoc, searchLexical, selectQueryTerms, shardOf, shareAcrossAtom, termsDoc, type LexicalDoc } from './lexical.js';
import type { StoredUnit } from './store.js';
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

  test("an entry's sub-heading in a unit counts as a heading: `--frozen-lockfile` finds the option it names before a page that mentions it", () => {
    const unit = (text: string) => ({ title: 'pnpm install', summary: '', tags: [], errorCodes: [], kind: 'section', section: 'Options', text }) as unknown as StoredUnit;
    const options = lexicalDoc(1, unit(`#### --force\n\nRefetch everything.\n\n#### --frozen-lockfile\n\nFail when the lockfile needs an update.`));
    expect(options.heading).toBe('Options\n--force\n--frozen-lockfile');
    const index = createLexical();
    index.addAll([options, doc(2, { title: 'Store settings', body: 'A frozen store pairs with --frozen-lockfile and a frozen store path.' })]);
    expect(searchLexical([index], tokenize('what does --frozen-lockfile do'), 10).map((h) => h.label)[0]).toBe(1);
  });

  test("a code block's language is not indexed, what follows it is: ```mjs makes no unit about mjs files", () => {
    const unit = (text: string) => ({ title: 'fs', summary: '', tags: [], errorCodes: [], kind: 'section', section: 'Example', text }) as unknown as StoredUnit;
    const example = lexicalDoc(1, unit('```mjs title="read.mjs"\nimport { readFile } from "node:fs/promises";\n```\n\n~~~ yaml\nkey: value\n~~~'));
    expect(example.body).toBe('``` title="read.mjs"\nimport { readFile } from "node:fs/promises";\n```\n\n~~~ \nkey: value\n~~~');
    expect(tokenize(example.body)).not.toContain('yaml');
  });

  test("a build's index, given each unit's terms, is the index of the units' text, byte for byte", () => {
    const unit = (title: string, text: string) => ({ title, summary: 'How to: config.yaml, ignore-scripts', tags: ['ci', 'ops'], errorCodes: ['E_X'], kind: 'section', section: 'Steps', text }) as unknown as StoredUnit;
    const units = [unit('Restart the worker', '1. Run `npm ci`.\n\n#### --frozen-lockfile\n\nDon’t skip it.'), unit('サーバーを再起動する', '埋め込みモデルを読み込みたい。 ```mjs\nx\n```'), unit('Empty', '')];
    const fromText = createLexical();
    const fromTerms = createLexicalForBuild();
    units.forEach((u, i) => {
      fromText.add(lexicalDoc(i, u));
      fromTerms.add(termsDoc(i, fieldTerms(u)));
    });
    expect(JSON.stringify(fromTerms)).toBe(JSON.stringify(fromText));
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

  test('a misspelt or unfinished word finds the unit; a known word matches itself and its long forms one edit away, never the words it begins', () => {
    const index = createLexical();
    index.addAll([
      doc(1, { title: 'Rotate the credentials' }),
      doc(2, { title: 'Rotation schedule' }),
      doc(3, { title: 'Credential store' }),
      doc(4, { title: 'Storefront' }),
      doc(5, { title: 'Interviewee' }),
    ]);
    const vocabulary = new Set(['rotat', 'credenti', 'schedul', 'store', 'storefront', 'interviewe']);
    const known = (term: string) => vocabulary.has(term);
    const labels = (terms: string[]) => searchLexical([index], terms, 10, undefined, known).map((h) => h.label).sort();
    expect(tokenize('credentails interview')).toEqual(['credentail', 'interview']);
    expect(labels(['credentail'])).toEqual([1, 3]);
    expect(labels(['sched'])).toEqual([2]);
    expect(labels(['store', 'credenti'])).toEqual([1, 3]);
    // A question's words are finished: `store` is not `storefront`, and `atom` not `atomkit_err_…`.
    expect(labels(['credenti', 'store'])).toEqual([1, 3]);
    vocabulary.add('interview');
    expect(labels(['interview', 'rotat'])).toEqual([1, 2, 5]);
  });

  test("a term's weight scales what it adds, so a word's other form counts less than the word as written", () => {
    const index = createLexical();
    index.addAll([doc(1, { title: 'Run the server' }), doc(2, { title: 'Serve the site' })]);
    const known = () => true;
    const score = (weight?: (term: string) => number) => searchLexical([index], ['serv', 'server'], 10, undefined, known, weight).find((h) => h.label === 2)!.score;
    expect(score((t) => (t === 'serv' ? 0.5 : 1))).toBeCloseTo(score() / 2, 10);
  });

  test('long queries search their rarest terms, and drop terms most units contain', () => {
    const df = (term: string) => ({ common: 900, mid: 50, rare: 2 })[term] ?? 0;
    expect(selectQueryTerms([['common'], ['mid'], ['rare']], df, 1000)).toEqual(['rare', 'mid']);
    expect(selectQueryTerms([['common']], df, 1000)).toEqual(['common']);
    expect(selectQueryTerms(Array.from({ length: 30 }, (_, i) => [`t${i}`]), () => 1, 1000)).toHaveLength(24);
  });

  test('searches the rarest word the index knows beside words no unit contains, when every known word is common', () => {
    const df = (term: string) => ({ widget: 3, lockfil: 3 })[term] ?? 0;
    expect(selectQueryTerms([['widget'], ['lockfil'], ['outdat', 'stale']], df, 3)).toEqual(['outdat', 'stale', 'widget']);
    expect(selectQueryTerms([['typo']], df, 3)).toEqual(['typo']);
  });

  test('Japanese words no unit contains come after the words the index knows: a long question over English atoms keeps its known words searched', () => {
    const unknown = ['依存', '関係', '宣言', '間違', '時に', '側', '書換', '処理', '挟める', '仕組', '思う', '手順', '場合'].map((word) => [word]);
    // As the retriever passes them: a word the index knows in its English form only, by that form.
    const known = [['librari'], ['hook'], ['js']];
    const df = (term: string) => ({ librari: 16, hook: 9, js: 105 })[term] ?? 0;
    const searched = selectQueryTerms([...unknown, ...known], df, 1000);
    expect(searched.slice(0, 3)).toEqual(['hook', 'librari', 'js']);
    // A Latin word no unit contains may be a typo: it is searched, after the words the index knows.
    expect(selectQueryTerms([['js'], ['conect']], df, 1000)).toEqual(['js', 'conect']);
  });

  test('words of pasted values come after the words that say what went wrong, however rare: a stack trace of paths keeps its error words searched', () => {
    // Twenty-four folder and line-number words, each in one unit, and the two words of the error.
    const paths = Array.from({ length: 24 }, (_, i) => [`dir${i}`]);
    const words = [...paths, ['__dirnam'], ['referenceerror']];
    const df = (term: string) => (term.startsWith('dir') ? 1 : 20);
    expect(selectQueryTerms(words, df, 1000)).not.toContain('__dirnam');
    const searched = selectQueryTerms(words, df, 1000, [...paths.map(() => true), false, false]);
    expect(searched.slice(0, 2)).toEqual(['__dirnam', 'referenceerror']);
    expect(searched).toHaveLength(24);
  });

  test('a question told as a story keeps its topic searched: the words the index knows come before typos and small talk, however rare those are', () => {
    // "at work everything goes out through a proxy and HTTPS_PROXY is set in my shell...": a dozen
    // words no unit holds (everyth, curl, hardcod...), a dozen words of small talk found in a unit or two
    // (work, pick, direct...), and the two words of the topic, in more units than any of them.
    const unseen = Array.from({ length: 12 }, (_, i) => [`unseen${i}`]);
    const idle = Array.from({ length: 12 }, (_, i) => [`idle${i}`]);
    const words = [...unseen, ...idle, ['proxi'], ['https_proxy']];
    const df = (term: string) => (term.startsWith('idle') ? 2 : ({ proxi: 31, https_proxy: 12 } as Record<string, number>)[term] ?? 0);
    const smallTalk = words.map((forms) => forms[0]!.startsWith('idle'));
    const searched = selectQueryTerms(words, df, 1000, [], smallTalk);
    expect(searched.slice(0, 2)).toEqual(['https_proxy', 'proxi']);
    expect(searched.slice(2, 14)).toEqual(unseen.flat());
    expect(searched).toHaveLength(24);
    expect(searched).not.toContain('idle11');
  });

  test("counts a question's words, not their forms: other forms never crowd a word of the question out", () => {
    const words = Array.from({ length: 8 }, (_, i) => [`w${i}`, `w${i}-other`, `w${i}-third`]);
    const searched = selectQueryTerms(words, (term) => (term.endsWith('other') || term.endsWith('third') ? 1 : 5), 1000);
    expect(words.every(([word]) => searched.includes(word!))).toBe(true);
    expect(searched).toHaveLength(24);
  });

  test("a unit gains a share of its atom's best other units, so an atom matching in several sections outranks one matching once", () => {
    const atomOf = (label: number) => (label < 10 ? 'several' : 'once');
    const hits = shareAcrossAtom([{ label: 10, score: 5 }, { label: 1, score: 4.5 }, { label: 2, score: 4 }, { label: 3, score: 3 }], atomOf);
    expect(hits.map((h) => h.label)).toEqual([1, 10, 2, 3]);
    expect(hits[0]!.score).toBeCloseTo(4.5 + 0.1 * (4 + 3), 10);
  });

  test('a long atom gains from its best three other units only, not from its length', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ label: i, score: 1 }));
    const short = [{ label: 100, score: 1 }, { label: 101, score: 1 }, { label: 102, score: 1 }, { label: 103, score: 1 }];
    const hits = shareAcrossAtom([...long, ...short], (label) => (label < 100 ? 'long' : 'short'));
    expect(hits.find((h) => h.label === 0)!.score).toBeCloseTo(hits.find((h) => h.label === 100)!.score, 10);
  });

  test('every unit of a file lands in the same shard, spread over all shards', () => {
    expect(shardOf('error/x.md', 1)).toBe(0);
    const used = new Set(Array.from({ length: 200 }, (_, i) => shardOf(`procedure/atom-${i}.md`, 8)));
    expect(used.size).toBe(8);
  });
});
