import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { sectionAnswerProblems } from '../../../bot/test/markdown-problems.js';
import { loadAtoms } from '../../src/atom/load.js';
import { brokenInternalLinks, draftCodeBlocks, markupLeft, readDrafts, sourceCodeBlocks } from './import-checks.js';
import { makeProject, run } from './helpers.js';

// Real documentation sets, read in place beside the repository: pnpm's (Docusaurus) and Vite's (VitePress).
// A checkout elsewhere points ATOMKIT_CORPORA_DIR at them.
const CORPORA = process.env.ATOMKIT_CORPORA_DIR ?? fileURLToPath(new URL('../../../../shared/corpora', import.meta.url));
const corpus = (name: string) => path.join(CORPORA, name);

interface Report {
  dialect: string;
  notes: string[];
  drafts: { title: string; type: string; path: string; status: string; reasons: string[] }[];
}

const imported = new Map<string, ReturnType<typeof importOnce>>();
/** Each corpus is imported once per test file; the tests read the same drafts. */
function importCorpus(name: string) {
  if (!imported.has(name)) imported.set(name, importOnce(name));
  return imported.get(name)!;
}

async function importOnce(name: string) {
  if (!existsSync(corpus(name))) throw new Error(`These tests import ${name} from ${CORPORA}, which is not there: put pnpm-docs and vite-docs in that folder, or set ATOMKIT_CORPORA_DIR to the folder that holds them.`);
  const dir = makeProject();
  const result = await run(dir, 'import', corpus(name), '--json', '--status', 'review');
  expect(result.err).toBe('');
  const report = JSON.parse(result.out) as Report;
  const kept = report.notes.flatMap((note) => /link to `([^`]+)` has no imported target/.exec(note)?.slice(1) ?? []);
  return { dir, report, kept, drafts: readDrafts(path.join(dir, 'atoms')) };
}

function pagesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((rel) => /\.mdx?$/.test(rel)).map((rel) => path.join(root, rel));
}

/** Where a link kept as written could point in the corpus, if it pointed anywhere. */
function targetsInCorpus(root: string, page: string, url: string): string[] {
  const bare = url.split('#')[0]!.replace(/\/$/, '').replace(/\.mdx?$/, '');
  const base = bare.startsWith('/') ? path.join(root, 'docs', bare) : path.resolve(path.dirname(path.join(root, page)), bare);
  return [`${base}.md`, `${base}.mdx`, path.join(base, 'index.md')].filter((file) => existsSync(file));
}

describe.each([
  ['pnpm-docs', 'docusaurus'],
  ['vite-docs', 'vitepress'],
])('importing %s', (name, dialect) => {
  test('detects the dialect, writes every draft, and every fenced code block of the sources is in a draft byte for byte', async () => {
    const { report, drafts } = await importCorpus(name);
    expect(report.dialect).toBe(dialect);
    // Every draft is written but one that only repeats others (a page of settings other pages include too).
    expect(report.drafts.filter((draft) => draft.status !== 'new' && !draft.reasons.every((reason) => reason.startsWith('every paragraph is also in')))).toEqual([]);
    expect(drafts.every((draft) => draft.header.status === 'review')).toBe(true);
    const kept = draftCodeBlocks(drafts);
    const missing = pagesOf(corpus(name)).flatMap((file) => sourceCodeBlocks(readFileSync(file, 'utf8'), file.endsWith('.mdx')).filter((code) => !kept.has(code)).map((code) => `${file}: ${code.slice(0, 60)}`));
    expect(missing).toEqual([]);
  });

  test('no component markup survives, and every internal link resolves to a draft and its anchor', async () => {
    const { drafts, kept, report } = await importCorpus(name);
    expect(drafts.flatMap((draft) => markupLeft(draft).map((found) => `${draft.id}: ${found}`))).toEqual([]);
    expect(brokenInternalLinks(drafts, new Set(kept))).toEqual([]);
    // A link kept as written points at no page of the corpus.
    const wrong = report.notes.flatMap((note) => {
      const match = /^(\S+): link to `([^`]+)`/.exec(note);
      return match && targetsInCorpus(corpus(name), match[1]!, match[2]!).length > 0 ? [note] : [];
    });
    expect(wrong).toEqual([]);
  });

  test('every section of every draft, quoted as an extractive answer, is well-formed Markdown', async () => {
    const { dir } = await importCorpus(name);
    expect(sectionAnswerProblems(loadAtoms({ root: path.join(dir, 'atoms') }), 256).slice(0, 20)).toEqual([]);
  });
});

test("pnpm's error reference becomes one error atom per ERR_PNPM_* code, with the code in error_codes", async () => {
  const { drafts } = await importCorpus('pnpm-docs');
  const source = readFileSync(corpus('pnpm-docs/docs/errors.md'), 'utf8');
  const codes = [...source.matchAll(/^## (ERR\S+)$/gm)].map((match) => match[1]!.replace(/\\/g, ''));
  expect(codes.length).toBeGreaterThan(5);
  for (const code of codes) {
    const atoms = drafts.filter((draft) => (draft.header.error_codes as string[] | undefined)?.includes(code));
    expect(atoms.map((draft) => [draft.header.type, draft.header.title]), code).toEqual([['error', `Error Codes: ${code}`]]);
  }
});
