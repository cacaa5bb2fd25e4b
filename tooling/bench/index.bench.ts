/**
 * Full index build of a generated corpus (default 1,000 atoms; target <= 3 min), with a cold
 * embedding cache, then again with a warm one. The generated test model stands in for the
 * default model.
 *
 * Usage: npm run bench:index [-- <atoms>]
 */
import { performance } from 'node:perf_hooks';
import { buildIndex } from '../src/retrieval/build.js';
import { bench, benchProject, countArg } from './index-corpus.js';

const count = countArg(1000);
const project = benchProject(count);
try {
  let started = performance.now();
  const cold = await buildIndex(project.config, { full: true, onWarning: (m) => process.stderr.write(`${m}\n`) });
  const coldSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const warm = await buildIndex(project.config, { full: true });
  const warmSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`${cold.report.units} units, ${cold.report.splitUnits} split, ${(cold.report.indexBytes / 1048576).toFixed(1)} MB\n`);
  bench(`index full build, ${count} atoms, cold cache`, coldSeconds, 's', { atoms: count, units: cold.report.units, target: 180 });
  bench(`index full build, ${count} atoms, warm cache`, warmSeconds, 's', { atoms: count, embedded: warm.report.embedded });
  bench('index embedding throughput', cold.report.embedded / coldSeconds, 'units/s');
} finally {
  project.remove();
}
