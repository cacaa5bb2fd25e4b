import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseAtomText } from '../../tooling/src/atom/parse.js';
import { faqGroupsOf } from '../../tooling/src/site/faq.js';
import { atomRemarkPlugins } from '../../tooling/src/site/markdown-plugins.js';
import { AtomStore, type AtomStoreOptions } from './store.js';

const FIXTURE_ATOMS = fileURLToPath(new URL('../test/fixtures/atoms/', import.meta.url));

let scratch: string;
let options: AtomStoreOptions;

beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'atomkit-store-'));
  cpSync(FIXTURE_ATOMS, path.join(scratch, 'atoms'), { recursive: true });
  options = {
    atomsDir: path.join(scratch, 'atoms'),
    projectRoot: scratch,
    base: '/',
    siteUrl: 'https://example.org',
    docsUrl: 'https://example.org/handbook/',
    editUrl: undefined,
    defaultLanguage: 'en',
    locales: [],
    drafts: false,
  };
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** A store loaded from the fixture atoms, rendering with the atom remark plugins in Astro's pipeline. */
async function renderingStore(): Promise<AtomStore> {
  const store = new AtomStore(options);
  store.load(true);
  const processor = await createMarkdownProcessor({ remarkPlugins: [...atomRemarkPlugins], syntaxHighlight: false });
  store.setRenderer(async (body) => {
    const { code, metadata } = await processor.render(body);
    return { html: code, headings: metadata.headings, faq: faqGroupsOf(metadata.frontmatter) };
  });
  return store;
}

const questions = (head: readonly { content: string }[]) => head.flatMap((entry) => (JSON.parse(entry.content) as { mainEntity: { name: string }[] }).mainEntity.map((pair) => pair.name));

describe('AtomStore', () => {
  test('gives a page the FAQPage data of its FAQ section, or of the whole body of a faq atom, with its rendered body', async () => {
    const store = await renderingStore();
    const page = await store.render(store.get('faq/inventory-questions')!);
    expect(page.html).toContain('<dl class="atom-faq">');
    expect(questions(page.head)).toEqual(['When are counts updated?', 'Who can correct a count?']);
    const withSection = await store.render(store.get('error/inventory-sync-failed')!);
    expect(questions(withSection.head).length).toBeGreaterThan(0);
    expect((await store.render(store.get('procedure/restock-a-warehouse')!)).head).toEqual([]);
  });

  test('takes the pairs of a body made only of pairs as FAQPage data only for a faq atom', async () => {
    const file = path.join(options.atomsDir, 'procedure', 'restock-a-warehouse.md');
    writeFileSync(file, `${readFileSync(file, 'utf8').split('\n---\n')[0]}\n---\n\nQ: Only pairs?\nA: Yes.\n`);
    const store = await renderingStore();
    const page = await store.render(store.get('procedure/restock-a-warehouse')!);
    // The list is drawn from the body alone; the structured data follows the atom's type.
    expect(page.html).toContain('<dl class="atom-faq">');
    expect(page.head).toEqual([]);
  });

  test.each([
    ['block quotes in block quotes', `${'>'.repeat(150)} x`],
    ['lists nested by indent', Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['emphasis in emphasis', `${'*a '.repeat(150)}x${' a*'.repeat(150)}`],
    ['emphasis in a link, over two lines', `[${'*a '.repeat(150)}\nx${' a*'.repeat(150)}](u)`],
  ])('refuses an atom with %s at the file:line:col of a full parse, and publishes nothing', (_name, body) => {
    const text = `---\ntitle: Deep\nsummary: Nested past the limit.\ntype: pitfall\nauthor: t\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [a]\nrelated: []\n---\n\n${body}\n`;
    writeFileSync(path.join(options.atomsDir, 'pitfall', 'deep.md'), text);
    const [problem] = parseAtomText(text).problems;
    const store = new AtomStore(options);
    expect(() => store.load(true)).toThrow(expect.objectContaining({ name: 'AtomCheckError', diagnostics: [expect.objectContaining({ file: 'atoms/pitfall/deep.md', code: 'file/too-deep', message: problem!.message, start: problem!.range.start })] }));
    expect(store.atoms()).toEqual([]);
  });
});
