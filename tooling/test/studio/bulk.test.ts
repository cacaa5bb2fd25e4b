import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';
import { atomText, copyFixture, makeProject, run, snapshotTree } from './helpers.js';

function tree(): string {
  return makeProject({
    'atoms/procedure/rebuild.md': atomText({ title: 'Rebuild the index', related: ['Never delete the index while serving'] }),
    'atoms/pitfall/delete.md': atomText({ title: 'Never delete the index while serving', type: 'pitfall', related: ['Rebuild the index', 'Index questions'] }),
    // CRLF endings, a comment and a folded summary: all must survive an edit elsewhere.
    'atoms/faq/questions.md': atomText({ title: 'Index questions', type: 'faq', related: ['Rebuild the index'] })
      .replace('summary: "A page about keeping the search index in step with the atoms."', 'summary: >-\n  A page about keeping the search index\n  in step with the atoms.')
      .replace(/\n/g, '\r\n'),
  });
}

async function lintErrors(dir: string) {
  const result = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
  return result.diagnostics.filter((d) => d.severity === 'error');
}

describe('atomkit rename', () => {
  test('renames the atom and every related reference, and the tree lints without errors', async () => {
    const dir = tree();
    expect(await lintErrors(dir)).toEqual([]);
    const result = await run(dir, 'rename', 'Rebuild the index', 'Rebuild the search index');
    expect(result.code).toBe(0);
    expect(result.err).toContain('and 2 referencing atoms');
    expect(readFileSync(path.join(dir, 'atoms/procedure/rebuild.md'), 'utf8')).toContain('title: "Rebuild the search index" # the page title\n');
    expect(readFileSync(path.join(dir, 'atoms/pitfall/delete.md'), 'utf8')).toContain('related:\n  - "Rebuild the search index"\n  - "Index questions"\n');
    expect(await lintErrors(dir)).toEqual([]);
  });

  test('keeps CRLF endings, comments and a folded scalar that were not edited', async () => {
    const dir = tree();
    const before = readFileSync(path.join(dir, 'atoms/faq/questions.md'), 'utf8');
    await run(dir, 'rename', 'Rebuild the index', 'Rebuild the search index');
    const after = readFileSync(path.join(dir, 'atoms/faq/questions.md'), 'utf8');
    expect(after).toBe(before.replace('  - "Rebuild the index"', '  - "Rebuild the search index"'));
  });

  test('refuses a new title that is taken, and an old title that does not exist, changing nothing', async () => {
    const dir = tree();
    const before = snapshotTree(dir);
    expect((await run(dir, 'rename', 'Rebuild the index', 'Index questions')).code).toBe(1);
    const missing = await run(dir, 'rename', 'Rebuild the indx', 'Anything');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Did you mean `Rebuild the index`?');
    expect(snapshotTree(dir)).toEqual(before);
  });

  test('--dry-run prints a unified diff and changes nothing on disk', async () => {
    const dir = tree();
    const before = snapshotTree(dir);
    const result = await run(dir, 'rename', 'Rebuild the index', 'Rebuild the search index', '--dry-run');
    expect(result.out).toContain('--- a/atoms/procedure/rebuild.md\n+++ b/atoms/procedure/rebuild.md\n');
    expect(result.out).toContain('+title: "Rebuild the search index" # the page title');
    expect(snapshotTree(dir)).toEqual(before);
  });
});

describe('atomkit set', () => {
  test('--dry-run shows the change for every matching atom and changes nothing on disk', async () => {
    const dir = tree();
    const before = snapshotTree(dir);
    const result = await run(dir, 'set', 'status=review', '--where', 'tags=index', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out.match(/^\+status: review$/gm)).toHaveLength(3);
    expect(result.err).toContain('3 atoms matched; would change 3');
    expect(snapshotTree(dir)).toEqual(before);
  });

  test('edits only the matching atoms, in place, and the tree stays lint-clean', async () => {
    const dir = tree();
    const faqBefore = readFileSync(path.join(dir, 'atoms/faq/questions.md'), 'utf8');
    expect((await run(dir, 'set', 'version=1.1.0', '--where', 'type=procedure')).code).toBe(0);
    const text = readFileSync(path.join(dir, 'atoms/procedure/rebuild.md'), 'utf8');
    expect(text).toContain('version: "1.1.0"');
    expect(text).toContain('# the page title');
    expect(readFileSync(path.join(dir, 'atoms/faq/questions.md'), 'utf8')).toBe(faqBefore);
    expect(await lintErrors(dir)).toEqual([]);
  });

  test('--add puts a tag into flow lists without restyling them', async () => {
    const dir = tree();
    await run(dir, 'set', 'tags=reviewed', '--add', '--where', 'type=pitfall');
    expect(readFileSync(path.join(dir, 'atoms/pitfall/delete.md'), 'utf8')).toContain('tags: [index, operations, reviewed]\n');
  });

  test('refuses an edit that would make headers invalid, and writes none of them', async () => {
    const dir = tree();
    const before = snapshotTree(dir);
    const result = await run(dir, 'set', 'status=finished', '--where', 'tags=index');
    expect(result.code).toBe(1);
    expect(result.err).toContain('expected one of `draft`, `review`, `published`');
    expect(result.err).toContain('Nothing was changed');
    expect(snapshotTree(dir)).toEqual(before);
  });

  test('an unknown field and a missing --where are usage errors', async () => {
    const dir = tree();
    expect((await run(dir, 'set', 'colour=red', '--where', 'type=faq')).code).toBe(2);
    expect((await run(dir, 'set', 'status=review')).code).toBe(2);
  });
});

describe('atomkit fix', () => {
  test("applies the linter's safe fixes and numbers unanchored interview turns", async () => {
    const dir = tree();
    writeFileSync(path.join(dir, 'atoms/pitfall/bom.md'), `\uFEFF${atomText({ title: 'A pitfall with a BOM', type: 'pitfall' })}`);
    copyFixture('interviews/missing-anchor.md', dir, 'interviews/x.md');
    const dry = await run(dir, 'fix', '--dry-run');
    expect(dry.out).toContain('+<a id="t-002"></a>**Sam:**');
    expect(readFileSync(path.join(dir, 'interviews/x.md'), 'utf8')).not.toContain('t-002');
    const result = await run(dir, 'fix');
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, 'atoms/pitfall/bom.md'), 'utf8').charCodeAt(0)).not.toBe(0xfeff);
    const transcript = readFileSync(path.join(dir, 'interviews/x.md'), 'utf8');
    expect(transcript).toContain('<a id="t-002"></a>**Sam:** Run the index command');
    expect(transcript).toContain('<a id="t-003"></a>**Interviewer:** And after that?');
    // A second run has nothing left to do.
    expect((await run(dir, 'fix')).err).toContain('applied 0 fixes in 0 files');
  });
});
