import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { runLint } from '../../src/lint/run.js';
import { atomText, copyFixture, makeProject, run, snapshotTree } from './helpers.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

function transcriptProject(): string {
  const dir = makeProject();
  copyFixture('interviews/operator-short.md', dir, 'interviews/operator.md');
  return dir;
}

describe('atomkit extract without a model', () => {
  test('turns Q/A turns into a FAQ draft, the numbered answer into a procedure and the explained code into an error', async () => {
    const dir = transcriptProject();
    const result = await run(dir, 'extract', 'interviews/operator.md', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as { drafts: { title: string; type: string; status: string; sources: string[] }[]; written: number };
    expect(report.drafts.map((d) => [d.type, d.title, d.status])).toEqual([
      ['procedure', 'Rebuild the search index after a large merge', 'new'],
      ['error', 'SQLITE_BUSY: another process held the cache\'s write lock longer than the index command waited', 'new'],
      ['faq', 'Rebuilding the index: questions for the operator', 'new'],
    ]);
    expect(report.written).toBe(3);
    expect(report.drafts[0]!.sources).toEqual(['interviews/operator.md#t-001', 'interviews/operator.md#t-002']);
    const procedure = readFileSync(path.join(dir, 'atoms/procedure/rebuild-the-search-index-after-a-large-merge.md'), 'utf8');
    expect(procedure).toContain('1. Pull the latest atoms with `git pull`.');
    expect(procedure).toContain('## Verify\n\nYou should see the new atom count');
    expect(procedure).toContain('- You need shell access to the bot machine before you start.');
    const error = readFileSync(path.join(dir, "atoms/error/sqlite_busy-another-process-held-the-caches-write-lock-longer-than-the-index-command-waited.md"), 'utf8');
    expect(error).toContain('error_codes:\n  - SQLITE_BUSY');
    expect(error).toContain('SqliteError: database is locked (SQLITE_BUSY)');
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('never overwrites: a second run reports collisions and writes nothing', async () => {
    const dir = transcriptProject();
    await run(dir, 'extract', 'interviews/operator.md');
    const before = snapshotTree(dir);
    const result = await run(dir, 'extract', 'interviews/operator.md');
    expect(result.code).toBe(0);
    expect(result.out).toContain('wrote 0 of 3 drafts; 3 not written (3 collisions');
    expect(snapshotTree(dir)).toEqual(before);
  });

  test('a near-duplicate of an existing title is reported, not written', async () => {
    const dir = transcriptProject();
    writeFileSync(path.join(dir, 'atoms/rebuild.md'), atomText({ title: 'Rebuild the search index after large merges' }));
    const report = JSON.parse((await run(dir, 'extract', 'interviews/operator.md', '--json')).out) as { drafts: { status: string; reasons: string[] }[] };
    expect(report.drafts[0]).toMatchObject({ status: 'near-duplicate', reasons: ['close to the existing title `Rebuild the search index after large merges`'] });
  });

  test('--dry-run shows the drafts as diffs and writes nothing', async () => {
    const dir = transcriptProject();
    const before = snapshotTree(dir);
    const result = await run(dir, 'extract', 'interviews/operator.md', '--dry-run');
    expect(result.out).toContain('+++ b/atoms/procedure/rebuild-the-search-index-after-a-large-merge.md');
    expect(result.out).toContain('would write 3 of 3 drafts');
    expect(snapshotTree(dir)).toEqual(before);
  });

  test('a transcript with problems is refused with their positions', async () => {
    const dir = makeProject();
    copyFixture('interviews/missing-anchor.md', dir, 'interviews/x.md');
    const result = await run(dir, 'extract', 'interviews/x.md');
    expect(result.code).toBe(1);
    expect(result.err).toContain('interviews/x.md:12:1 This turn has no anchor');
    expect(result.err).toContain('atomkit fix');
  });

  test('the shipped transcripts lint clean and yield well over 15 valid drafts', async () => {
    const dir = makeProject();
    for (const name of ['operator.md', 'support-engineer.md']) cpSync(path.join(REPO, 'interviews', name), path.join(dir, 'interviews', name), { recursive: true });
    let total = 0;
    for (const name of ['operator.md', 'support-engineer.md']) {
      const result = await run(dir, 'extract', `interviews/${name}`, '--json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.out) as { drafts: { status: string; sources: string[]; reasons: string[] }[] };
      // Codes both people explain (SQLITE_BUSY, ...) are drafted once, then refused as documented.
      for (const draft of report.drafts.filter((d) => d.status !== 'new')) expect(draft.reasons[0]).toMatch(/^`[A-Z_]+` is already documented by `/);
      expect(report.drafts.every((d) => d.sources.length > 0)).toBe(true);
      total += report.drafts.filter((d) => d.status === 'new').length;
    }
    expect(total).toBeGreaterThanOrEqual(30);
    const lint = await runLint({ config: loadConfig({ cwd: dir }), cwd: dir });
    expect(lint.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('a missing transcript is a clear error', async () => {
    const result = await run(makeProject(), 'extract', 'interviews/nope.md');
    expect(result.code).toBe(1);
    expect(result.err).toContain('The file does not exist.');
  });
});

describe('atomkit extract with an OpenAI-compatible endpoint', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const validProcedure = {
    title: 'Rebuild the index after a merge',
    summary: 'How the operator rebuilds the search index after a large merge.',
    type: 'procedure',
    tags: ['index'],
    related: [],
    error_codes: [],
    anchors: ['t-001', 't-002'],
    body: '## Prerequisites\n\nShell access to the bot machine.\n\n## Steps\n\n1. Pull the atoms.\n2. Run `npx atomkit index`.\n\n## Verify\n\nThe manifest shows the new atom count.\n',
  };
  const invalidPitfall = {
    title: 'Deleting the index while serving',
    summary: 'Why the index folder must not be deleted while the bot answers.',
    type: 'pitfall',
    tags: ['Index'],
    related: ['No such atom'],
    error_codes: [],
    anchors: ['t-006', 't-999'],
    body: '## What not to do\n\nDelete `.atomkit/index` while serving.\n',
  };

  /** A chat-completions endpoint that answers from a script of JSON payloads, recording requests. */
  async function startModel(answers: unknown[]): Promise<{ url: string; requests: { messages: { role: string; content: string }[]; response_format: unknown }[] }> {
    const requests: { messages: { role: string; content: string }[]; response_format: unknown }[] = [];
    server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      const request = JSON.parse(body);
      requests.push(request);
      const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 0,
          model: request.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(answer) } }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/v1`, requests };
  }

  function llmProject(url: string): string {
    const dir = transcriptProject();
    writeFileSync(path.join(dir, 'atomkit.config.yaml'), `bot:\n  llm:\n    baseUrl: ${url}\n    models: [test-model]\n`);
    return dir;
  }

  test('writes valid proposals, re-asks once with the problems, and reports what stays invalid', async () => {
    const model = await startModel([{ atoms: [validProcedure, invalidPitfall] }, { atoms: [invalidPitfall] }]);
    const dir = llmProject(model.url);
    const result = await run(dir, 'extract', 'interviews/operator.md', '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as { mode: string; model: string; drafts: { title: string; status: string }[]; rejected: { title: string; problems: string[] }[] };
    expect(report).toMatchObject({ mode: 'llm', model: 'test-model', drafts: [{ title: 'Rebuild the index after a merge', status: 'new' }] });
    expect(report.rejected.map((r) => r.title)).toEqual(['Deleting the index while serving']);
    expect(report.rejected[0]!.problems.join('\n')).toMatch(/Missing the section `## Why`/);
    expect(report.rejected[0]!.problems.join('\n')).toContain('t-999');
    // Structured output was requested, and the re-ask carried the validation problems.
    expect(model.requests).toHaveLength(2);
    expect(model.requests[0]!.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'atom_proposals', strict: true } });
    expect(model.requests[1]!.messages.at(-1)!.content).toContain('Missing the section `## Why`');
    const written = readFileSync(path.join(dir, 'atoms/procedure/rebuild-the-index-after-a-merge.md'), 'utf8');
    expect(written).toContain('status: draft');
    expect(written).toContain('  - ref: interviews/operator.md#t-001');
    expect(existsSync(path.join(dir, 'atoms/pitfall'))).toBe(false);
  });

  test('asks each model with its settings from bot.llm.models, and no temperature unless set', async () => {
    const model = await startModel([{ atoms: [validProcedure] }]);
    const dir = transcriptProject();
    writeFileSync(
      path.join(dir, 'atomkit.config.yaml'),
      `bot:\n  llm:\n    baseUrl: ${model.url}\n    models:\n      - name: qwen3\n        reasoningEffort: low\n        maxOutputTokens: 4000\n        extraBody: {chat_template_kwargs: {enable_thinking: false}}\n`,
    );
    const result = await run(dir, 'extract', 'interviews/operator.md', '--json');
    expect(result.code).toBe(0);
    const [request] = model.requests as unknown as Record<string, unknown>[];
    expect(request).toMatchObject({ model: 'qwen3', reasoning_effort: 'low', max_tokens: 4000, chat_template_kwargs: { enable_thinking: false } });
    expect(request).not.toHaveProperty('temperature');
  });

  test('a proposal corrected on the re-ask is written', async () => {
    const fixed = {
      ...invalidPitfall,
      tags: ['index'],
      related: [],
      anchors: ['t-006'],
      body: '## What not to do\n\nDelete `.atomkit/index` while serving.\n\n## Why\n\nThe bot answers from those files.\n\n## What to do instead\n\nRebuild, then swap.\n',
    };
    const model = await startModel([{ atoms: [invalidPitfall] }, { atoms: [fixed] }]);
    const dir = llmProject(model.url);
    const result = await run(dir, 'extract', 'interviews/operator.md');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(dir, 'atoms/pitfall/deleting-the-index-while-serving.md'))).toBe(true);
  });

  test('an endpoint that answers garbage is a clear error, and nothing is written', async () => {
    const model = await startModel(['not an object']);
    const dir = llmProject(model.url);
    const before = snapshotTree(dir);
    const result = await run(dir, 'extract', 'interviews/operator.md');
    expect(result.code).toBe(1);
    expect(result.err).toContain('The model endpoint did not give usable proposals');
    expect(snapshotTree(dir)).toEqual(before);
  });

  test('--no-llm uses the deterministic extractor even with an endpoint configured', async () => {
    const model = await startModel([{ atoms: [] }]);
    const dir = llmProject(model.url);
    const report = JSON.parse((await run(dir, 'extract', 'interviews/operator.md', '--no-llm', '--json')).out) as { mode: string };
    expect(report.mode).toBe('deterministic');
    expect(model.requests).toHaveLength(0);
  });
});
