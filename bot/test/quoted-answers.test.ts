/**
 * The extractive answers a person reading the chat widget sees for the questions people asked it
 * when it quoted badly (a list begun at step 3, a log dump for "what do I do", a refusal although
 * the page says it): composed by the service from the project's own atoms, indexed offline.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openRetriever, type Retriever } from '../../tooling/src/retrieval/api.js';
import { offlineProjectIndex } from '../../tooling/test/offline-project-index.js';
import { Answerer } from '../src/answer/answerer.js';
import { createMetrics } from '../src/metrics.js';
import { answerSettings } from '../src/server.js';
import { openSqliteStore } from '../src/store/sqlite.js';

let index: Awaited<ReturnType<typeof offlineProjectIndex>> | undefined;
let retriever: Retriever;
let answerer: Answerer;

beforeAll(async () => {
  index = await offlineProjectIndex();
  const { config } = index;
  retriever = await openRetriever(config, { onWarning: () => {} });
  const store = openSqliteStore(path.join(config.index.dir, '..', 'bot.sqlite'));
  answerer = new Answerer({ retriever, store, metrics: createMetrics({ defaults: false }), llm: undefined, settings: answerSettings(config, false) });
}, 120_000);

afterAll(() => {
  retriever?.close();
  index?.remove();
});

const ask = (question: string, language = 'en') => answerer.answer({ question, language });
/** The numbers of a quote's numbered items, in order. */
const stepNumbers = (answer: string) => [...answer.matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1]));

test('"how do I write my first atom?" quotes the steps of that page from step 1, the `npx atomkit new` step included', async () => {
  const { answer, answered } = await ask('how do I write my first atom?');
  expect(answered).toBe(true);
  expect(answer).toMatch(/^From \*\*Write your first atom\*\* › Steps \[1\]:\n\n1\. /);
  expect(answer).toContain('npx atomkit new');
  expect(stepNumbers(answer).slice(0, 3)).toEqual([1, 2, 3]);
});

test('the same question in Japanese quotes the Japanese steps in order, from step 1', async () => {
  const { answer } = await ask('最初のアトムはどうやって書くの？', 'ja');
  const numbers = stepNumbers(answer);
  expect(numbers[0]).toBe(1);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  expect(answer).toContain('npx atomkit new');
});

test('"my PR check fails with frontmatter/schema, what do I do?" says what the error means, then how to resolve it, not the diagnostic it already saw', async () => {
  const { answer } = await ask('my PR check fails with frontmatter/schema, what do I do?');
  expect(answer).toContain('› How to resolve');
  expect(answer).not.toContain('› Example diagnostic');
  expect(stepNumbers(answer)[0]).toBe(1);
});

test.each([
  ['what does serve listen on out of the box', '127.0.0.1:4321'],
  ['is windows supported', 'Windows'],
  ["is there a threshold for 'I don't know'", 'minScore'],
])('answers "%s", which its atom states, instead of refusing', async (question, said) => {
  const { answer, answered } = await ask(question);
  expect(answered).toBe(true);
  expect(answer).toContain(said);
});
