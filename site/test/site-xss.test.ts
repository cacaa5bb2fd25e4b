/**
 * Hostile atoms that lint passes, built into the site and opened in real Chromium: a title that
 * closes `<title>` and opens a script, and FAQ pairs carrying an `onerror` image, an `onload` SVG
 * and a `javascript:` link. Each page, its `/ja/` copy and the search page show the markup as
 * text and run none of it.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { BuiltSite } from '../../tooling/src/site/build.js';
import { buildFixtureSite } from './helpers.js';
import { openInBrowser, type SiteInBrowser } from './serve.js';

const XSS_ATOMS = fileURLToPath(new URL('./fixtures/xss-atoms/', import.meta.url));
const TITLE = 'Okapi </title><script>window.__xss=1</script> probe';

let site: BuiltSite;
let served: SiteInBrowser;
let page: Page;

beforeAll(async () => {
  site = await buildFixtureSite({ ATOMKIT_ATOMS_DIR: XSS_ATOMS });
  served = await openInBrowser(site, '/');
  page = served.page;
}, 300_000);

afterAll(() => served?.close());

const xss = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

describe('an atom with hostile markup in its title and FAQ', () => {
  test.each(['/error/okapi-probe/', '/ja/error/okapi-probe/'])('runs no script on %s and shows the markup as text', async (urlPath) => {
    await page.goto(`${served.origin}${urlPath}`, { waitUntil: 'load' });
    expect(await page.title()).toBe(`${TITLE} | atomkit`);
    expect(await page.locator('h1').textContent()).toBe(TITLE);
    const faq = page.locator('dl.atom-faq');
    expect(await faq.locator('dt').textContent()).toBe('Okapi question <img src=x onerror="window.__xss=1">?');
    expect(await faq.locator('dd').textContent()).toContain('<svg onload="window.__xss=1"></svg> <a href="javascript:window.__xss=1">x</a>');
    expect(await faq.locator('img, svg, a, script').count()).toBe(0);
    expect(await page.locator('head script:not([type]), head script[type="module"]').evaluateAll((scripts) => scripts.some((s) => s.textContent?.includes('__xss')))).toBe(false);
    expect(await xss()).toBeUndefined();
  });

  test('runs no script when the search page lists it', async () => {
    await page.goto(`${served.origin}/search/?q=okapi`);
    await expect.poll(() => page.locator('.pagefind-ui__result-title').allTextContents(), { timeout: 15_000 }).toContain(TITLE);
    expect(await xss()).toBeUndefined();
  }, 60_000);
});
