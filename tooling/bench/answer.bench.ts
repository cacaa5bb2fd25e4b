/**
 * Extractive answering time over a 1,000-atom index, beside the search it follows: per question,
 * `retriever.search()` (lexical, k 8), then `composeExtractive` with the best atom's units, as the
 * chat service does with no model configured. The composing step is reported on its own and as a
 * ratio to the search, the part a user waits for in any case.
 *
 * Also the worst cases of trimming a section to the question: one table of many rows, and one
 * reference section of many sub-headed keys, every row and key naming the question's words.
 *
 * Usage: npm run bench:answer [-- <atoms>]
 */
import { performance } from 'node:perf_hooks';
import { composeExtractive } from '../../bot/src/answer/extractive.js';
import type { SearchHit } from '../src/retrieval/api.js';
import { openRetriever } from '../src/retrieval/api.js';
import { buildIndex } from '../src/retrieval/build.js';
import { bench, benchProject, benchQuery, countArg } from './index-corpus.js';

const count = countArg(1000);
const QUESTIONS = 400;
const MIN_SCORE = 0.05;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** One section hit of an atom that is nothing but `text`. */
function sectionHit(text: string): SearchHit {
  return {
    unitId: 'interface-input/options#options',
    atomId: 'interface-input/options',
    title: 'Options',
    summary: 'Every option of the service.',
    type: 'interface-input',
    tags: [],
    language: 'en',
    kind: 'section',
    section: 'Options',
    anchor: 'options',
    pageUrl: '/interface-input/options/',
    url: '/interface-input/options/#options',
    text,
    score: 1,
    confidence: 1,
  };
}

/** Milliseconds to compose an answer from `hit`, best of a few runs. */
function composeTime(question: string, hit: SearchHit): number {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    composeExtractive(question, [hit], { language: 'en', minScore: MIN_SCORE, atomUnits: [hit] });
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const project = benchProject(count);
try {
  await buildIndex(project.config, { onWarning: (m) => process.stderr.write(`${m}\n`) });
  const retriever = await openRetriever(project.config);
  const searchTimes: number[] = [];
  const composeTimes: number[] = [];
  let refused = 0;
  for (let i = 0; i < QUESTIONS + 30; i++) {
    const question = benchQuery(i, count);
    let started = performance.now();
    const hits = (await retriever.search(question, { k: 8, mode: 'lexical' })).filter((hit) => hit.confidence >= MIN_SCORE);
    const searching = performance.now() - started;
    started = performance.now();
    if (hits.length > 0) composeExtractive(question, hits, { language: 'en', minScore: MIN_SCORE, atomUnits: retriever.unitsOf(hits[0]!.atomId) });
    const composing = performance.now() - started;
    // The first questions warm the caches and the JIT.
    if (i < 30) continue;
    if (hits.length === 0) refused++;
    searchTimes.push(searching);
    composeTimes.push(composing);
  }
  retriever.close();
  searchTimes.sort((a, b) => a - b);
  composeTimes.sort((a, b) => a - b);
  process.stderr.write(`${QUESTIONS} questions, ${refused} with no hit above ${MIN_SCORE}\n`);
  bench(`search p50 (${count} atoms, lexical)`, percentile(searchTimes, 0.5), 'ms');
  bench(`compose answer p50 (${count} atoms)`, percentile(composeTimes, 0.5), 'ms', { ratioToSearch: Math.round((percentile(composeTimes, 0.5) / percentile(searchTimes, 0.5)) * 100) / 100 });
  bench(`compose answer p95 (${count} atoms)`, percentile(composeTimes, 0.95), 'ms', { ratioToSearch: Math.round((percentile(composeTimes, 0.95) / percentile(searchTimes, 0.95)) * 100) / 100 });
  bench(`compose answer max (${count} atoms)`, composeTimes.at(-1)!, 'ms');

  const question = 'which timeout and retry options does the gateway take?';
  for (const rows of [100, 1000, 5000]) {
    const table = ['| option | meaning |', '| --- | --- |', ...Array.from({ length: rows }, (_, i) => `| \`gateway.timeout${i}\` | The retry timeout of gateway route ${i}. |`)].join('\n');
    bench(`compose answer from a ${rows}-row table`, composeTime(question, sectionHit(table)), 'ms');
    const keys = Array.from({ length: rows }, (_, i) => `#### gateway.timeout${i}\n\nThe retry timeout of gateway route ${i}, in milliseconds.`).join('\n\n');
    bench(`compose answer from ${rows} sub-headed keys`, composeTime(question, sectionHit(keys)), 'ms');
  }
} finally {
  project.remove();
}
