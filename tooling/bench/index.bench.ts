/**
 * Full index build of a generated corpus (default 1,000 atoms; target <= 3 min), with a cold
 * embedding cache, then again with a warm one. The generated test model stands in for the
 * default model.
 *
 * The peer is Pagefind indexing the same atoms (one page each, its Node API; no site build), against
 * atomkit's build without embeddings, which is the part that does the same work. Three rounds each,
 * alternating; the medians and their ratio.
 *
 * Usage: npm run bench:index [-- <atoms>]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { buildIndex } from '../src/retrieval/build.js';
import { bench, benchProject, countArg, timed } from './index-corpus.js';
import { writePagefindIndex } from './pagefind-peer.js';

const ROUNDS = 3;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const count = countArg(1000);
const project = benchProject(count);
try {
  const cold = await timed(() => buildIndex(project.config, { full: true, onWarning: (m) => process.stderr.write(`${m}\n`) }));
  const warm = await timed(() => buildIndex(project.config, { full: true }));
  const { report } = cold.result;
  process.stderr.write(`${report.units} units, ${report.splitUnits} split, ${(report.indexBytes / 1048576).toFixed(1)} MB\n`);
  bench(`index full build, ${count} atoms, cold cache`, cold.seconds, 's', { atoms: count, units: report.units, cpuSeconds: cold.cpuSeconds, loadAverage: cold.load, target: 180 });
  bench(`index full build, ${count} atoms, cold cache (CPU time)`, cold.cpuSeconds, 's');
  bench(`index full build, ${count} atoms, warm cache`, warm.seconds, 's', { atoms: count, embedded: warm.result.report.embedded, cpuSeconds: warm.cpuSeconds, loadAverage: warm.load });
  bench('index embedding throughput', report.embedded / cold.seconds, 'units/s');
  const lexicalOnly = loadConfig({ cwd: project.root, env: { ATOMKIT_EMBEDDER: 'none' } });
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const atomkit = async () => mine.push((await timed(() => buildIndex(lexicalOnly, { full: true }))).seconds);
    const pagefind = async () => {
      const dist = mkdtempSync(path.join(os.tmpdir(), 'atomkit-bench-pagefind-'));
      try {
        theirs.push((await timed(() => writePagefindIndex(project.atoms, dist))).seconds);
      } finally {
        rmSync(dist, { recursive: true, force: true });
      }
    };
    // Alternating which goes first, so neither always meets a cache the other warmed.
    for (const run of round % 2 === 0 ? [atomkit, pagefind] : [pagefind, atomkit]) await run();
  }
  bench(`index full build, ${count} atoms, no embeddings (median of ${ROUNDS})`, median(mine), 's');
  bench(`Pagefind index, ${count} atoms (median of ${ROUNDS})`, median(theirs), 's');
  bench('index build without embeddings, atomkit / Pagefind', median(mine) / median(theirs), 'x');
} finally {
  project.remove();
}
