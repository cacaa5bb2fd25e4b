import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPagefindRanker, pagePath, pagefindUnavailable } from './pagefind.js';
import type { Ranker } from './ranker.js';

describe('pagePath', () => {
  test.each([
    ['/docs/error/x/', '/docs/error/x/'],
    ['/docs/error/x/index.html', '/docs/error/x/'],
    ['/docs/error/x/#how-to-resolve', '/docs/error/x/'],
    ['http://127.0.0.1:9/error/x?q=1', '/error/x/'],
    ['/error/caf%C3%A9/', '/error/café/'],
  ])('maps %s to %s', (url, expected) => {
    expect(pagePath(url, 'http://127.0.0.1:9')).toBe(expected);
  });
});

describe('pagefindUnavailable', () => {
  test('says how to build the site when there is no Pagefind index', () => {
    expect(pagefindUnavailable(path.join(os.tmpdir(), 'atomkit-no-site'))).toMatch(/atomkit site build/);
  });
});

describe('openPagefindRanker over a real Pagefind index in Chromium', () => {
  let dist: string;
  let ranker: Ranker;

  beforeAll(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'atomkit-pagefind-'));
    // Pagefind stores site-relative URLs and prefixes the base it is served from, as on the real site.
    const { index } = await pagefind.createIndex({});
    const page = (title: string, body: string) => `<html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${body}</p></main></body></html>`;
    await index!.addHTMLFile({ url: '/error/file-bom/', content: page('file/bom', 'The file starts with a byte order mark; save it as UTF-8 without BOM.') });
    await index!.addHTMLFile({ url: '/procedure/rotate-keys/', content: page('Rotate the signing keys', 'Rotate keys every quarter: generate, publish, retire.') });
    await index!.addHTMLFile({ url: '/tags/', content: page('Tags', 'All tags: keys, encoding, byte order mark.') });
    await index!.addHTMLFile({ url: '/ja/procedure/rotate-keys/', content: page('署名鍵のローテーション', '署名鍵は四半期ごとにローテーションします。').replace('lang="en"', 'lang="ja"') });
    await index!.writeFiles({ outputPath: path.join(dist, 'pagefind') });
    await pagefind.close();
    ranker = await openPagefindRanker({ distDir: dist, base: '/kb', atomIds: ['error/file-bom', 'procedure/rotate-keys', 'ja/procedure/rotate-keys'] });
  });

  afterAll(async () => {
    await ranker?.close?.();
    rmSync(dist, { recursive: true, force: true });
  });

  test('ranks the page that matches the words and maps it to its atom id', async () => {
    const ranked = await ranker.rank({ text: 'rotate signing keys', language: 'en' });
    expect(ranked[0]).toBe('procedure/rotate-keys');
  });

  test('keeps a page that is not an atom in the ranking under its path', async () => {
    const ranked = await ranker.rank({ text: 'byte order mark', language: 'en' });
    expect(ranked).toContain('error/file-bom');
    expect(ranked).toContain('/kb/tags/');
  });

  test('searches the index of the question language, as a page of that locale does', async () => {
    expect(await ranker.rank({ text: '署名鍵', language: 'ja' })).toEqual(['ja/procedure/rotate-keys']);
    expect(await ranker.rank({ text: '署名鍵', language: 'en' })).toEqual([]);
  });

  test('returns nothing for words no page has, and survives quotes in the query', async () => {
    expect(await ranker.rank({ text: 'zzqqxx "\'`</script>', language: 'en' })).toEqual([]);
  });
});
