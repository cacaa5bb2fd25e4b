import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import hnswlib from 'hnswlib-node';
import { IndexLoadError, openRetriever } from '../../src/retrieval/api.js';
import { FORMAT_VERSION } from '../../src/retrieval/artifact.js';
import { buildIndex } from '../../src/retrieval/build.js';
import { EmbeddingCache } from '../../src/retrieval/cache.js';
import type { Embedder } from '../../src/retrieval/embedders/embedder.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { dropTable, garbage, garbageMidFile, overwrite, resign } from './damage.js';
import { header } from '../../src/lint/test-helpers.js';
import { makeProject, TEST_MODEL, type TestProject } from './project.js';

let project: TestProject;
beforeEach(() => {
  project = makeProject();
});
afterEach(() => project.remove());

const quiet = { env: {}, onWarning: (message: string) => void message };

describe('atomkit index with the local model', () => {
  test('loads the generated model from a local folder with remote loading off, writes a real hnswlib index and searches it', async () => {
    const config = project.config();
    const warnings: string[] = [];
    const { dir, manifest, report } = await buildIndex(config, { env: {}, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    expect(manifest).toMatchObject({ provider: 'local', model: TEST_MODEL, dense: true, dims: 64, formatVersion: FORMAT_VERSION });
    expect(Object.keys(manifest.files).sort()).toEqual(['dense.hnsw', 'lexical-0.json', 'units.sqlite']);
    expect(manifest.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.embedded).toBe(report.units);
    expect(report.skipped).toEqual([
      { file: 'procedure/broken-header.md', reason: 'invalid-header' },
      { file: 'procedure/draft-rotate-keys.md', reason: 'draft' },
    ]);

    // The vector file is a real hnswlib index holding one vector per unit.
    const index = new hnswlib.HierarchicalNSW('cosine', 64);
    index.readIndexSync(path.join(dir, 'dense.hnsw'));
    expect(index.getCurrentCount()).toBe(manifest.counts.units);
    for (const file of ['manifest.json', 'units.sqlite', 'lexical-0.json', 'report.json', 'report.md']) expect(existsSync(path.join(dir, file))).toBe(true);

    const retriever = await openRetriever(config, quiet);
    expect(retriever.dense).toBe(true);
    const hits = await retriever.search('how do I restore the database from a backup snapshot', { k: 3 });
    expect(hits[0]).toMatchObject({ atomId: 'procedure/restore-database-backup', pageUrl: '/procedure/restore-database-backup/' });
    expect(hits[0]!.url.startsWith(hits[0]!.pageUrl)).toBe(true);
    const dense = await retriever.search('restore the database from a backup', { k: 3, mode: 'dense' });
    expect(dense.length).toBe(3);
    retriever.close();
  });

  test('drafts are indexed when index.includeDrafts is on', async () => {
    const { report } = await buildIndex(project.config({ includeDrafts: true }), quiet);
    expect(report.skipped.map((s) => s.reason)).toEqual(['invalid-header']);
  });

  test('the report counts split units and no unit exceeds the token budget', async () => {
    const { report, dir } = await buildIndex(project.config({ maxUnitTokens: 96 }), quiet);
    expect(report.splitUnits).toBeGreaterThan(1);
    const retriever = await openRetriever(project.config({ maxUnitTokens: 96 }), quiet);
    const hits = await retriever.search('capacity planning queue depth', { k: 20, mode: 'lexical' });
    expect(hits.filter((h) => h.unitId.startsWith('procedure/capacity-planning#steps@')).length).toBeGreaterThan(1);
    retriever.close();
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('from split sections');
  });
});

describe('retrieval', () => {
  test('a pasted log line lifts the atom that lists its error code, and says which code matched', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const hits = await retriever.search('12:03:44 ERROR E1042 while loading atoms/guide.md: header invalid', { k: 3 });
    expect(hits[0]).toMatchObject({ atomId: 'error/frontmatter-schema', matchedErrorCode: 'E1042' });
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    // A code inside a longer token is not a match.
    const near = await retriever.search('E10423 happened', { k: 3 });
    expect(near.every((h) => h.matchedErrorCode === undefined)).toBe(true);
    retriever.close();
  });

  test('a pasted code that a table of codes lists lifts the atom holding the table, whatever its type', async () => {
    const rows = ['ROUTE_ALREADY_DECLARED', 'BODY_TOO_LARGE', 'HOOK_TIMEOUT'].map((code) => `| <a id="${code.toLowerCase()}">ACME_ERR_${code}</a> | What went wrong. | How to fix it. |`);
    const table = `| Code | Description | How to solve |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
    mkdirSync(path.join(project.atoms, 'interface-input'));
    writeFileSync(path.join(project.atoms, 'interface-input/acme-errors.md'), `${header({ title: 'Acme server errors', summary: 'Every error the Acme server raises.', type: 'interface-input' })}\n## Input\n\nBelow is a table with all the error codes.\n\n${table}`);
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const hits = await retriever.search('FastError [ACME_ERR_BODY_TOO_LARGE]: Request body is too large at /srv/app/upload.js:12:3', { k: 3, mode: 'lexical' });
    expect(hits[0]).toMatchObject({ atomId: 'interface-input/acme-errors', matchedErrorCode: 'ACME_ERR_BODY_TOO_LARGE' });
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    // The words of the codes are no code: a question about a large request body matches none.
    const words = await retriever.search('request body too large', { k: 5, mode: 'lexical' });
    expect(words.every((h) => h.matchedErrorCode === undefined)).toBe(true);
    retriever.close();
  });

  test("a built-in error class an atom lists (Node's \"Class: TypeError\") is no exact match for a pasted error of that class", async () => {
    mkdirSync(path.join(project.atoms, 'error'), { recursive: true });
    writeFileSync(path.join(project.atoms, 'error/class-typeerror.md'), `${header({ title: 'The TypeError class', summary: 'A value is not of the expected type.', type: 'error', error_codes: '[TypeError]' })}\n## What it means\n\nA value is not of the expected type.\n\n## Causes\n\nPassing the wrong type.\n\n## How to resolve\n\nPass the right type.\n`);
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const hits = await retriever.search('TypeError: fetch failed at Object.fetch (node:internal/deps/undici/undici:11730:11)', { k: 5, mode: 'lexical' });
    expect(hits.map((h) => h.atomId)).toContain('error/class-typeerror');
    expect(hits.every((h) => h.matchedErrorCode === undefined)).toBe(true);
    retriever.close();
  });

  test('"what is X" with no FAQ that asks it puts first the page named X, not the one that says X most', async () => {
    mkdirSync(path.join(project.atoms, 'interface-input'));
    const page = (fields: Record<string, string>, body: string) => `${header({ type: 'interface-input', ...fields })}\n## Input\n\n${body}\n`;
    writeFileSync(path.join(project.atoms, 'interface-input/catalogs.md'), page({ title: 'Catalogs', summary: 'Reusable version ranges for a workspace.' }, 'They are a workspace feature for defining version ranges as reusable constants.'));
    writeFileSync(
      path.join(project.atoms, 'interface-input/catalog-protocol.md'),
      page({ title: 'Using the catalog protocol', summary: 'How a catalog entry of the default catalog or a named catalog is read.', tags: '[catalog]' }, 'A catalog entry from the default catalog, or from a named catalog, replaces the catalog range when packing a catalog.'),
    );
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    // Asked otherwise, the page that says "catalog" most comes first...
    expect((await retriever.search('catalog', { k: 3, mode: 'lexical' }))[0]?.atomId).toBe('interface-input/catalog-protocol');
    // ...but what a catalog is, the page named so says.
    expect((await retriever.search('what is a catalog?', { k: 3, mode: 'lexical' }))[0]?.atomId).toBe('interface-input/catalogs');
    retriever.close();
  });

  test('FAQ pairs are their own units with the question as the section, linked to the question', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const [hit] = await retriever.search('who reviews a new atom', { k: 1 });
    expect(hit).toMatchObject({
      kind: 'faq',
      question: 'Who reviews a new atom?',
      section: 'Who reviews a new atom?',
      anchor: 'q-who-reviews-a-new-atom',
      url: '/faq/general/#q-who-reviews-a-new-atom',
    });
    expect(hit!.answer).toContain('maintainer');
    retriever.close();
  });

  test('confidence separates an answerable question from an off-topic one', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const [good] = await retriever.search('rebuild the stale search index', { k: 1 });
    const [off] = await retriever.search('what is a good recipe for chocolate cake', { k: 1 });
    expect(good!.confidence).toBeGreaterThan(0.3);
    expect(off?.confidence ?? 0).toBeLessThan(0.1);
    retriever.close();
  });

  test('Japanese questions find Japanese atoms, and filters keep only what they name', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const [ja] = await retriever.search('スキーマのエラーを直す方法', { k: 1 });
    expect(ja).toMatchObject({ atomId: 'ja/error/frontmatter-schema', language: 'ja' });
    const procedures = await retriever.search('schema error', { k: 10, filters: { types: ['procedure'] } });
    expect(procedures.every((h) => h.type === 'procedure')).toBe(true);
    const tagged = await retriever.search('index', { k: 10, filters: { tags: ['chat'] } });
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((h) => h.tags.includes('chat'))).toBe(true);
    const english = await retriever.search('frontmatter', { k: 10, filters: { language: 'en' } });
    expect(english.every((h) => h.language === 'en')).toBe(true);
    const japanese = await retriever.search('frontmatter schema スキーマ', { k: 10, filters: { language: 'ja-JP' } });
    expect(japanese.length).toBeGreaterThan(0);
    expect(japanese.every((h) => h.language === 'ja')).toBe(true);
    expect(await retriever.search('frontmatter', { k: 10, filters: { language: 'fr' } })).toEqual([]);
    retriever.close();
  });

  test('searched with several options at once, each list is the one a search with those options alone gives', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const each = [{ k: 10 }, { k: 10, filters: { language: 'ja' } }, { k: 3, filters: { types: ['procedure'] } }, { k: 10, filters: { language: 'en', tags: ['chat'] } }];
    for (const question of ['schema error', 'スキーマのエラーを直す方法', 'what is an atom?', 'frontmatter/schema', 'chat index']) {
      const alone = [];
      for (const options of each) alone.push(await retriever.search(question, options));
      expect(alone.some((hits) => hits.length > 0)).toBe(true);
      expect(await retriever.searchEach(question, each)).toEqual(alone);
    }
    expect(await retriever.searchEach('schema error', [])).toEqual([]);
    // The question is embedded once for all of them.
    const embedder = (retriever as unknown as { embedder: Embedder }).embedder;
    const embed = vi.spyOn(embedder, 'embed');
    await retriever.searchEach('rebuild the stale search index', each);
    expect(embed).toHaveBeenCalledTimes(1);
    retriever.close();
  });

  test('a search repeated with other filters or another k is its own search, and repeated as it was gives the same hits', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const all = await retriever.search('schema error', { k: 10 });
    expect(new Set(all.map((hit) => hit.type)).size).toBeGreaterThan(1);
    const procedures = await retriever.search('schema error', { k: 10, filters: { types: ['procedure'] } });
    expect(procedures.length).toBeGreaterThan(0);
    expect(procedures.every((hit) => hit.type === 'procedure')).toBe(true);
    expect(await retriever.search('schema error', { k: 10, filters: { types: ['error'] } })).not.toEqual(procedures);
    expect((await retriever.search('schema error', { k: 2 })).length).toBe(2);
    expect((await retriever.search('schema error', { k: 10, filters: { language: 'ja' } })).every((hit) => hit.language === 'ja')).toBe(true);
    const again = await retriever.search('schema error', { k: 10 });
    expect(again).toEqual(all);
    // The hits are the caller's own: changing them changes no later search's.
    again[0]!.title = 'changed';
    expect((await retriever.search('schema error', { k: 10 }))[0]!.title).toBe(all[0]!.title);
    retriever.close();
  });

  test('search --prefer-lang ranks as the chat service does for a reader of that language, and says when the chat would refuse', async () => {
    await buildIndex(project.config(), quiet);
    const search = async (...args: string[]) => {
      const io = memoryIo();
      const code = await main(['-C', project.root, 'search', ...args], io);
      return { code, out: io.out, err: io.err };
    };
    const json = async (...args: string[]) => JSON.parse((await search(...args, '--json')).out);
    expect((await json('frontmatter schema')).hits[0].language).toBe('en');
    const preferred = await json('frontmatter schema', '--prefer-lang', 'ja');
    expect(preferred).toMatchObject({ preferLanguage: 'ja', refused: false });
    expect(preferred.hits[0].atomId).toBe('ja/error/frontmatter-schema');
    // `auto` takes the question's language, as the chat widget does when the page does not say.
    expect((await json('スキーマのエラーを直す方法', '--prefer-lang', 'auto')).preferLanguage).toBe('ja');

    const off = await search('what is a good recipe for chocolate cake');
    expect(off.code).toBe(0);
    expect(off.out).toMatch(/No hit reaches bot\.minScore \(0\.\d+\): the chat service would answer that this is not in the atoms\./);
    expect((await json('what is a good recipe for chocolate cake')).refused).toBe(true);
    expect((await search('rebuild the stale search index')).out).not.toContain('bot.minScore');

    const malformed = await search('schema', '--prefer-lang', 'japanese!');
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('--prefer-lang expects a language tag such as `ja` or `pt-BR` (or `auto`), got `japanese!`.');
    expect((await search('schema', '--lang', 'EN_us')).err).toContain('--lang expects a language tag such as `ja` or `pt-BR`, got `EN_us`.');

    const both = await search('schema', '--lang', 'en', '--prefer-lang', 'ja');
    expect(both.code).toBe(2);
    expect(both.err).toContain('--lang keeps only atoms in one language and --prefer-lang ranks them first: pass one of them.');
  });

  test('search shows a section cut into parts once, and still gives -k results', async () => {
    // Units of 48 tokens: the fixtures' longer sections are indexed in several parts.
    await buildIndex(project.config({ maxUnitTokens: 48 }), quiet);
    const io = memoryIo();
    expect(await main(['-C', project.root, 'search', 'restore the database from a backup', '-k', '3', '--json'], io)).toBe(0);
    const { hits } = JSON.parse(io.out) as { hits: { atomId: string; anchor?: string }[] };
    expect(hits).toHaveLength(3);
    const sections = hits.map((hit) => `${hit.atomId}#${hit.anchor ?? ''}`);
    expect(new Set(sections).size).toBe(3);
    // The index does hold a section in parts, which a plain search returns side by side.
    const retriever = await openRetriever(project.config({ maxUnitTokens: 48 }), quiet);
    const units = await retriever.search('restore the database from a backup', { k: 10 });
    retriever.close();
    expect(units.some((unit) => /@2$/.test(unit.unitId))).toBe(true);
  });

  test('search --explain shows each word as the search read it, and names a word no atom uses as what lowers the confidence', async () => {
    await buildIndex(project.config(), quiet);
    const io = memoryIo();
    expect(await main(['-C', project.root, 'search', 'restore the database backup into zyxwvut', '--explain'], io)).toBe(0);
    expect(io.out).toMatch(/^Words searched \(form and the units that hold it\):\n {2}restor: restor \d+\n/);
    expect(io.out).toContain('  zyxwvut: zyxwvut 0 (no atom uses it: it lowers the confidence of every hit)');
    const json = memoryIo();
    expect(await main(['-C', project.root, 'search', 'restore into zyxwvut', '--explain', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out).terms).toEqual([
      // People say "restore" every day: were no atom to use it, it would not lower the confidence.
      { term: 'restor', forms: [{ form: 'restor', units: expect.any(Number) }], concrete: false, everyday: true, smallTalk: false },
      { term: 'zyxwvut', forms: [{ form: 'zyxwvut', units: 0 }], concrete: false, everyday: false, smallTalk: false },
    ]);
  });

  test('hostile queries return hits or nothing, never throw', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    for (const query of ['', '   ', '\u0000\u0001', '🙂🙂🙂', '*'.repeat(10_000), 'a'.repeat(50_000), '"; DROP TABLE units; --', '\uD800']) {
      const hits = await retriever.search(query, { k: 5 });
      expect(Array.isArray(hits)).toBe(true);
    }
    await expect(retriever.search(42 as unknown as string)).rejects.toThrow('Expected a string, got `number`');
    retriever.close();
  });

  test('links that are broken, escaped wrongly or thousands long find no page and never throw', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const retriever = await openRetriever(config, quiet);
    const hostile = [
      'see https://kb.example/%E0%A4%A/#%ZZ and http://[::1 and https://',
      'https://kb.example/' + '../'.repeat(2_000),
      Array.from({ length: 500 }, (_, i) => `https://kb.example/p${i}/#s${i}`).join(' '),
      'https://kb.example/index.html#',
    ];
    for (const query of hostile) {
      const hits = await retriever.search(query, { k: 5 });
      expect(hits.filter((hit) => hit.matchedLink !== undefined)).toEqual([]);
    }
    retriever.close();
  });
});

describe('offline fallback', () => {
  test('with no model, index prints one warning saying what it tried, builds lexical only, and search still works', async () => {
    const empty = path.join(project.root, 'no-models');
    const config = project.config({ embedder: { modelDir: empty } });
    const warnings: string[] = [];
    const { manifest } = await buildIndex(config, { env: {}, onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(TEST_MODEL);
    expect(warnings[0]).toContain('remote download off');
    expect(warnings[0]).toContain('ATOMKIT_MODEL_DIR');
    expect(manifest.dense).toBe(false);
    expect(existsSync(path.join(project.root, '.atomkit/index/dense.hnsw'))).toBe(false);

    const retriever = await openRetriever(config, { env: {}, onWarning: (m) => warnings.push(m) });
    expect(retriever.dense).toBe(false);
    const [hit] = await retriever.search('restore database backup');
    expect(hit?.atomId).toBe('procedure/restore-database-backup');
    expect(warnings).toHaveLength(1);
    retriever.close();
    await expect(openRetriever(config, { requireDense: true, env: {} })).rejects.toMatchObject({ code: 'ATOMKIT_ERR_DENSE_UNAVAILABLE' });
  });

  test('the CLI prints the warning once, and --require-dense makes it an error', async () => {
    project.config({ embedder: { modelDir: path.join(project.root, 'no-models') } });
    const io = memoryIo();
    expect(await main(['-C', project.root, 'index'], io)).toBe(0);
    expect(io.err.match(/building the lexical index only/g)).toHaveLength(1);
    expect(io.out).toContain('Dense retrieval: off');

    const search = memoryIo();
    expect(await main(['-C', project.root, 'search', 'restore', 'the', 'database', '-k', '2'], search)).toBe(0);
    expect(search.out).toContain('http://localhost:4321/procedure/restore-database-backup/');
    expect(search.out).toContain('(lexical search only)');

    const strict = memoryIo();
    expect(await main(['-C', project.root, 'index', '--require-dense'], strict)).toBe(2);
    expect(strict.err).toContain('--require-dense');
    expect(strict.err).not.toMatch(/\n\s+at /);
  });
});

describe('incremental rebuild', () => {
  test('editing one atom re-embeds exactly its units; the cache grows by that many', async () => {
    const config = project.config();
    const first = await buildIndex(config, quiet);
    const cacheFile = path.join(project.root, '.atomkit/embeddings.sqlite');
    const key = String(first.manifest.parameters.embedderKey);
    const countCache = () => {
      const { cache } = EmbeddingCache.open(cacheFile);
      const n = cache.count(key);
      cache.close();
      return n;
    };
    const before = countCache();

    const file = path.join(project.atoms, 'procedure/restore-database-backup.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('from the nightly backup snapshot', 'from the hourly backup snapshot'));
    const retrieverBefore = await openRetriever(config, quiet);
    const atomUnits = (await retrieverBefore.search('restore database', { k: 100, mode: 'lexical' })).filter(
      (h) => h.atomId === 'procedure/restore-database-backup',
    ).length;
    retrieverBefore.close();

    const second = await buildIndex(config, quiet);
    expect(second.report).toMatchObject({ mode: 'incremental', changedFiles: 1, embedded: atomUnits, cached: 0 });
    expect(countCache()).toBe(before + atomUnits);
    expect(second.manifest.contentHash).not.toBe(first.manifest.contentHash);

    // One section edited: only that unit is new; the atom's other units come from the cache.
    writeFileSync(file, readFileSync(file, 'utf8').replace('compare the count with the backup report', 'compare the count with the audit log'));
    const third = await buildIndex(config, quiet);
    expect(third.report).toMatchObject({ changedFiles: 1, embedded: 1, cached: atomUnits - 1 });

    const retriever = await openRetriever(config, quiet);
    const [hit] = await retriever.search('audit log', { k: 1, mode: 'lexical' });
    expect(hit?.unitId).toBe('procedure/restore-database-backup#verify');
    expect(await retriever.search('backup report', { k: 5, mode: 'lexical' })).not.toContainEqual(
      expect.objectContaining({ text: expect.stringContaining('backup report') }),
    );
    retriever.close();
  });

  test('an unchanged corpus rebuilds to the same content hash without embedding', async () => {
    const config = project.config();
    const first = await buildIndex(config, quiet);
    const again = await buildIndex(config, quiet);
    expect(again.report).toMatchObject({ mode: 'incremental', changedFiles: 0, embedded: 0 });
    expect(again.manifest.contentHash).toBe(first.manifest.contentHash);
    const full = await buildIndex(config, { ...quiet, full: true });
    expect(full.report).toMatchObject({ mode: 'full', embedded: 0, cached: full.report.units });
    expect(full.manifest.contentHash).toBe(first.manifest.contentHash);
  });

  test('a removed atom leaves the index', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(project.atoms, 'troubleshooting/search-index-stale.md'));
    const { report } = await buildIndex(config, quiet);
    expect(report.removedFiles).toBe(1);
    const retriever = await openRetriever(config, quiet);
    const hits = await retriever.search('assistant cites stale old version', { k: 20 });
    expect(hits.some((h) => h.atomId === 'troubleshooting/search-index-stale')).toBe(false);
    retriever.close();
  });
});

describe('loading refuses what it cannot trust', () => {
  test('a missing index says `atomkit index` builds it', async () => {
    const error = await openRetriever(project.config(), quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexLoadError);
    expect(error).toMatchObject({ code: 'ATOMKIT_ERR_INDEX_MISSING' });
    expect((error as Error).message).toContain('`atomkit index` builds it');
  });

  test('an index built with another model is refused, naming the command that rebuilds it', async () => {
    await buildIndex(project.config(), quiet);
    for (const embedder of [{ model: 'Xenova/all-MiniLM-L6-v2' }, { quantized: false }]) {
      const error = await openRetriever(project.config({ embedder }), quiet).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ATOMKIT_ERR_INDEX_MODEL_MISMATCH' });
      expect((error as Error).message).toContain(TEST_MODEL);
      expect((error as Error).message).toContain('atomkit index');
    }
    const io = memoryIo();
    project.config({ embedder: { model: 'Xenova/all-MiniLM-L6-v2' } });
    expect(await main(['-C', project.root, 'search', 'backup'], io)).toBe(2);
    expect(io.err).toContain('was built with local model atomkit-test/tiny-bert (q8)');
  });

  test('a damaged manifest or chunk store is reported, not trusted', async () => {
    const config = project.config();
    const { dir } = await buildIndex(config, quiet);
    writeFileSync(path.join(dir, 'units.sqlite'), 'not a database');
    await expect(openRetriever(config, quiet)).rejects.toMatchObject({ code: 'ATOMKIT_ERR_INDEX_CORRUPT' });
    // The next build does not reuse the damaged artifact.
    const rebuilt = await buildIndex(config, quiet);
    expect(rebuilt.report.mode).toBe('full');
    writeFileSync(path.join(dir, 'manifest.json'), '{"formatVersion": 2,');
    await expect(openRetriever(config, quiet)).rejects.toMatchObject({ code: 'ATOMKIT_ERR_INDEX_CORRUPT' });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ formatVersion: 99 }));
    await expect(openRetriever(config, quiet)).rejects.toMatchObject({ code: 'ATOMKIT_ERR_INDEX_FORMAT' });
  });

  test('a corrupt or foreign embedding cache is replaced, never trusted', async () => {
    const config = project.config();
    const cacheFile = path.join(project.root, '.atomkit/embeddings.sqlite');
    await buildIndex(config, quiet);
    writeFileSync(cacheFile, Buffer.alloc(8192, 0xab));
    const warnings: string[] = [];
    const { report } = await buildIndex(config, { env: {}, full: true, onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(/embedding cache .* was not usable/);
    expect(report.embedded).toBe(report.units);
    expect(statSync(cacheFile).size).toBeGreaterThan(8192);

    const { rmSync } = await import('node:fs');
    rmSync(cacheFile);
    for (const suffix of ['-wal', '-shm']) rmSync(`${cacheFile}${suffix}`, { force: true });
    const foreign = new DatabaseSync(cacheFile);
    foreign.exec('CREATE TABLE embeddings (model TEXT, hash TEXT, dims INT, vector BLOB, used_at INT)');
    foreign.close();
    const { cache, rebuilt } = EmbeddingCache.open(cacheFile);
    cache.close();
    expect(rebuilt).toContain('not an atomkit embedding cache');
  });

  test('a build leaves no temporary folders behind', async () => {
    const config = project.config();
    await buildIndex(config, quiet);
    await buildIndex(config, quiet);
    const leftovers = readdirSync(path.join(project.root, '.atomkit')).filter((name) => name.startsWith('index.'));
    expect(leftovers).toEqual([]);
  });
});

describe('a damaged index is refused before anything reads it', () => {
  const REBUILD = /^The search index at \.atomkit\/index is damaged \(.+\)\. Rebuild it with `atomkit index --full`\.$/;
  let built: TestProject;
  let dir: string;
  let pristine: Map<string, Buffer>;
  beforeAll(async () => {
    built = makeProject();
    // Enough atoms that dense.hnsw is larger than the 62,000 bytes the overwrite below reaches.
    generateCorpus({ dir: path.join(built.atoms, 'bulk'), count: 40 });
    ({ dir } = await buildIndex(built.config(), quiet));
    pristine = new Map(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name))]));
  }, 120_000);
  afterAll(() => built.remove());
  beforeEach(() => {
    for (const [name, bytes] of pristine) writeFileSync(path.join(dir, name), bytes);
  });
  const refusal = async () => {
    const error = await openRetriever(built.config(), quiet).then(
      (retriever) => {
        retriever.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IndexLoadError);
    expect(error).toMatchObject({ code: 'ATOMKIT_ERR_INDEX_CORRUPT', hint: 'Run `atomkit index --full`.' });
    expect((error as Error).message).toMatch(REBUILD);
    return (error as Error).message;
  };

  test.each([
    ['dense.hnsw overwritten with 60,000 bytes from offset 2,000, header intact', 'dense.hnsw', (file: string) => overwrite(file, 2000, garbage(60_000))],
    ['dense.hnsw zeroed', 'dense.hnsw', (file: string) => writeFileSync(file, Buffer.alloc(statSync(file).size))],
    ['dense.hnsw truncated', 'dense.hnsw', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, 1000))],
    ['units.sqlite with its `terms` table dropped', 'units.sqlite', (file: string) => dropTable(file, 'terms')],
    ['units.sqlite with garbage mid-file', 'units.sqlite', (file: string) => garbageMidFile(file)],
    ['units.sqlite deleted', 'units.sqlite', (file: string) => rmSync(file)],
    ['lexical-0.json with garbage mid-file', 'lexical-0.json', (file: string) => garbageMidFile(file, 64)],
  ])('%s: the load names the file and says to rebuild', async (_case, name, damage) => {
    damage(path.join(dir, name));
    expect(await refusal()).toContain(name);
  });

  test('a dropped table or garbage in units.sqlite makes `atomkit search` exit 2 with the rebuild message, not an internal error', async () => {
    for (const damage of [() => dropTable(path.join(dir, 'units.sqlite'), 'units'), () => garbageMidFile(path.join(dir, 'units.sqlite'))]) {
      for (const [name, bytes] of pristine) writeFileSync(path.join(dir, name), bytes);
      damage();
      const io = memoryIo();
      expect(await main(['-C', built.root, 'search', 'restore the database'], io)).toBe(2);
      expect(io.err).toMatch(/The search index at \.atomkit\/index is damaged \(units\.sqlite .+\)\. Rebuild it with `atomkit index --full`\./);
      expect(io.err).not.toMatch(/internal error|please report/);
    }
  });

  test('an atom whose units are read after the chunk store was damaged in use gives the rebuild message, and the index says it is damaged from then on', async () => {
    const retriever = await openRetriever(built.config(), quiet);
    try {
      dropTable(path.join(dir, 'units.sqlite'), 'units');
      // Read by no search before: what a search read is kept, and would be given without the store.
      expect(() => retriever.unitsOf('procedure/restore-database-backup')).toThrow(/^The search index at \.atomkit\/index is damaged \(units\.sqlite cannot be read \(no such table: units\)\)\. Rebuild it with `atomkit index --full`\.$/);
      expect(retriever.problem()).toMatch(/units\.sqlite cannot be read/);
    } finally {
      retriever.close();
    }
  });

  test('a chunk store without a table or column it needs is refused even when its checksum was recomputed', async () => {
    dropTable(path.join(dir, 'units.sqlite'), 'terms');
    resign(dir);
    expect(await refusal()).toContain('units.sqlite cannot be used: it has no `terms` table');

    for (const [name, bytes] of pristine) writeFileSync(path.join(dir, name), bytes);
    const db = new DatabaseSync(path.join(dir, 'units.sqlite'));
    db.exec('ALTER TABLE units DROP COLUMN data_hash');
    db.close();
    resign(dir);
    expect(await refusal()).toContain('its `units` table lacks `data_hash`');
  });

  test('garbage in the chunk store that SQLite meets while loading is the rebuild message even when its checksum was recomputed', async () => {
    garbageMidFile(path.join(dir, 'units.sqlite'), 64 * 1024);
    resign(dir);
    expect(await refusal()).toContain('units.sqlite cannot be read (database disk image is malformed)');
  });

  test('any bytes written anywhere in any index file are refused if they changed it, and loaded if they did not (property)', async () => {
    const names = [...pristine.keys()].filter((name) => /\.(sqlite|hnsw)$|^lexical-/.test(name));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 4096 }), async (name, at, bytes) => {
        for (const [file, original] of pristine) writeFileSync(path.join(dir, file), original);
        const original = pristine.get(name)!;
        const offset = Math.min(original.length - 1, Math.floor(at * original.length));
        overwrite(path.join(dir, name), offset, bytes);
        if (readFileSync(path.join(dir, name)).equals(original)) (await openRetriever(built.config(), quiet)).close();
        else expect(await refusal()).toContain(name);
      }),
      { numRuns: 60 },
    );
  });

  test('an index built before checksums (format 2) is refused with the rebuild message, and the next build is a full one', async () => {
    const file = path.join(dir, 'manifest.json');
    const { files: _files, ...manifest } = JSON.parse(readFileSync(file, 'utf8')) as { files: unknown };
    writeFileSync(file, JSON.stringify({ ...manifest, formatVersion: 2 }));
    const error = await openRetriever(built.config(), quiet).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ATOMKIT_ERR_INDEX_FORMAT' });
    expect((error as Error).message).toMatch(new RegExp(`has index format 2, this atomkit reads format ${FORMAT_VERSION}\\. Rebuild it with \`atomkit index --full\`\\.$`));
    const { report } = await buildIndex(built.config(), quiet);
    expect(report.mode).toBe('full');
    (await openRetriever(built.config(), quiet)).close();
  });

  test('an incremental build over a damaged dense.hnsw says so and builds from scratch instead of carrying the damage forward', async () => {
    overwrite(path.join(dir, 'dense.hnsw'), 2000, garbage(60_000));
    const warnings: string[] = [];
    const { report } = await buildIndex(built.config(), { env: {}, onWarning: (m) => warnings.push(m) });
    expect(report.mode).toBe('full');
    expect(warnings.join('\n')).toMatch(/previous index .* is damaged \(dense\.hnsw does not match the checksum recorded when the index was built\); building it from scratch/);
    const retriever = await openRetriever(built.config(), quiet);
    expect((await retriever.search('restore the database from a backup', { k: 1 }))[0]?.atomId).toBe('procedure/restore-database-backup');
    retriever.close();
  });
});
