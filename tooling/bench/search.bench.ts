/**
 * Search latency over a 1,000-atom index: `retriever.search()` end to end, query embedding with
 * the generated test model included (targets: p50 <= 15 ms, p95 <= 40 ms). Also the time to load
 * the index, and the part of it spent checking every file against the manifest's checksums.
 *
 * Usage: npm run bench:search [-- <atoms>]
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { openRetriever } from '../src/retrieval/api.js';
import { artifactFiles, verifyFile } from '../src/retrieval/artifact.js';
import { buildIndex } from '../src/retrieval/build.js';
import { bench, benchProject, benchQuery, countArg } from './index-corpus.js';

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
  for (let i = 0; i < 30; i++) await retriever.search(benchQuery(i, count), { k: 8 });
  const times: number[] = [];
  let empty = 0;
  for (let i = 0; i < 400; i++) {
    const q = benchQuery(i, count);
    const started = performance.now();
    const hits = await retriever.search(q, { k: 8 });
    times.push(performance.now() - started);
    if (hits.length === 0) empty++;
  }
  retriever.close();
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  process.stderr.write(`${times.length} queries, dense ${retriever.dense}, ${empty} without hits\n`);
  bench(`search p50 (${count} atoms, hybrid, query embedding included)`, at(0.5), 'ms', { target: 15 });
  bench(`search p95 (${count} atoms, hybrid, query embedding included)`, at(0.95), 'ms', { target: 40 });
  bench(`search max (${count} atoms)`, times.at(-1)!, 'ms');
} finally {
  project.remove();
}
