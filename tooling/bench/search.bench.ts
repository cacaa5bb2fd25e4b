/**
 * Search latency over a 1,000-atom index: `retriever.search()` end to end, query embedding with
 * the generated test model included (targets: p50 <= 15 ms, p95 <= 40 ms). Also the time to load
 * the index, and the part of it spent checking every file against the manifest's checksums.
 *
 * The peer is Pagefind, the search a Starlight site has without atomkit, over the same atoms and
 * queries, alternating with atomkit query by query. Its time is taken in the browser: `search()`
 * and the first 8 results' `data()`, fetching index chunks from a local server included (as on a
 * site), Chromium's start not. atomkit's excludes HTTP: both are the search alone. Without
 * Chromium the peer is skipped and says why.
 *
 * Usage: npm run bench:search [-- <atoms>]
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { openRetriever } from '../src/retrieval/api.js';
import { artifactFiles, verifyFile } from '../src/retrieval/artifact.js';
import { buildIndex } from '../src/retrieval/build.js';
import { bench, benchProject, benchQuery, countArg } from './index-corpus.js';
import { openPagefindPeer, pagefindPeerUnavailable } from './pagefind-peer.js';

const count = countArg(1000);
const project = benchProject(count);
try {
  const { dir, manifest } = await buildIndex(project.config, { onWarning: (m) => process.stderr.write(`${m}\n`) });
  const files = artifactFiles(manifest);
  let started = performance.now();
  for (const name of files) verifyFile(dir, name, manifest);
  const verifying = performance.now() - started;
  started = performance.now();
  const retriever = await openRetriever(project.config);
  const loading = performance.now() - started;
  const megabytes = files.reduce((sum, name) => sum + manifest.files[name]!.bytes, 0) / 1048576;
  process.stderr.write(`index files: ${megabytes.toFixed(1)} MB (${files.join(', ')})\n`);
  bench(`index load (${count} atoms, checksums included)`, loading, 'ms', { megabytes: Math.round(megabytes * 10) / 10 });
  bench(`index checksums (${count} atoms)`, verifying, 'ms', { megabytes: Math.round(megabytes * 10) / 10 });
  const skipped = pagefindPeerUnavailable();
  if (skipped) process.stderr.write(`Pagefind peer skipped: ${skipped}\n`);
  const peer = skipped ? undefined : await openPagefindPeer(project.atoms);
  const atomkitSearch = async (q: string) => {
    const started = performance.now();
    const hits = await retriever.search(q, { k: 8 });
    return { ms: performance.now() - started, empty: hits.length === 0 };
  };
  const pagefindSearch = async (q: string) => {
    const { urls, ms } = await peer!.search(q, 'en', 8);
    return { ms, empty: urls.length === 0 };
  };
  const runs = { atomkit: { search: atomkitSearch, times: [] as number[], empty: 0 }, pagefind: { search: pagefindSearch, times: [] as number[], empty: 0 } };
  const contenders = peer ? [runs.atomkit, runs.pagefind] : [runs.atomkit];
  for (let i = 0; i < 30; i++) for (const c of contenders) await c.search(benchQuery(i, count));
  for (let i = 0; i < 400; i++) {
    const q = benchQuery(i, count);
    // Alternating which goes first, so neither always meets a cache the other warmed.
    for (const c of i % 2 === 0 ? contenders : [...contenders].reverse()) {
      const { ms, empty } = await c.search(q);
      c.times.push(ms);
      if (empty) c.empty++;
    }
  }
  retriever.close();
  await peer?.close();
  const at = (times: number[], p: number) => [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const mine = runs.atomkit.times;
  process.stderr.write(`${mine.length} queries, dense ${retriever.dense}, ${runs.atomkit.empty} without hits${peer ? `; Pagefind: ${runs.pagefind.empty} without results` : ''}\n`);
  bench(`search p50 (${count} atoms, hybrid, query embedding included)`, at(mine, 0.5), 'ms', { target: 15 });
  bench(`search p95 (${count} atoms, hybrid, query embedding included)`, at(mine, 0.95), 'ms', { target: 40 });
  bench(`search max (${count} atoms)`, Math.max(...mine), 'ms');
  if (peer) {
    const theirs = runs.pagefind.times;
    bench(`Pagefind search p50 (${count} atoms, in Chromium, 8 results' data)`, at(theirs, 0.5), 'ms');
    bench(`Pagefind search p95 (${count} atoms)`, at(theirs, 0.95), 'ms');
    bench(`search p50, Pagefind / atomkit`, at(theirs, 0.5) / at(mine, 0.5), 'x');
    bench(`search p95, Pagefind / atomkit`, at(theirs, 0.95) / at(mine, 0.95), 'x');
  }
} finally {
  project.remove();
}
