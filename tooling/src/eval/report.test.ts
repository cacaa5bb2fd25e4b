import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseQuestionSet } from './questions.js';
import { markdownTable, readReport, renderReportMarkdown, retrievalRows, textTable, writeReport, type RetrievalReport } from './report.js';
import { evaluateRankers, type SystemReport } from './retrieval.js';

const { questions } = parseQuestionSet(
  `questions:
  - {id: a, text: one, kind: vague, gold: [error/x]}
  - {id: b, text: two, kind: keyword, gold: [procedure/y]}
`,
  'q.yaml',
);

async function sampleReport(): Promise<RetrievalReport> {
  const systems = await evaluateRankers(
    [
      { name: 'lexical', rank: async (q) => (q.text === 'one' ? ['error/x'] : ['error/x', 'procedure/y']) },
      { name: 'dense', unavailable: 'no embedding model' },
    ],
    { questions, atomTypes: new Map([['error/x', 'error'], ['procedure/y', 'procedure']]) },
  );
  return { generatedAt: '2026-01-01T00:00:00.000Z', questionSet: 'eval/questions.yaml', questions: 2, atoms: 2, index: { provider: 'none', model: 'm', dense: false, atomsRevision: null, contentHash: 'abcdef0123456789' }, systems };
}

describe('evaluateRankers', () => {
  test('scores each system overall, per kind and per gold atom type', async () => {
    const [lexical, dense] = (await sampleReport()).systems;
    expect(lexical?.overall).toMatchObject({ n: 2, hit1: 0.5, hit3: 1, mrr: 0.75 });
    expect(lexical?.byKind?.keyword).toMatchObject({ n: 1, mrr: 0.5 });
    expect(lexical?.byType?.error).toMatchObject({ n: 1, hit1: 1 });
    expect(dense).toEqual({ name: 'dense', unavailable: 'no embedding model' });
  });
});

describe('tables', () => {
  test('print one row per system, n/a for one that did not run', async () => {
    const text = textTable(retrievalRows((await sampleReport()).systems));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^system\s+hit@1\s+hit@3\s+hit@5\s+MRR\s+nDCG@5/);
    expect(lines[2]).toMatch(/^lexical\s+0\.50\s+1\.00\s+1\.00\s+0\.75/);
    expect(lines[3]).toMatch(/^dense\s+n\/a/);
  });

  test('escape pipes in Markdown cells', () => {
    expect(markdownTable([['a', 'b'], ['x|y', '1']])).toBe('| a | b |\n| --- | ---: |\n| x\\|y | 1 |\n');
  });
});

describe('report files', () => {
  test('keep the answers part when the retrieval part is rewritten', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-report-'));
    const answers = { generatedAt: 'x', questionSet: 'q', questions: 0, runs: [] };
    writeReport(dir, { answers });
    writeReport(dir, { ...readReport(dir), retrieval: await sampleReport() });
    const json = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(json.answers).toEqual(answers);
    expect(json.retrieval.systems[0].results[1]).toMatchObject({ id: 'b', kind: 'keyword', gold: ['procedure/y'], ranked: ['error/x', 'procedure/y'], score: { rank: 2, rr: 0.5 } });
    expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('| lexical | 0.50 | 1.00 | 1.00 | 0.75 |');
    // A report read back renders again (the answers command rewrites the file with it).
    expect(() => writeReport(dir, readReport(dir))).not.toThrow();
  });

  test.each([
    ['broken JSON', '{"retrieval": '],
    ['null', 'null'],
    ['another shape', '{"retrieval": {"systems": [{"results": [{"rank": 1}]}]}, "answers": {"runs": 3}}'],
  ])('treat a report with %s as absent', (_name, content) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atomkit-report-'));
    writeFileSync(path.join(dir, 'report.json'), content);
    expect(readReport(dir)).toEqual({});
  });

  test('name the dev questions a system missed in the top 5, never the test ones', async () => {
    const report = await sampleReport();
    const [lexical, dense] = report.systems as [SystemReport, SystemReport];
    const missedBoth = lexical.results!.map((r, i) => ({ ...r, split: i === 0 ? ('dev' as const) : ('test' as const), score: { ...r.score, rank: null, hit1: 0, hit3: 0, hit5: 0 } }));
    const markdown = renderReportMarkdown({ retrieval: { ...report, systems: [{ ...lexical, name: 'hybrid', results: missedBoth }, dense] } });
    expect(markdown).toContain('### Dev questions missed by hybrid within the top 5 (1)');
    expect(markdown).toMatch(/^\| a \|/m);
    expect(markdown).not.toMatch(/^\| b \|/m);
    expect(markdown).toContain('- `dense`: n/a, no embedding model.');
  });
});
