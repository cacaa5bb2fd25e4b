/**
 * The widget's answer renderer (bot/widget/src/render.ts) in real Chromium on generated hostile
 * answers: markup, handlers, script URLs and links to other sites, as a model obeying a hostile atom
 * would write them. Whatever the mix, the rendered answer holds no active element and no link off
 * the docs site.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './browser.js';

const RENDER = fileURLToPath(new URL('../src/render.ts', import.meta.url));
const SITE = 'https://docs.example/kb/';
const CITATIONS = [
  { n: 1, title: 'Rotate the signing key', url: '/kb/procedure/rotate-the-signing-key/#steps', section: 'Steps', snippet: '', atomId: 'procedure/rotate-the-signing-key' },
  { n: 2, title: 'Signature mismatch', url: '/kb/error/signature-mismatch/', section: null, snippet: '', atomId: 'error/signature-mismatch' },
];

const PIECES = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1"></svg>',
  '<script>window.__xss=1</script>',
  '<a href="javascript:window.__xss=1">x</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '[x](javascript:window.__xss=1)',
  '[x](<JaVaScRiPt:window.__xss=1>)',
  '[x](data:text/html,<script>window.__xss=1</script>)',
  '[evil](http://evil.example/steal)',
  '[evil](//evil.example/a)',
  '[evil](https://docs.example.evil/kb/)',
  '[evil](https://docs.example/other/)',
  'http://evil.example/x',
  '<http://evil.example/y>',
  'www.evil.example',
  'someone@evil.example',
  '[x][r]\n\n[r]: http://evil.example/ref\n',
  '![i](http://evil.example/i.png)',
  '[the steps](/kb/procedure/rotate-the-signing-key/#verify)',
  '[home](/kb/)',
  '[rel](procedure/x/)',
  '[1]',
  '[2]',
  '[9]',
  ' ',
  '\n\n',
  '- ',
  '`',
  '**',
  'word',
];

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({ entryPoints: [RENDER], bundle: true, format: 'iife', globalName: 'atomRender', platform: 'browser', write: false, logLevel: 'silent' });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>render</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** What each answer rendered that it must not have: active elements, handlers, links off the site. */
function findProblems(answers: string[], citations: typeof CITATIONS, site: string): string[][] {
  const { renderAnswer } = (window as unknown as { atomRender: { renderAnswer: (m: string, c: typeof CITATIONS, s: URL) => DocumentFragment } }).atomRender;
  const siteUrl = new URL(site);
  return answers.map((markdown) => {
    const root = document.createElement('div');
    root.append(renderAnswer(markdown, citations, siteUrl));
    const problems = [...root.querySelectorAll('script, img, svg, iframe, object, embed, style, form, input')].map((node) => node.tagName);
    for (const node of root.querySelectorAll('*')) {
      for (const attribute of node.attributes) if (/^on/i.test(attribute.name) || attribute.name === 'style') problems.push(`${node.tagName}[${attribute.name}]`);
    }
    for (const link of root.querySelectorAll('a')) {
      const href = link.getAttribute('href');
      const url = href === null ? undefined : new URL(href);
      if (!url || url.origin !== siteUrl.origin || !url.pathname.startsWith(siteUrl.pathname)) problems.push(`a[href=${href}]`);
    }
    return problems;
  });
}

describe('renderAnswer on hostile answers', () => {
  test('keeps links to the site and cited pages, and shows links elsewhere as their text', async () => {
    const [html, text] = await page.evaluate(
      ({ site, citations }) => {
        const { renderAnswer } = (window as unknown as { atomRender: { renderAnswer: (m: string, c: unknown, s: URL) => DocumentFragment } }).atomRender;
        const root = document.createElement('div');
        root.append(renderAnswer('Visit [evil](http://evil.example/steal) or http://evil.example/x, see [steps](/kb/procedure/rotate-the-signing-key/#verify) [1].', citations, new URL(site)));
        return [[...root.querySelectorAll('a')].map((a) => a.href), root.textContent?.trim()];
      },
      { site: SITE, citations: CITATIONS },
    );
    expect(html).toEqual(['https://docs.example/kb/procedure/rotate-the-signing-key/#verify', 'https://docs.example/kb/procedure/rotate-the-signing-key/#steps']);
    expect(text).toBe('Visit evil or http://evil.example/x, see steps 1.');
  });

  test('renders no active element, handler or link off the site for generated answers (400 cases)', async () => {
    const answers = fc.sample(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 16 }), { numRuns: 400, seed: 17 }).map((pieces) => pieces.join(''));
    const problems = await page.evaluate(`(${findProblems.toString()})(${JSON.stringify(answers)}, ${JSON.stringify(CITATIONS)}, ${JSON.stringify(SITE)})`);
    const failing = (problems as string[][]).flatMap((found, i) => (found.length > 0 ? [{ answer: answers[i], found }] : []));
    expect(failing).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});
