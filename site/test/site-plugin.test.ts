/**
 * A team's own Starlight site (fixtures/starlight-site: its docs page, its content config, its
 * sidebar) with the atomkit plugin added in one line, `base: 'kb'`, built by Astro itself: the
 * site keeps its page and gains the knowledge base beside it.
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { brokenLinks, FIXTURE_ATOMS, htmlFiles, parsePage, scratchDir } from './helpers.js';

const FIXTURE_SITE = fileURLToPath(new URL('./fixtures/starlight-site/', import.meta.url));

let root: string;
let outDir: string;

beforeAll(async () => {
  root = scratchDir();
  cpSync(FIXTURE_SITE, root, { recursive: true });
  cpSync(FIXTURE_ATOMS, path.join(root, 'atoms'), { recursive: true });
  outDir = path.join(root, 'dist');
  const { build } = await import('astro');
  // vitest's NODE_ENV=test would make Vite bundle for development.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const mainText = (urlPath: string) => toString(select('main', parsePage(outDir, urlPath))!);

describe('a Starlight site with the atomkit plugin', () => {
  test('keeps its own docs page and its own sidebar entries', () => {
    expect(mainText('/getting-started/')).toContain('brew install acme-toolbelt');
    const links = selectAll('nav[aria-label="Main"] a', parsePage(outDir, '/getting-started/')).map((a) => String(a.properties.href));
    expect(links).toContain('/getting-started/');
    expect(links).toEqual(expect.arrayContaining(['/kb/', '/kb/error/', '/kb/tags/', '/kb/search/']));
  });

  test('publishes each atom under the plugin base with its header, body and related links', () => {
    const page = parsePage(outDir, '/kb/error/inventory-sync-failed/');
    expect(toString(select('h1', page)!)).toBe('Inventory sync failed');
    expect(select('.atom-header a.atom-type', page)!.properties.href).toBe('/kb/error/');
    expect(selectAll('.atom-header .atom-tags a', page).map((a) => a.properties.href)).toEqual(['/kb/tags/inventory/', '/kb/tags/sync/']);
    expect(toString(select('.sl-markdown-content', page)!)).toContain('quartermaster ledger mismatch');
    expect(selectAll('nav.atom-related li > a:not(.atom-type)', page).map((a) => a.properties.href)).toEqual([
      '/kb/procedure/restock-a-warehouse/',
      '/kb/pitfall/editing-the-ledger-by-hand/',
    ]);
    expect(selectAll('dl.atom-faq dt', page).length).toBe(2);
  });

  test('has the type and tag indexes of the knowledge base', () => {
    expect(selectAll('.atom-list a:not(.atom-type)', parsePage(outDir, '/kb/error/')).map((a) => a.properties.href)).toEqual([
      '/kb/error/inventory-sync-failed/',
      '/kb/error/payment-gateway-timeout/',
    ]);
    expect(mainText('/kb/tags/')).toMatch(/inventory\s*4/);
    expect(selectAll('.atom-list a:not(.atom-type)', parsePage(outDir, '/kb/tags/inventory/')).length).toBe(4);
  });

  test('puts the chat widget, pointed at the configured chat service, on its own pages and the atom pages', () => {
    for (const urlPath of ['/getting-started/', '/kb/error/inventory-sync-failed/']) {
      const page = parsePage(outDir, urlPath);
      expect(select('atom-chat', page)?.properties.endpoint, urlPath).toBe('https://chat.acme.test/');
      expect(toString(selectAll('script', page).find((script) => toString(script).includes('atom-chat.js'))!)).toContain('https://chat.acme.test/widget/atom-chat.js');
    }
  });

  test('makes no locale copies for a knowledge base in one language, and no page links nowhere', () => {
    expect(htmlFiles(outDir).filter((file) => file.includes(`${path.sep}ja${path.sep}`))).toEqual([]);
    expect(brokenLinks(outDir, '/')).toEqual([]);
  });
});
