import { describe, expect, test } from 'vitest';
import { confidence, denseConfidence, lexicalCoverage, mostConfident, weightedCoverage } from './confidence.js';

const df = (counts: Record<string, number>) => (term: string) => counts[term] ?? 0;

describe('confidence', () => {
  test('is the IDF-weighted share of query terms the unit holds, times the share of terms', () => {
    expect(lexicalCoverage(['backup', 'restore'], new Set(['backup', 'restore']), df({ backup: 3, restore: 3 }), 100)).toBe(1);
    expect(lexicalCoverage([], new Set(['x']), df({}), 100)).toBe(0);
    // A word the corpus never uses weighs most: an off-topic question scores low.
    const offTopic = lexicalCoverage(['cake', 'recip', 'error'], new Set(['error']), df({ error: 40 }), 100);
    expect(offTopic).toBeLessThan(0.2);
  });

  test('rescales cosine similarity from the index baseline', () => {
    expect(denseConfidence(0.2, { mean: 0.15, std: 0.05 })).toBe(0);
    expect(denseConfidence(1, { mean: 0.15, std: 0.05 })).toBe(1);
    expect(denseConfidence(0.6, { mean: 0.15, std: 0.05 })).toBeCloseTo(0.5, 5);
  });

  test('blends both when dense is on, and an exact error code lifts it to 0.9', () => {
    const base = { queryTerms: ['a', 'b'], unitTerms: new Set(['a']), df: df({ a: 1, b: 1 }), units: 10 };
    expect(confidence(base)).toBe(0.25);
    expect(confidence({ ...base, similarity: 1, baseline: { mean: 0, std: 0 } })).toBe(0.625);
    expect(confidence({ ...base, exactMatch: true })).toBe(0.9);
  });

  test('counts the lexical coverage as its square root when the question names the atom in full', () => {
    const base = { queryTerms: ['redact', 'authorization', 'log'], unitTerms: new Set(['redact', 'log']), df: df({ redact: 3, log: 40 }), units: 100 };
    const coverage = lexicalCoverage(base.queryTerms, base.unitTerms, base.df, base.units);
    expect(confidence(base)).toBe(Math.round(coverage * 1000) / 1000);
    expect(confidence({ ...base, named: true })).toBe(Math.round(Math.sqrt(coverage) * 1000) / 1000);
    // Naming a page says nothing when none of the question's topics is there.
    expect(confidence({ ...base, unitTerms: new Set(), named: true })).toBe(0);
  });
});

describe('lexicalCoverage of analysed queries', () => {
  const term = (t: string, extra: { concrete?: boolean; everyday?: boolean; smallTalk?: boolean; forms?: string[] } = {}) => ({
    term: t,
    forms: extra.forms ?? [t],
    concrete: extra.concrete ?? false,
    everyday: extra.everyday ?? false,
    smallTalk: extra.smallTalk ?? false,
  });
  const counts = df({ image: 5, remot: 5, allow: 5 });

  test('does not hold a pasted value the atom lacks against it, and counts one it has', () => {
    const pasted = [term('remot'), term('image'), term('allow'), term('cdn', { concrete: true }), term('png', { concrete: true })];
    expect(lexicalCoverage(pasted, new Set(['remot', 'image', 'allow']), counts, 100)).toBe(1);
  });

  test('ignores an everyday word no atom uses, and cuts coverage for a topic no atom mentions', () => {
    const atom = new Set(['remot', 'image']);
    expect(lexicalCoverage([term('remot'), term('image'), term('stuck', { everyday: true })], atom, counts, 100)).toBe(1);
    const topic = lexicalCoverage([term('remot'), term('image'), term('slack')], atom, counts, 100);
    expect(topic).toBeLessThan(0.1);
  });

  test('does not hold small talk other atoms use against an atom that lacks it, and counts it for one that has it', () => {
    const question = [term('remov'), term('pnpm'), term('machin', { everyday: true, smallTalk: true })];
    const counts = df({ remov: 5, pnpm: 50, machin: 5 });
    expect(lexicalCoverage(question, new Set(['remov', 'pnpm']), counts, 100)).toBe(1);
    expect(weightedCoverage(question, new Set(['remov', 'pnpm']), counts, 100)).toBe(1);
    // Any other word the atom lacks still counts against it.
    expect(lexicalCoverage(question.map((t) => ({ ...t, smallTalk: false })), new Set(['remov', 'pnpm']), counts, 100)).toBeLessThan(0.5);
  });

  test('cuts less for a word no atom uses in a long question, where it is as often a detail of the asker’s setup', () => {
    const words = ['remot', 'image', 'allow', 'block', 'build', 'config', 'site', 'fetch', 'page', 'cdn'];
    const atom = new Set(words.slice(0, -1));
    const all = df(Object.fromEntries(words.slice(0, -1).map((w) => [w, 5])));
    const short = lexicalCoverage([term('remot'), term('image'), term('slack')], atom, all, 100);
    const long = lexicalCoverage([...words.slice(0, -1), 'slack'].map((w) => term(w)), atom, all, 100);
    const uncut = lexicalCoverage(words.slice(0, -1).map((w) => term(w)).concat(term('slack', { everyday: true })), atom, all, 100);
    expect(uncut).toBe(1);
    expect(long).toBeGreaterThan(0.35);
    expect(short).toBeLessThan(0.1);
  });

  test('does not hold a Japanese word other atoms use against an English atom, which could not contain it', () => {
    const terms = [term('改行'), term('crlf'), term('警告')];
    const counts = df({ 改行: 3, crlf: 2, 警告: 9 });
    expect(lexicalCoverage(terms, new Set(['crlf']), counts, 100, 'en')).toBe(1);
    expect(lexicalCoverage(terms, new Set(['crlf']), counts, 100, 'ja')).toBeLessThan(0.5);
  });

  test('still counts a Japanese word no atom uses against an English atom: it names a topic none covers', () => {
    const terms = [term('crlf'), term('スラック')];
    expect(lexicalCoverage(terms, new Set(['crlf']), df({ crlf: 2 }), 100, 'en')).toBeLessThan(0.2);
  });

  test('counts a term as found when the atom has any of its forms', () => {
    expect(lexicalCoverage([term('バックアップ', { forms: ['バックアップ', 'backup'] })], new Set(['backup']), df({ backup: 2 }), 100)).toBe(1);
  });
});

test('a question whose only words in the atom are pasted values is not covered', () => {
  const terms = [
    { term: '天気', forms: ['天気'], concrete: false, everyday: true, smallTalk: false },
    { term: '3', forms: ['3'], concrete: true, everyday: false, smallTalk: false },
  ];
  expect(lexicalCoverage(terms, new Set(['3']), df({ '3': 4 }), 100)).toBe(0);
});

describe('mostConfident', () => {
  test('is the hit with the highest confidence wherever it ranks, the earlier of equals, none of no hits', () => {
    const hits = [{ id: 'a', confidence: 0.1 }, { id: 'b', confidence: 0.4 }, { id: 'c', confidence: 0.4 }];
    expect(mostConfident(hits)?.id).toBe('b');
    expect(mostConfident([])).toBeUndefined();
  });
});

describe('weightedCoverage', () => {
  test("ranks the atom holding a question's telling word above a long one holding more of its common words, which lexicalCoverage does not", () => {
    const counts = df({ passwordhash: 1, json: 40, send: 60, back: 60, field: 60, row: 60 });
    const question = ['passwordhash', 'json', 'send', 'back', 'field', 'row'];
    const telling = new Set(['passwordhash', 'json']);
    const long = new Set(['json', 'send', 'back', 'field', 'row']);
    expect(weightedCoverage(question, telling, counts, 100)).toBeGreaterThan(weightedCoverage(question, long, counts, 100));
    expect(lexicalCoverage(question, telling, counts, 100)).toBeLessThan(lexicalCoverage(question, long, counts, 100));
  });

  test('is the share of the weight of the words the atom holds, a rarer word weighing more', () => {
    expect(weightedCoverage(['backup', 'restore'], new Set(['backup']), df({ backup: 3, restore: 3 }), 100)).toBe(0.5);
    expect(weightedCoverage(['backup', 'restore'], new Set(['backup']), df({ backup: 1, restore: 50 }), 100)).toBeGreaterThan(0.5);
    expect(weightedCoverage([], new Set(['x']), df({}), 100)).toBe(0);
  });
});

test('a question whose only words in the atom are small talk is not covered', () => {
  // "what is the meaning of life" over a knowledge base of eight atoms, one asking what an error code means.
  const terms = [
    { term: 'mean', forms: ['mean'], concrete: false, everyday: true, smallTalk: true },
    { term: 'life', forms: ['life'], concrete: false, everyday: true, smallTalk: true },
  ];
  expect(lexicalCoverage(terms, new Set(['mean', 'orders_db_pool_exhaust']), df({ mean: 31 }), 88)).toBe(0);
  // With a word that names the topic, its small talk counts as before.
  const topic = [...terms, { term: 'orders_db_pool_exhaust', forms: ['orders_db_pool_exhaust'], concrete: false, everyday: false, smallTalk: false }];
  expect(lexicalCoverage(topic, new Set(['mean', 'orders_db_pool_exhaust']), df({ mean: 31, orders_db_pool_exhaust: 2 }), 88)).toBe(1);
});
