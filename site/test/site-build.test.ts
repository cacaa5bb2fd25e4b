/**
 * Builds the site once from the fixture atoms tree (Astro's real build, Starlight, Pagefind) and
 * checks what a reader gets: atom pages, index pages, search attributes, drafts, llms.txt, links.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { loadAtoms } from '../../tooling/src/atom/load.js';
import { headingAnchors } from '../../tooling/src/atom/identity.js';
import { chunkAtom, estimateTokens } from '../../tooling/src/retrieval/chunk.js';
import type { BuiltSite } from '../../tooling/src/site/build.js';
import { brokenLinks, buildFixtureSite, FIXTURE_ATOMS, htmlFiles, parsePage, readPage, removeBuild } from './helpers.js';

let site: BuiltSite;

beforeAll(async () => {
  site = await buildFixtureSite();
}, 300_000);

afterAll(() => removeBuild(site));

const texts = (nodes: ReturnType<typeof selectAll>) => nodes.map((node) => toString(node).trim());

describe('an atom page', () => {
  test('shows the type badge, summary, tags linking to tag pages, version, author and dates', () => {
    const page = parsePage(site.outDir, '/error/inventory-sync-failed/');
    expect(toString(select('h1', page)!)).toBe('Inventory sync failed');
    const badge = select('.atom-header a.atom-type', page)!;
    expect(badge.properties.href).toBe('/error/');
    expect(toString(badge).trim()).toBe('Error');
    expect(toString(select('.atom-summary', page)!)).toContain('warehouse feed and the ledger disagree');
    const tags = selectAll('.atom-header .atom-tags a', page);
    expect(tags.map((a) => a.properties.href)).toEqual(['/tags/inventory/', '/tags/sync/']);
    const meta = texts(selectAll('.atom-meta > div', page));
    expect(meta).toEqual(['Version 1.2.0', 'Author Dana Reyes', 'Created 2025-03-02', 'Updated 2025-04-11'].map((s) => expect.stringMatching(s.replace(' ', '\\s+'))));
  });

  test('links its related atoms to their pages', () => {
    const page = parsePage(site.outDir, '/error/inventory-sync-failed/');
    const related = selectAll('nav.atom-related li > a:not(.atom-type)', page);
    expect(related.map((a) => [toString(a), a.properties.href])).toEqual([
      ['Restock a warehouse', '/procedure/restock-a-warehouse/'],
      ['Editing the ledger by hand', '/pitfall/editing-the-ledger-by-hand/'],
    ]);
    expect(texts(selectAll('nav.atom-related .atom-type', page))).toEqual(['Procedure', 'Pitfall']);
  });

  test('renders the FAQ as question/answer pairs with FAQPage structured data', () => {
    const page = parsePage(site.outDir, '/error/inventory-sync-failed/');
    const list = select('dl.atom-faq', page)!;
    expect(texts(selectAll('dt', list))).toEqual(['Does the error lose any stock movements?', 'Can I raise the tolerance instead?']);
    expect(toString(selectAll('dd', list)[0]!)).toContain('the movements wait in the queue');
    // The code block inside an answer stays a code block.
    expect(select('dd pre', list)).toBeTruthy();
    const jsonLd = JSON.parse(toString(select('script[type="application/ld+json"]', page)!));
    expect(jsonLd['@type']).toBe('FAQPage');
    expect(jsonLd.mainEntity.map((q: { name: string }) => q.name)).toEqual(['Does the error lose any stock movements?', 'Can I raise the tolerance instead?']);
    expect(jsonLd.mainEntity[0].acceptedAnswer.text).toContain('movements wait in the queue');
  });

  test('renders the body of a faq atom, bold markers included, as pairs', () => {
    const page = parsePage(site.outDir, '/faq/inventory-questions/');
    expect(texts(selectAll('dl.atom-faq dt', page))).toEqual(['When are counts updated?', 'Who can correct a count?']);
    expect(select('script[type="application/ld+json"]', page)).toBeTruthy();
  });

  test('has an edit link to its source file and a last-updated date', () => {
    const html = readPage(site.outDir, '/error/inventory-sync-failed/');
    expect(html).toContain('href="https://github.com/atomkit/atomkit/edit/main/site/test/fixtures/atoms/error/inventory-sync-failed.md"');
    expect(html).toMatch(/Last updated:\s*<time datetime="2025-04-11/);
  });

  test('lists prerequisites', () => {
    const page = parsePage(site.outDir, '/procedure/restock-a-warehouse/');
    const box = toString(select('.atom-prerequisites', page)!);
    expect(box).toContain('warehouse lead');
    expect(box).toContain('the sync job is not running');
    expect(box).toContain('the purchase order number');
  });

  test('gives headings the anchors identity.ts computes, so chat citations deep-link to sections', () => {
    const atoms = loadAtoms({ root: FIXTURE_ATOMS }).filter((atom) => atom.header?.status !== 'draft');
    expect(atoms.length).toBeGreaterThan(3);
    for (const atom of atoms) {
      const page = parsePage(site.outDir, atom.url);
      const rendered = selectAll('.sl-markdown-content :is(h2, h3, h4)[id]', page).map((node) => String(node.properties.id));
      expect(rendered, atom.id).toEqual(headingAnchors(atom.headings.map((heading) => heading.text)));
    }
    // A repeated heading and a heading with code and punctuation.
    const ids = selectAll('.sl-markdown-content [id]', parsePage(site.outDir, '/procedure/restock-a-warehouse/')).map((n) => n.properties.id);
    expect(ids).toEqual(expect.arrayContaining(['note', 'note-1']));
    expect(readPage(site.outDir, '/error/inventory-sync-failed/')).toContain('id="why-sync-fails-often"');
  });

  test("gives each FAQ question the anchor the search index links its pair to, so a cited FAQ answer opens at its question", () => {
    const atoms = loadAtoms({ root: FIXTURE_ATOMS }).filter((atom) => atom.header?.status !== 'draft');
    const options = { maxTokens: 256, countTokens: estimateTokens, defaultLanguage: 'en' };
    let pairs = 0;
    for (const atom of atoms) {
      const page = parsePage(site.outDir, atom.url);
      const ids = new Set(selectAll('dl.atom-faq dt[id]', page).map((node) => String(node.properties.id)));
      for (const unit of chunkAtom(atom, options).filter((u) => u.kind === 'faq')) {
        expect(ids, `${unit.id} ${unit.url}`).toContain(unit.anchor);
        pairs++;
      }
    }
    // The error atom's `## FAQ` and the faq atom's pairs at least.
    expect(pairs).toBeGreaterThanOrEqual(4);
  });

  test('is indexed by Pagefind with its type and tags as filters, index pages are not', () => {
    const page = parsePage(site.outDir, '/error/inventory-sync-failed/');
    expect(select('main[data-pagefind-body]', page)).toBeTruthy();
    expect(selectAll('[data-pagefind-filter]', page).map((n) => [n.properties.dataPagefindFilter, toString(n).trim()])).toEqual([
      ['type:error', 'Error'],
      ['tag', 'inventory'],
      ['tag', 'sync'],
    ]);
    for (const index of ['/', '/error/', '/tags/', '/tags/inventory/', '/search/']) {
      expect(select('[data-pagefind-body]', parsePage(site.outDir, index)), index).toBeUndefined();
    }
    expect(existsSync(path.join(site.outDir, 'pagefind', 'pagefind.js'))).toBe(true);
  });
});

describe('index pages', () => {
  test('a type page lists its atoms with their summaries', () => {
    const page = parsePage(site.outDir, '/error/');
    const items = selectAll('.atom-list li', page);
    expect(items.map((li) => toString(select('a', li)!))).toEqual(['Inventory sync failed', 'Payment gateway timeout']);
    expect(toString(items[1]!)).toContain('waited longer than thirty seconds');
    expect(select('.atom-list a', page)!.properties.href).toBe('/error/inventory-sync-failed/');
  });

  test('a tag page lists the atoms with that tag, and the tags index counts them', () => {
    const page = parsePage(site.outDir, '/tags/inventory/');
    expect(texts(selectAll('.atom-list__title > a:not(.atom-type)', page))).toEqual(['Editing the ledger by hand', 'Inventory questions', 'Inventory sync failed', 'Restock a warehouse']);
    const tags = parsePage(site.outDir, '/tags/');
    expect(toString(select('.atom-tags li', tags)!)).toMatch(/inventory\s*4/);
  });

  test('the home page explains the knowledge base with counts per type', () => {
    const page = parsePage(site.outDir, '/');
    expect(toString(select('main', page)!)).toContain('knowledge atoms');
    const count = (type: string) => toString(select(`a[data-type-count="${type}"]`, page)!).trim();
    expect(count('error')).toBe('2 atoms →');
    expect(count('procedure')).toBe('1 atom →');
    expect(count('troubleshooting')).toBe('0 atoms →');
  });

  test('the sidebar lists index pages, never atoms', () => {
    for (const url of ['/', '/error/inventory-sync-failed/']) {
      const links = selectAll('nav[aria-label="Main"] a', parsePage(site.outDir, url)).map((a) => String(a.properties.href));
      expect(links).toContain('/error/');
      expect(links).toContain('/tags/');
      expect(links).toContain('/search/');
      expect(links.filter((href) => href.startsWith('/') && href.split('/').filter(Boolean).length > 1)).toEqual([]);
    }
  });
});

describe('drafts', () => {
  test('are not published in a production build', () => {
    expect(existsSync(path.join(site.outDir, 'troubleshooting', 'unfinished-scanner-notes'))).toBe(false);
    expect(existsSync(path.join(site.outDir, 'tags', 'scanner'))).toBe(false);
    for (const file of [...htmlFiles(site.outDir), path.join(site.outDir, 'llms.txt'), path.join(site.outDir, 'llms-full.txt')]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/zebrafinch/);
    }
    // A published atom that names the draft in `related` shows the title without a dead link.
    const page = parsePage(site.outDir, '/error/payment-gateway-timeout/');
    expect(texts(selectAll('nav.atom-related li', page))).toEqual(['Scanner shows no items']);
    expect(selectAll('nav.atom-related a', page)).toEqual([]);
    expect(site.atoms).toBe(5);
  });
});

describe('llms.txt', () => {
  test('lists every atom by type with absolute links and summaries', () => {
    const text = readFileSync(path.join(site.outDir, 'llms.txt'), 'utf8');
    expect(text.startsWith('# atomkit\n')).toBe(true);
    expect(text).toContain('## Errors\n\n- [Inventory sync failed](https://atomkit.github.io/error/inventory-sync-failed/): What the "inventory sync failed"');
    expect(text.indexOf('## Errors')).toBeLessThan(text.indexOf('## Procedures'));
    expect(text).not.toContain('## Troubleshooting');
  });

  test('llms-full.txt holds every atom in full, its headings nested under the atom', () => {
    const text = readFileSync(path.join(site.outDir, 'llms-full.txt'), 'utf8');
    expect(text).toContain('### Inventory sync failed\n\nURL: https://atomkit.github.io/error/inventory-sync-failed/');
    expect(text).toContain('quartermaster ledger mismatch');
    expect(text).toContain('#### How to resolve');
    expect(text).toContain('inventory sync --tolerance 5');
  });
});

describe('links', () => {
  test('no internal link or asset of any page is missing', () => {
    expect(htmlFiles(site.outDir).length).toBe(site.pages);
    expect(brokenLinks(site.outDir, '/')).toEqual([]);
  });
});
