/**
 * The retrieval regression gate: the project's own atoms are indexed in the offline configuration
 * (no embedding model, so hybrid is lexical), every question of eval/questions.yaml is searched,
 * and the figures must stay at or above eval/thresholds.json.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openRetriever, type Retriever } from '../../src/retrieval/api.js';
import { misses } from '../../src/eval/retrieval.js';
import type { RetrievalReport } from '../../src/eval/report.js';
import { loadQuestionSet } from '../../src/eval/questions.js';
import { runRetrievalEval } from '../../src/eval/run-retrieval.js';
import { checkThresholds, loadThresholds } from '../../src/eval/thresholds.js';
import { offlineProjectIndex, projectRoot as root } from '../offline-project-index.js';

let index: Awaited<ReturnType<typeof offlineProjectIndex>> | undefined;
let retriever: Retriever;
let report: RetrievalReport;
let japanese: RetrievalReport;

beforeAll(async () => {
  index = await offlineProjectIndex();
  const { config } = index;
  retriever = await openRetriever(config, { onWarning: () => {} });
  report = await runRetrievalEval({ config, retriever, systems: ['lexical', 'hybrid'] });
  japanese = await runRetrievalEval({ config, retriever, systems: ['hybrid'], questionsFile: path.join(root, 'eval/questions.ja.yaml') });
});

afterAll(() => {
  retriever?.close();
  index?.remove();
});

test.each([
  ['eval/questions.yaml', 'eval/thresholds.json', () => report],
  ['eval/questions.ja.yaml', 'eval/thresholds.ja.json', () => japanese],
])('hybrid retrieval on the project atoms answers %s at or above %s', (_questions, thresholds, result) => {
  const failures = checkThresholds(result().systems, loadThresholds(path.join(root, thresholds)));
  const hybrid = result().systems.find((s) => s.name === 'hybrid');
  const missed = hybrid ? misses(hybrid).map((r) => `${r.id} (gold ${r.gold.join(', ')}; got ${r.ranked.slice(0, 3).join(', ')})`) : [];
  expect(failures, `below threshold: ${JSON.stringify(failures)}; missed in the top 5: ${missed.join('; ')}`).toEqual([]);
});

test('runs in the offline configuration, where hybrid is lexical', () => {
  expect(report.index.dense).toBe(false);
  expect(report.systems.find((s) => s.name === 'dense')?.unavailable).toBeDefined();
  expect(report.systems.find((s) => s.name === 'hybrid')?.overall?.n).toBe(report.questions);
});

test('the first hits of a search are the same however many hits are asked for, so the eval ranks what the chat quotes', async () => {
  const questions = loadQuestionSet(path.join(root, 'eval/questions.yaml')).questions;
  const differ: string[] = [];
  for (const { text } of questions) {
    const few = (await retriever.search(text, { k: 8 })).map((hit) => hit.unitId);
    const many = (await retriever.search(text, { k: 60 })).slice(0, 8).map((hit) => hit.unitId);
    if (few.join() !== many.join()) differ.push(text);
  }
  expect(differ).toEqual([]);
});
