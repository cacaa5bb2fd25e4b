/**
 * Rebuild after editing one atom in a 10,000-atom corpus (target <= 5 s), in process and as a
 * cold `atomkit index` process. The corpus size is fixed by the target (also under `npm run
 * bench`); pass another size to try one.
 *
 * Usage: npm run bench:index-incremental [-- <atoms>]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../src/retrieval/build.js';
import { corpusPath } from './generate-corpus.js';
import { bench, benchProject, timed } from './index-corpus.js';

// Under `npm run bench` (which sets ATOMKIT_BENCH_ATOMS for the other benchmarks) the size stays 10,000.
const requested = process.env.ATOMKIT_BENCH_ATOMS ? Number.NaN : Number(process.argv[2]);
const count = Number.isInteger(requested) && requested > 0 ? requested : 10_000;
const bin = fileURLToPath(new URL('../../bin/atomkit.js', import.meta.url));
const project = benchProject(count);
try {
  const full = await timed(() => buildIndex(project.config, { onWarning: (m) => process.stderr.write(`${m}\n`) }));
  process.stderr.write(`full build of ${count} atoms (${full.result.report.units} units): ${full.seconds.toFixed(1)} s, ${full.cpuSeconds.toFixed(1)} s CPU\n`);
  bench(`index full build, ${count} atoms`, full.seconds, 's', { cpuSeconds: full.cpuSeconds, loadAverage: full.load });

  appendFileSync(path.join(project.atoms, corpusPath(Math.floor(count / 2))), '\nOne more sentence about the queue worker and its retries.\n');
  const rebuilt = await timed(() => buildIndex(project.config));
  bench(`index rebuild after editing 1 of ${count} atoms (in process)`, rebuilt.seconds, 's', {
    atoms: count,
    embedded: rebuilt.result.report.embedded,
    cpuSeconds: rebuilt.cpuSeconds,
    loadAverage: rebuilt.load,
    target: 5,
  });

  appendFileSync(path.join(project.atoms, corpusPath(Math.floor(count / 3))), '\nAnother sentence about the gateway timeout.\n');
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, '-C', project.root, 'index', '--json'], { encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const cli = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`atomkit index failed: ${run.stderr}`);
  const { embedded, changedFiles } = (JSON.parse(run.stdout) as { report: { embedded: number; changedFiles: number } }).report;
  bench(`index rebuild after editing 1 of ${count} atoms (cold atomkit index process)`, cli, 's', { atoms: count, embedded, changedFiles, loadAverage: Math.round(os.loadavg()[0]! * 10) / 10, target: 5 });
} finally {
  project.remove();
}
