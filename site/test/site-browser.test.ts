/**
 * A reader in a real browser (Debian's Chromium through playwright-core) on the built fixture site,
 * served under a project-page base path: searches with Pagefind, narrows by type, follows links.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { BuiltSite } from '../../tooling/src/site/build.js';
import { brokenLinks, buildFixtureSite } from './helpers.js';
import { openInBrowser, type SiteInBrowser } from './serve.js';

const BASE = '/kb/';
let site: BuiltSite;
let served: SiteInBrowser;
let page: Page;

beforeAll(async () => {
  site = await buildFixtureSite({ ATOMKIT_SITE_BASE: '/kb' });
  served = await openInBrowser(site, BASE);
  page = served.page;
}, 300_000);

afterAll(() => served?.close());

// Top-level results only (each may have nested section results).
const RESULT_LINK = '.pagefind-ui__result-inner > .pagefind-ui__result-title a';
const resultTitles = (p: Page) => p.locator(RESULT_LINK).allTextContents();

describe('the built site in a browser', () => {
  test('has no broken internal links under a base path', () => {
    const broken = brokenLinks(site.outDir, BASE);
    expect(broken).toEqual([]);
  });

  test('Pagefind finds an atom by a distinctive phrase', async () => {
    await page.goto(`${served.origin}${BASE}search/?q=quartermaster`);
    await expect.poll(() => resultTitles(page), { timeout: 15_000 }).toEqual(['Inventory sync failed']);
    // Drafts are not in the index.
    await page.goto(`${served.origin}${BASE}search/?q=zebrafinch`);
    await expect.poll(() => page.locator('.pagefind-ui__message').textContent(), { timeout: 15_000 }).toMatch(/No results for zebrafinch/i);
  }, 60_000);

  test('a type filter narrows the results to that type', async () => {
    await page.goto(`${served.origin}${BASE}search/?q=inventory`);
    await expect.poll(async () => (await resultTitles(page)).length, { timeout: 15_000 }).toBeGreaterThan(2);
    const before = await resultTitles(page);
    expect(before).toEqual(expect.arrayContaining(['Inventory sync failed', 'Restock a warehouse']));
    await page.locator('.pagefind-ui__filter-block', { hasText: 'type' }).getByRole('checkbox', { name: /error/ }).check();
    await expect.poll(() => resultTitles(page), { timeout: 15_000 }).toEqual(['Inventory sync failed']);
    const hrefs = await page.locator(RESULT_LINK).evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    expect(hrefs).toEqual([`${BASE}error/inventory-sync-failed/`]);
  });

  test('a result leads to the atom page, and its related links to other atoms', async () => {
    await page.locator(RESULT_LINK, { hasText: 'Inventory sync failed' }).click();
    await page.waitForURL(`**${BASE}error/inventory-sync-failed/`);
    await page.locator('nav.atom-related a', { hasText: 'Restock a warehouse' }).click();
    await page.waitForURL(`**${BASE}procedure/restock-a-warehouse/`);
    expect(await page.locator('h1').textContent()).toBe('Restock a warehouse');
    await page.locator('.atom-tags a', { hasText: 'warehouse' }).click();
    await page.waitForURL(`**${BASE}tags/warehouse/`);
    expect(await page.locator('.atom-list__title > a:not(.atom-type)').allTextContents()).toEqual(['Restock a warehouse']);
  });
});
