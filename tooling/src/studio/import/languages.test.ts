import { describe, expect, test } from 'vitest';
import { pageLanguages, translatedPiece } from './languages.js';

describe('pageLanguages', () => {
  test('a language before the extension marks a translation of the page without it; one the knowledge base does not have is named', () => {
    const found = pageLanguages(['README.md', 'README.ja.md', 'README.zh-CN.md', 'guide/setup.md', 'guide/setup.JA.md'], 'en', ['ja']);
    expect(Object.fromEntries(found)).toEqual({
      'README.ja.md': { kind: 'translation', language: 'ja', unmarked: 'README.md', source: 'README.md' },
      'README.zh-CN.md': { kind: 'other', language: 'zh-CN', name: 'Chinese (China)' },
      'guide/setup.JA.md': { kind: 'translation', language: 'ja', unmarked: 'guide/setup.md', source: 'guide/setup.md' },
    });
  });

  test('a locale folder marks its pages, the page it mirrors being their source when there is one', () => {
    const found = pageLanguages(['guide/intro.md', 'ja/guide/intro.md', 'ja/only-here.md', 'docs/es/api.md', 'docs/es/cli.md', 'docs/api.md', 'docs/cli.md'], 'en', ['ja']);
    expect(found.get('ja/guide/intro.md')).toEqual({ kind: 'translation', language: 'ja', unmarked: 'guide/intro.md', source: 'guide/intro.md' });
    expect(found.get('ja/only-here.md')).toEqual({ kind: 'translation', language: 'ja', unmarked: 'only-here.md', source: undefined });
    expect(found.get('docs/es/api.md')).toEqual({ kind: 'other', language: 'es', name: 'Spanish' });
    expect(found.has('guide/intro.md')).toBe(false);
  });

  test('a folder named like a language the knowledge base lacks is one only when it mirrors the rest', () => {
    // An identity service's section that happens to have an index page, like the docs around it.
    const found = pageLanguages(['index.md', 'setup.md', 'id/index.md', 'id/tokens.md', 'id/sessions.md'], 'en', ['ja']);
    expect(found.size).toBe(0);
  });

  test('a page marked as in the default language is the source of the pages marked with another', () => {
    const found = pageLanguages(['index.en.md', 'index.ja.md', 'en/guide.md', 'ja/guide.md'], 'en', ['ja']);
    expect(Object.fromEntries(found)).toEqual({
      'index.en.md': { kind: 'original', unmarked: 'index.md' },
      'index.ja.md': { kind: 'translation', language: 'ja', unmarked: 'index.md', source: 'index.en.md' },
      'en/guide.md': { kind: 'original', unmarked: 'guide.md' },
      'ja/guide.md': { kind: 'translation', language: 'ja', unmarked: 'guide.md', source: 'en/guide.md' },
    });
  });

  test("Docusaurus's i18n tree translates the docs folder beside it", () => {
    const found = pageLanguages(['docs/intro.md', 'i18n/ja/docusaurus-plugin-content-docs/current/intro.md'], 'en', ['ja']);
    expect(found.get('i18n/ja/docusaurus-plugin-content-docs/current/intro.md')).toEqual({ kind: 'translation', language: 'ja', unmarked: 'docs/intro.md', source: 'docs/intro.md' });
  });

  test('a name that only looks like a language is a page of the default language', () => {
    // No Tsonga here: `ts` is a language, but no `types.md` is translated and the knowledge base has no `ts`.
    const found = pageLanguages(['types.ts.md', 'node.js.md', 'es/modules.md', 'api.v2.md', 'README.en.md', 'README.md', 'en/README.md'], 'en', ['ja']);
    expect(found.size).toBe(0);
  });
});

describe('translatedPiece', () => {
  const piece = (sourceAnchor?: string) => ({ sourceAnchor });
  test('a piece translates the source piece of its anchor, else the one in its place when both pages split alike', () => {
    const source = [piece(), piece('env-variables'), piece('intellisense'), piece('modes')];
    const translation = [piece(), piece('env-variables'), piece('modes')];
    expect(translatedPiece(translation[2]!, translation, source)).toBe(source[3]);
    expect(translatedPiece(translation[0]!, translation, source)).toBe(source[0]);
    const alike = [piece(), piece('umgebung')];
    expect(translatedPiece(alike[1]!, alike, source.slice(0, 2))).toBe(source[1]);
  });

  test('split otherwise, only the opening piece translates the opening piece', () => {
    const source = [piece(), piece('a'), piece('b')];
    const translation = [piece(), piece('x')];
    expect(translatedPiece(translation[0]!, translation, source)).toBe(source[0]);
    expect(translatedPiece(translation[1]!, translation, source)).toBeUndefined();
    expect(translatedPiece(translation[0]!, translation, [])).toBeUndefined();
  });

  test('a piece in the place of one another piece translates by its anchor translates none', () => {
    const source = [piece(), piece('modes'), piece('env')];
    const translation = [piece(), piece('renamed'), piece('modes')];
    expect(translation.map((one) => translatedPiece(one, translation, source))).toEqual([source[0], undefined, source[1]]);
  });
});
