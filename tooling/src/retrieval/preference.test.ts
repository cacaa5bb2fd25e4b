import { describe, expect, test } from 'vitest';
import type { Retriever, SearchHit, SearchOptions } from './api.js';
import { languagePreferred } from './preference.js';

const hit = (atomId: string, language: string, confidence: number, extra: Partial<SearchHit> = {}): SearchHit =>
  ({ unitId: `${atomId}#`, atomId, language, confidence, score: confidence, kind: 'section', text: '', title: atomId, summary: '', type: 'error', tags: [], section: undefined, anchor: undefined, pageUrl: '/', url: '/', ...extra }) as SearchHit;

/** A retriever over fixed hits (best first) that applies the language filter as the index does, and counts its searches (`together`: made in one `searchEach`). */
function retriever(hits: SearchHit[], searches: SearchOptions[] = []): Retriever {
  const languages = new Map<string, number>();
  for (const h of hits) languages.set(h.language, (languages.get(h.language) ?? 0) + 1);
  return {
    manifest: {} as Retriever['manifest'],
    dense: false,
    search: async (_query: string, options: SearchOptions = {}) => {
      searches.push(options);
      return hits.filter((h) => !options.filters?.language || h.language === options.filters.language);
    },
    searchEach: async (_query: string, each: readonly SearchOptions[]) => {
      searches.push(...each.map((options) => ({ ...options, together: each.length })));
      return each.map((options) => hits.filter((h) => !options.filters?.language || h.language === options.filters.language));
    },
    languages: () => languages,
    unitsOf: (atomId: string) => hits.filter((h) => h.atomId === atomId),
    analyze: () => [],
    problem: () => undefined,
    close: () => {},
  };
}

describe('languagePreferred', () => {
  test("searches once where every unit is in the question's language, or none is, and twice where both kinds are, in one reading of the index", async () => {
    const english = [hit('error/a', 'en', 0.5), hit('error/b', 'en', 0.4)];
    for (const language of ['en', 'ja']) {
      const searches: SearchOptions[] = [];
      expect((await languagePreferred(retriever(english, searches), 'q', language, { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual(['error/a', 'error/b']);
      expect(searches).toEqual([{ k: 8 }]);
    }
    const searches: SearchOptions[] = [];
    await languagePreferred(retriever([...english, hit('ja/error/a', 'ja', 0.5)], searches), 'q', 'ja', { k: 8, minScore: 0.1 });
    expect(searches).toEqual([
      { k: 8, together: 2 },
      { k: 8, filters: { language: 'ja' }, together: 2 },
    ]);
  });

  test("puts the question's language first when its best atom covers the question about as well", async () => {
    const hits = [hit('error/en', 'en', 0.5), hit('ja/error/ja', 'ja', 0.55)];
    expect((await languagePreferred(retriever(hits), 'q', 'ja', { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual(['ja/error/ja', 'error/en']);
  });

  test('ranks all languages together when the only good answer is in another language', async () => {
    const hits = [hit('procedure/backup', 'en', 0.7), hit('ja/faq/faq', 'ja', 0.2)];
    expect((await languagePreferred(retriever(hits), 'q', 'ja', { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual(['procedure/backup', 'ja/faq/faq']);
  });

  test('an atom in the question\'s language that covers clearly less of it does not go before one that covers it all', async () => {
    // A Japanese FAQ that mentions backups, and the English procedure that restores the chat database.
    const hits = [hit('procedure/restore-the-chat-database', 'en', 0.53), hit('ja/faq/faq', 'ja', 0.46)];
    expect((await languagePreferred(retriever(hits), 'q', 'ja', { k: 8, minScore: 0.1 }))[0]?.atomId).toBe('procedure/restore-the-chat-database');
  });

  test('judges the preference on the first hits of each list, whatever the number asked for', async () => {
    const weak = Array.from({ length: 10 }, (_, i) => hit(`ja/procedure/p${i}`, 'ja', 0.3));
    const hits = [hit('config-template/extract', 'en', 1), ...weak, hit('ja/faq/far-down', 'ja', 0.9)];
    for (const k of [8, 60]) expect((await languagePreferred(retriever(hits), 'q', 'ja', { k, minScore: 0.1 }))[0]?.atomId).toBe('config-template/extract');
  });

  test("shows an atom found in another language by its translation in the question's language, in its place", async () => {
    const source = hit('pitfall/unquoted-dates', 'en', 0.9, { title: 'Unquoted versions and dates in the header' });
    const translation = hit('ja/pitfall/unquoted-dates', 'ja', 0.3, { translationOf: 'Unquoted versions and dates in the header' });
    const hits = [hit('error/schema', 'en', 0.5), source, hit('ja/faq/faq', 'ja', 0.4), translation];
    expect((await languagePreferred(retriever(hits), 'q', 'ja', { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual([
      'error/schema',
      'ja/pitfall/unquoted-dates',
      'pitfall/unquoted-dates',
      'ja/faq/faq',
    ]);
    // An English question keeps the English atom, its translation where the search put it.
    expect((await languagePreferred(retriever(hits), 'q', 'en', { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual(['error/schema', 'pitfall/unquoted-dates', 'ja/faq/faq', 'ja/pitfall/unquoted-dates']);
  });

  test('keeps in first place an atom in another language that ranks above every atom in the question\'s and has no translation', async () => {
    // "チャットのウィジェットを社外のウェブサイトに埋め込みたい": the English procedure is the answer; the
    // Japanese page about the widget being unreachable only shares its words.
    const hits = [hit('procedure/embed-the-widget', 'en', 1), hit('ja/troubleshooting/widget-unreachable', 'ja', 1), hit('error/other', 'en', 0.3)];
    expect((await languagePreferred(retriever(hits), 'q', 'ja', { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual([
      'procedure/embed-the-widget',
      'ja/troubleshooting/widget-unreachable',
      'error/other',
    ]);
    // Less confident than the Japanese atoms, or translated, it goes after them as before.
    const weaker = [hit('procedure/embed-the-widget', 'en', 0.8), hit('ja/troubleshooting/widget-unreachable', 'ja', 0.9)];
    expect((await languagePreferred(retriever(weaker), 'q', 'ja', { k: 8, minScore: 0.1 }))[0]?.atomId).toBe('ja/troubleshooting/widget-unreachable');
    const translated = [hit('procedure/embed-the-widget', 'en', 1, { title: 'Embed the widget' }), hit('ja/troubleshooting/widget-unreachable', 'ja', 1), hit('ja/procedure/embed-the-widget', 'ja', 0.95, { translationOf: 'Embed the widget' })];
    expect((await languagePreferred(retriever(translated), 'q', 'ja', { k: 8, minScore: 0.1 })).map((h) => h.atomId).slice(0, 2)).toEqual(['ja/troubleshooting/widget-unreachable', 'ja/procedure/embed-the-widget']);
    // A translation at the source's path in its locale folder is one, even without `translation_of`.
    const samePath = [hit('procedure/embed-the-widget', 'en', 1), hit('ja/troubleshooting/widget-unreachable', 'ja', 1), hit('ja/procedure/embed-the-widget', 'ja', 0.95)];
    expect((await languagePreferred(retriever(samePath), 'q', 'ja', { k: 8, minScore: 0.1 }))[0]?.atomId).toBe('ja/troubleshooting/widget-unreachable');
  });

  test('puts an atom whose error code the question quotes first, whatever its language', async () => {
    const hits = [hit('ja/faq/faq', 'ja', 0.95), hit('error/api', 'en', 0.9, { matchedErrorCode: 'ATOMKIT_ERR_UNSUPPORTED_MEDIA_TYPE' })];
    expect((await languagePreferred(retriever(hits), 'q', 'ja', { k: 8, minScore: 0.1 }))[0]?.atomId).toBe('error/api');
  });

  test("of an atom and its translation that both quote the error code, puts the question's language first", async () => {
    const code = { matchedErrorCode: 'frontmatter/schema' };
    const hits = [hit('ja/error/schema', 'ja', 0.9, code), hit('error/schema', 'en', 0.9, code), hit('error/other', 'en', 0.5)];
    expect((await languagePreferred(retriever(hits), 'q', 'en', { k: 8, minScore: 0.1 })).map((h) => h.atomId)).toEqual(['error/schema', 'ja/error/schema', 'error/other']);
    expect((await languagePreferred(retriever(hits), 'q', 'ja-JP', { k: 8, minScore: 0.1 }))[0]?.atomId).toBe('ja/error/schema');
  });
});
