/**
 * Full index build of a generated corpus (default 1,000 atoms; target <= 3 min), with a cold
 * embedding cache, then again with a warm one. The generated test model stands in for the
 * default model.
 *
 * Usage: npm run bench:index [-- <atoms>]
 */
import { buildIndex } from '../src/retrieval/build.js';
import { bench, benchProject, countArg, timed } from './index-corpus.js';

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
} finally {
  project.remove();
}
