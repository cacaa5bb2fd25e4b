import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { packageFile } from '../../tooling/src/package/files.js';
import { AtomStore, type AtomStoreOptions } from './store.js';

const FIXTURE_ATOMS = fileURLToPath(new URL('../test/fixtures/atoms/', import.meta.url));

let scratch: string;
let options: AtomStoreOptions;
const cacheFile = () => path.join(scratch, 'cache', 'atomkit', 'atoms.json');
const loaded = () => {
  const store = new AtomStore(options);
  store.load(true);
  return store;
};

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
    cacheDir: path.join(scratch, 'cache'),
  };
});

afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('AtomStore with a cache folder', () => {
  test('loads unchanged atoms into the same page data as a full parse', () => {
    const first = loaded().atoms();
    expect(first.find((atom) => atom.id === 'faq/inventory-questions')?.atom.faq).toHaveLength(2);
    expect(loaded().atoms()).toEqual(first);
  });

  test('takes the FAQ of an unchanged atom from the cache instead of its body', () => {
    loaded();
    const kept = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { faq: Record<string, { question: string; answer: string }[]> };
    for (const pairs of Object.values(kept.faq)) for (const pair of pairs) pair.answer = `${pair.answer} (kept)`;
    writeFileSync(cacheFile(), JSON.stringify(kept));
    const faq = loaded().get('faq/inventory-questions')!.atom.faq;
    expect(faq.map((pair) => pair.answer)).toEqual(['Every night at two, and after each booked delivery. (kept)', 'A warehouse lead, through a correction movement. (kept)']);
  });

  test('parses an edited atom again', () => {
    loaded();
    appendFileSync(path.join(options.atomsDir, 'faq', 'inventory-questions.md'), '\nQ: Can a count go negative?\nA: No, the booking is refused.\n');
    expect(loaded().get('faq/inventory-questions')!.atom.faq.map((pair) => pair.question)).toEqual(['When are counts updated?', 'Who can correct a count?', 'Can a count go negative?']);
  });

  test('ignores a cache file written by other code', () => {
    loaded();
    const kept = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { fingerprint: string; faq: Record<string, { question: string; answer: string }[]> };
    for (const pairs of Object.values(kept.faq)) for (const pair of pairs) pair.answer = 'stale';
    writeFileSync(cacheFile(), JSON.stringify({ ...kept, fingerprint: 'another version' }));
    expect(loaded().get('faq/inventory-questions')!.atom.faq.map((pair) => pair.answer)).not.toContain('stale');
  });

  test('still stops on an invalid atom whose valid text was cached', () => {
    loaded();
    const file = path.join(options.atomsDir, 'error', 'payment-gateway-timeout.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^type: error$/m, 'type: eror'));
    expect(() => loaded()).toThrow(/frontmatter\/schema/);
  });
});

// The worker runs the compiled store, as `atomkit site build` does (the sources load in the process).
const compiled = async () => ((await import(pathToFileURL(packageFile('dist', 'site', 'src', 'store.js')).href)) as typeof import('./store.js')).AtomStore;

describe('AtomStore loaded in a worker thread', () => {
  test('publishes the same page data as a load in the process', async () => {
    const Store = await compiled();
    const inProcess = new Store(options);
    inProcess.load(true);
    const inWorker = new Store({ ...options, cacheDir: path.join(scratch, 'other-cache') });
    await inWorker.loadInWorker();
    expect(inWorker.atoms().length).toBeGreaterThan(0);
    expect(inWorker.atoms()).toEqual(inProcess.atoms());
    expect(inWorker.get('faq/inventory-questions')?.atom.faq).toHaveLength(2);
  });

  test('refuses an atom whose inline markup nests too deep, at file:line:col, and publishes nothing', async () => {
    const Store = await compiled();
    const file = path.join(options.atomsDir, 'pitfall', 'deep.md');
    writeFileSync(file, `---\ntitle: Deep\nsummary: Emphasis in emphasis.\ntype: pitfall\nauthor: t\ncreated: 2025-01-01\nversion: 1.0.0\ntags: [a]\nrelated: []\n---\n\n${'*a '.repeat(200)}x${' a*'.repeat(200)}\n`);
    const store = new Store(options);
    await expect(store.loadInWorker()).rejects.toMatchObject({ name: 'AtomCheckError', diagnostics: [expect.objectContaining({ file: 'atoms/pitfall/deep.md', start: expect.objectContaining({ line: 12 }), code: 'file/too-deep' })] });
    await expect(store.loaded()).rejects.toThrow(/file\/too-deep/);
    expect(store.atoms()).toEqual([]);
  });
});
