/**
 * `atomkit eval retrieval|answers` end to end on a small fixture project: a real lexical index,
 * the chat service's answering code, and an LLM endpoint of the tests' own through the openai client.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config/load.js';
import { buildIndex } from '../../src/retrieval/build.js';
import { startFakeOpenAi, type FakeOpenAi } from './openai-server.js';

const fixture = fileURLToPath(new URL('./fixtures/project', import.meta.url));
let project: string;

async function run(...args: string[]) {
  const io = memoryIo();
  const code = await main(['--cwd', project, ...args], io);
  return { code, out: io.out, err: io.err };
}

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'atomkit-eval-cli-'));
  cpSync(fixture, project, { recursive: true });
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

describe('before the index exists', () => {
  test('eval retrieval says which command builds the index and exits 2', async () => {
    const { code, err } = await run('eval', 'retrieval');
    expect(code).toBe(2);
    expect(err).toMatch(/There is no search index at .*atomkit index/);
  });
});

describe('with an index', () => {
  beforeAll(async () => {
    await buildIndex(loadConfig({ cwd: project, env: {} }), { onWarning: () => {} });
  });

  test('eval retrieval prints one table, n/a for what cannot run, and writes the report', async () => {
    const { code, out } = await run('eval', 'retrieval', '--check');
    expect(code).toBe(0);
    expect(out).toMatch(/^system\s+hit@1\s+hit@3\s+hit@5\s+MRR\s+nDCG@5/m);
    expect(out).toMatch(/^hybrid(\s+\d\.\d\d){5}\s+0\s+[\d.]+\s+4$/m);
    expect(out).toMatch(/^dense\s+n\/a/m);
    expect(out).toMatch(/pagefind: n\/a, not requested \(--pagefind\)/);
    const report = JSON.parse(readFileSync(path.join(project, 'eval/report.json'), 'utf8'));
    expect(report.retrieval.questions).toBe(4);
    const hybrid = report.retrieval.systems.find((s: { name: string }) => s.name === 'hybrid');
    expect(hybrid.overall.hit5).toBe(1);
    // The pasted log line names the atom's error code, which retrieval matches exactly.
    expect(hybrid.byKind['pasted-error'].hit1).toBe(1);
    // Like the chat service, search prefers atoms in the question's language: the Japanese
    // question finds the translation first, the English one (which shares the word invoices) the source.
    const top = (id: string) => hybrid.results.find((r: { id: string }) => r.id === id).ranked[0];
    expect(top('invoice-when-ja')).toBe('ja/faq/billing-questions');
    expect(top('invoice-when')).toBe('faq/billing-questions');
    expect(Object.keys(hybrid.byLanguage)).toEqual(['en', 'ja']);
    expect(readFileSync(path.join(project, 'eval/report.md'), 'utf8')).toContain('### Dev questions missed by hybrid within the top 5 (0)');
  });

  test('--check exits 1 and names the figure when retrieval falls below a threshold', async () => {
    const questions = path.join(project, 'eval/hard.yaml');
    writeFileSync(questions, 'questions:\n  - {id: off-topic, text: who won the football match yesterday, kind: vague, gold: [faq/billing-questions]}\n');
    const { code, err } = await run('eval', 'retrieval', '--check', '--no-write', '--questions', questions);
    expect(code).toBe(1);
    expect(err).toMatch(/below threshold hybrid hit5 0\.000 < 0\.6/);
  });

  test('a question set with a problem is reported as file:line:col and exits 2', async () => {
    const questions = path.join(project, 'eval/bad.yaml');
    writeFileSync(questions, 'questions:\n  - id: a\n    text: how?\n    kind: vague\n    gold: [error/no-such-atom]\n');
    const unknown = await run('eval', 'retrieval', '--questions', questions);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain(`${questions}:2:1: Question \`a\`: Gold atom \`error/no-such-atom\` does not exist.`);
    writeFileSync(questions, 'questions:\n  - id: a\n    text: "Q1042: the ingest queue is full"\n    kind: vague\n    gold: [error/queue-full]\n');
    const copy = await run('eval', 'retrieval', '--questions', questions);
    expect(copy.err).toMatch(/is a copy of the title of error\/queue-full/);
    writeFileSync(questions, 'questions:\n  - id: a\n    kind: sideways\n');
    const invalid = await run('eval', 'retrieval', '--questions', questions);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(new RegExp(`${questions.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(invalid.err).not.toMatch(/at .*\.ts:\d+/);
  });

  test('--reranker adds the hybrid+rerank row, and says why when the model cannot be loaded', async () => {
    process.env.ATOMKIT_MODEL_DIR = fileURLToPath(new URL('./fixtures/models', import.meta.url));
    process.env.ATOMKIT_ALLOW_REMOTE_MODELS = '0';
    try {
      const ok = await run('eval', 'retrieval', '--no-write', '--reranker', 'atomkit-test/tiny-cross-encoder');
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/^hybrid\+rerank(\s+\d\.\d\d){5}\s+0\s/m);
      const missing = await run('eval', 'retrieval', '--no-write', '--reranker', 'nobody/no-such-reranker');
      expect(missing.code).toBe(0);
      expect(missing.out).toMatch(/^hybrid\+rerank\s+n\/a/m);
      expect(missing.out).toMatch(/hybrid\+rerank: n\/a, cannot load the reranker model nobody\/no-such-reranker/);
    } finally {
      delete process.env.ATOMKIT_MODEL_DIR;
      delete process.env.ATOMKIT_ALLOW_REMOTE_MODELS;
    }
  });

  test('an unknown system is a usage error', async () => {
    const { code, err } = await run('eval', 'retrieval', '--systems', 'lexical,bm42');
    expect(code).toBe(2);
    expect(err).toMatch(/Unknown system `bm42`/);
  });

  test('eval answers scores extractive answers and keeps the retrieval part of the report', async () => {
    const { code, out } = await run('eval', 'answers');
    expect(code).toBe(0);
    expect(out).toMatch(/^extractive\s+1\.00\s+/m);
    expect(out).toMatch(/judge: n\/a, no LLM endpoint configured/);
    const report = JSON.parse(readFileSync(path.join(project, 'eval/report.json'), 'utf8'));
    expect(report.retrieval.systems).toBeDefined();
    const [extractive] = report.answers.runs;
    expect(extractive).toMatchObject({ mode: 'extractive', n: 4, citationRecall: 1 });
    expect(extractive.factRecall).toBeGreaterThan(0);
  });

  describe('with an OpenAI-compatible endpoint', () => {
    let server: FakeOpenAi;
    beforeAll(async () => {
      server = await startFakeOpenAi((request) => {
        const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
        if (system.startsWith('You grade answers')) {
          const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
          return user.includes('Answer to grade:\nRun `ingestctl pause producers`') ? '{"score": 1, "reason": "right command"}' : '{"score": 0.5, "reason": "partly"}';
        }
        return 'Run `ingestctl pause producers` first [1].';
      });
      process.env.ATOMKIT_LLM_BASE_URL = server.baseUrl;
      process.env.ATOMKIT_LLM_MODELS = 'answer-model';
    });
    afterAll(async () => {
      delete process.env.ATOMKIT_LLM_BASE_URL;
      delete process.env.ATOMKIT_LLM_MODELS;
      await server.close();
    });

    test('eval answers adds LLM answers and judges both modes', async () => {
      const { code, out } = await run('eval', 'answers', '--judge-model', 'judge-model');
      expect(code).toBe(0);
      // The fake model always answers with the drain command, which the fake judge grades 1.
      expect(out).toMatch(/^extractive(\s+[\d.]+){4}\s+0\.50\s+4$/m);
      expect(out).toMatch(/^llm\s+1\.00(\s+[\d.]+){3}\s+1\.00\s+4$/m);
      const report = JSON.parse(readFileSync(path.join(project, 'eval/report.json'), 'utf8'));
      const llm = report.answers.runs.find((r: { mode: string }) => r.mode === 'llm');
      expect(llm.judge).toEqual({ model: 'judge-model', correctness: 1, judged: 4 });
      expect(llm.results.find((r: { id: string }) => r.id === 'drain-how')).toMatchObject({ cited: [expect.any(String)], factsFound: ['ingestctl pause producers'] });
      expect(server.requests.filter((r) => r.model === 'answer-model')).toHaveLength(4);
      expect(server.requests.filter((r) => r.model === 'judge-model')).toHaveLength(8);
    });

    test('--no-judge leaves correctness n/a and says why', async () => {
      const { code, out } = await run('eval', 'answers', '--no-judge', '--no-write', '--limit', '1');
      expect(code).toBe(0);
      expect(out).toMatch(/judge: n\/a, turned off \(--no-judge\)/);
    });
  });

  test('a bad --limit is a usage error', async () => {
    const { code, err } = await run('eval', 'answers', '--limit', 'ten');
    expect(code).toBe(2);
    expect(err).toMatch(/--limit must be a positive whole number/);
    expect(existsSync(path.join(project, 'eval/report.md'))).toBe(true);
  });
});

describe('with a local embedding model', () => {
  let dense: string;
  beforeAll(async () => {
    dense = mkdtempSync(path.join(os.tmpdir(), 'atomkit-eval-dense-'));
    cpSync(fixture, dense, { recursive: true });
    // The generated tiny BERT model exercises the real transformers.js path; its vectors are not meaningful.
    const modelDir = fileURLToPath(new URL('../fixtures/models', import.meta.url));
    writeFileSync(
      path.join(dense, 'atomkit.config.yaml'),
      `site:\n  url: https://docs.example.org\nindex:\n  embedder:\n    provider: local\n    model: atomkit-test/tiny-bert\n    modelDir: ${JSON.stringify(modelDir)}\n    allowRemote: false\n`,
    );
    await buildIndex(loadConfig({ cwd: dense, env: {} }), { requireDense: true, onWarning: () => {} });
  });
  afterAll(() => {
    rmSync(dense, { recursive: true, force: true });
  });

  test('eval retrieval reports dense and hybrid figures too', async () => {
    const io = memoryIo();
    const code = await main(['--cwd', dense, 'eval', 'retrieval', '--no-write'], io);
    expect(code).toBe(0);
    expect(io.out).toMatch(/^dense(\s+\d\.\d\d){5}\s+0\s/m);
    expect(io.out).toMatch(/^hybrid(\s+\d\.\d\d){5}\s+0\s/m);
    expect(io.out).not.toMatch(/dense: n\/a/);
  });
});
