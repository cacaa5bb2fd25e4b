/**
 * The site in two languages, built once from a small tree: an English atom, its Japanese
 * translation under `ja/`, and an English atom nobody translated. English is the root locale,
 * Japanese lives under `/ja/`; checks the pages, the language picker, Starlight's fallback notice,
 * the index pages of each language, Pagefind's Japanese index and the chat widget's language in a
 * real browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Page } from 'playwright-core';
import { buildWidget } from '../../bot/widget/build.js';
import type { BuiltSite } from '../../tooling/src/site/build.js';
import { brokenLinks, buildFixtureSite, parsePage } from './helpers.js';
import { openInBrowser, type SiteInBrowser } from './serve.js';

const I18N_ATOMS = fileURLToPath(new URL('./fixtures/i18n-atoms/', import.meta.url));

let site: BuiltSite;
let served: SiteInBrowser;
let page: Page;

beforeAll(async () => {
  site = await buildFixtureSite({ ATOMKIT_ATOMS_DIR: I18N_ATOMS });
  // Where `atomkit start` serves the chat widget from.
  await buildWidget({ outfile: path.join(site.outDir, 'widget', 'atom-chat.js') });
  served = await openInBrowser(site, '/');
  page = served.page;
}, 300_000);

afterAll(() => served?.close());

const lang = (urlPath: string) => select('html', parsePage(site.outDir, urlPath))!.properties.lang;
/** The language picker's choices: [label, link, selected]. */
const picker = (urlPath: string) =>
  selectAll('starlight-lang-select option', parsePage(site.outDir, urlPath))
    .slice(0, 2)
    .map((option) => [toString(option).trim(), option.properties.value, option.properties.selected === true]);
const listTitles = (urlPath: string) => selectAll('.atom-list__title > a:not(.atom-type)', parsePage(site.outDir, urlPath)).map((a) => [toString(a), a.properties.href]);

describe('a translated atom', () => {
  test('has its Japanese page under /ja/ in Japanese, with Japanese badges and links within the locale', () => {
    expect(lang('/error/ledger-mismatch/')).toBe('en');
    expect(lang('/ja/error/ledger-mismatch/')).toBe('ja');
    const ja = parsePage(site.outDir, '/ja/error/ledger-mismatch/');
    expect(toString(select('h1', ja)!)).toBe('台帳の不一致');
    expect(select('.sl-markdown-content', ja) && toString(select('.sl-markdown-content', ja)!)).toContain('棚卸差異');
    const badge = select('.atom-header a.atom-type', ja)!;
    expect([badge.properties.href, toString(badge).trim()]).toEqual(['/ja/error/', 'エラー']);
    expect(selectAll('.atom-header .atom-tags a', ja).map((a) => a.properties.href)).toEqual(['/ja/tags/ledger/']);
    expect(select('[data-fallback-notice], .sl-fallback-notice', ja)).toBeUndefined();
  });

  test('the language picker links the English page and its translation both ways', () => {
    // Starlight marks no option on root pages: the first (English) one shows.
    expect(picker('/error/ledger-mismatch/')).toEqual([
      ['English', '/error/ledger-mismatch/', false],
      ['日本語', '/ja/error/ledger-mismatch/', false],
    ]);
    expect(picker('/ja/error/ledger-mismatch/')).toEqual([
      ['English', '/error/ledger-mismatch/', false],
      ['日本語', '/ja/error/ledger-mismatch/', true],
    ]);
  });
});

describe('an untranslated atom', () => {
  test('falls back to the English text under /ja/ with Starlight notice', () => {
    const fallback = parsePage(site.outDir, '/ja/procedure/close-the-month/');
    expect(select('html', fallback)!.properties.lang).toBe('ja');
    expect(toString(select('h1', fallback)!)).toBe('Close the month');
    expect(toString(select('main', fallback)!)).toContain('このコンテンツはまだ日本語訳がありません。');
    expect(toString(select('main', parsePage(site.outDir, '/procedure/close-the-month/'))!)).not.toContain('日本語訳');
  });
});

describe('related links and page labels', () => {
  const related = (urlPath: string) => {
    const page = parsePage(site.outDir, urlPath);
    return {
      title: toString(select('.atom-related__title', page)!),
      links: selectAll('.atom-related li > a:not(.atom-type)', page).map((a) => [toString(a), a.properties.href]),
      labels: selectAll('.atom-meta dt', page).map((dt) => toString(dt)),
    };
  };

  test('keep a Japanese reader in Japanese: translations when they exist, the /ja/ fallback page otherwise', () => {
    expect(related('/ja/error/ledger-mismatch/')).toMatchObject({ title: '関連するアトム', links: [['Close the month', '/ja/procedure/close-the-month/']] });
    expect(related('/ja/procedure/close-the-month/')).toMatchObject({ title: '関連するアトム', links: [['Ledger mismatch', '/ja/error/ledger-mismatch/']] });
    expect(related('/ja/error/ledger-mismatch/').labels.slice(0, 3)).toEqual(['バージョン', '作成者', '作成日']);
  });

  test('index pages describe themselves in the language of the page', () => {
    const description = (urlPath: string) => select('meta[name="description"]', parsePage(site.outDir, urlPath))!.properties.content;
    expect(description('/ja/')).toBe('システムを動かしている人たちの知識を、1 ページに 1 つずつ。');
    expect(description('/ja/search/')).toBe('すべてのアトムを検索し、種類とタグで絞り込みます。');
    expect(description('/search/')).toBe('Search every atom, narrowed by type and tag.');
  });

  test('stay in English on English pages', () => {
    expect(related('/error/ledger-mismatch/')).toMatchObject({ title: 'Related atoms', links: [['Close the month', '/procedure/close-the-month/']] });
    expect(related('/error/ledger-mismatch/').labels.slice(0, 3)).toEqual(['Version', 'Author', 'Created']);
  });
});

describe('index pages and sidebar', () => {
  test('English lists hold English atoms only; Japanese lists put translations first and mark untranslated atoms', () => {
    expect(listTitles('/tags/ledger/')).toEqual([
      ['Close the month', '/procedure/close-the-month/'],
      ['Ledger mismatch', '/error/ledger-mismatch/'],
    ]);
    expect(listTitles('/ja/tags/ledger/')).toEqual([
      ['台帳の不一致', '/ja/error/ledger-mismatch/'],
      ['Close the month', '/ja/procedure/close-the-month/'],
    ]);
    const marks = selectAll('.atom-list__lang', parsePage(site.outDir, '/ja/tags/ledger/')).map((node) => toString(node));
    expect(marks).toEqual(['英語のみ']);
    expect(listTitles('/ja/error/')).toEqual([['台帳の不一致', '/ja/error/ledger-mismatch/']]);
    expect(lang('/ja/')).toBe('ja');
    expect(toString(select('main', parsePage(site.outDir, '/ja/'))!)).toContain('日本語のアトムは 1 件');
  });

  test('the Japanese sidebar is labelled in Japanese and links to the Japanese index pages', () => {
    const links = selectAll('nav.sidebar a', parsePage(site.outDir, '/ja/error/ledger-mismatch/')).map((a) => [toString(a).trim(), a.properties.href]);
    expect(links).toEqual(expect.arrayContaining([['概要', '/ja/'], ['検索', '/ja/search/'], ['タグ', '/ja/tags/'], ['エラー', '/ja/error/'], ['手順', '/ja/procedure/']]));
    const english = selectAll('nav.sidebar a', parsePage(site.outDir, '/error/')).map((a) => [toString(a).trim(), a.properties.href]);
    expect(english).toEqual(expect.arrayContaining([['Overview', '/'], ['Errors', '/error/']]));
  });

  test('no internal link of either language is broken', () => {
    expect(brokenLinks(site.outDir, '/')).toEqual([]);
  });
});

describe('search and chat in Japanese', () => {
  test('Pagefind keeps a Japanese index beside the English one', () => {
    const entry = JSON.parse(readFileSync(path.join(site.outDir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages).sort()).toEqual(['en', 'ja']);
    // The Japanese atom and the English fallback page under /ja/.
    expect(entry.languages.ja.page_count).toBe(2);
    expect(entry.languages.en.page_count).toBe(2);
  });

  test('the Japanese search page finds the Japanese atom by a phrase from its body', async () => {
    const titles = () => page.locator('.pagefind-ui__result-inner > .pagefind-ui__result-title a').allTextContents();
    // Words from the middle of unspaced runs ("…倉庫の実数と食い違っています", "棚卸差異として記録されます"):
    // found only because Pagefind's extended indexer segments Japanese into words.
    for (const query of ['記録', '倉庫の実数', '棚卸差異']) {
      await page.goto(`${served.origin}/ja/search/?q=${encodeURIComponent(query)}`);
      await expect.poll(titles, { timeout: 15_000, message: query }).toEqual(['台帳の不一致']);
    }
    // The English search does not return Japanese pages.
    await page.goto(`${served.origin}/search/?q=${encodeURIComponent('棚卸差異')}`);
    await expect.poll(() => page.locator('.pagefind-ui__message').textContent(), { timeout: 15_000 }).toMatch(/No results/i);
  }, 60_000);

  test('the chat widget speaks Japanese on a Japanese page and English on an English one', async () => {
    const launcher = () => page.locator('atom-chat').locator('[data-text="launcher"]').textContent();
    await page.goto(`${served.origin}/ja/error/ledger-mismatch/`);
    await expect.poll(launcher, { timeout: 15_000 }).toBe('ドキュメントに質問');
    await page.goto(`${served.origin}/error/ledger-mismatch/`);
    await expect.poll(launcher, { timeout: 15_000 }).toBe('Ask the docs');
  }, 60_000);
});
