/**
 * Site build benchmark: generates corpora (generate-corpus.ts), builds each one cold with
 * `buildSite()` (Astro + Starlight + Pagefind, fresh cache), and reports the build time and the
 * size of atom pages, which must not grow with the number of atoms (the sidebar lists index pages
 * only).
 *
 * Usage: npm run bench:site [-- <sizes...>]   (default: 200 1000; `npm run bench` passes its size)
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { buildSite } from '../src/site/build.js';
import { ATOM_TYPES } from '../src/atom/schema.js';
import { generateCorpus } from './generate-corpus.js';

// Inside the working directory (git-ignored): Astro keeps a build's server chunks next to an output
// folder only there; elsewhere they go to a shared `<cwd>/.astro` that parallel builds fight over.
const scratch = path.join(process.cwd(), 'tooling', 'bench', 'out');

const given = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
// One size alone says nothing about growth: compare with a corpus a fifth of its size.
const sizes = given.length > 1 ? given : given.length === 1 ? [Math.max(50, Math.round(given[0]! / 5)), given[0]!] : [200, 1000];

const bench = (data: Record<string, unknown>) => process.stdout.write(`BENCH ${JSON.stringify(data)}\n`);
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

interface PageSizes {
  readonly atomMedian: number;
  readonly atomMax: number;
  readonly typePageMax: number;
  readonly home: number;
}

function pageSizes(outDir: string): PageSizes {
  const atom: number[] = [];
  let typePageMax = 0;
  for (const type of ATOM_TYPES) {
    const folder = path.join(outDir, type);
    typePageMax = Math.max(typePageMax, statSync(path.join(folder, 'index.html')).size);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      // `page/` holds the type's further index pages, not an atom.
      if (entry.isDirectory() && entry.name !== 'page') atom.push(statSync(path.join(folder, entry.name, 'index.html')).size);
    }
  }
  atom.sort((a, b) => a - b);
  return { atomMedian: atom[Math.floor(atom.length / 2)] ?? 0, atomMax: atom.at(-1) ?? 0, typePageMax, home: statSync(path.join(outDir, 'index.html')).size };
}

const rows: string[] = [];
let smallest: PageSizes | undefined;
for (const count of sizes) {
  mkdirSync(scratch, { recursive: true });
  const root = mkdtempSync(path.join(scratch, `site-${count}-`));
  try {
    generateCorpus({ dir: path.join(root, 'atoms'), count });
    writeFileSync(path.join(root, 'atomkit.config.yaml'), 'site:\n  url: https://example.org\n');
    const config = loadConfig({ cwd: root });
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const built = await buildSite({ config, outDir: path.join(root, 'dist'), cacheDir: path.join(root, 'cache'), logLevel: 'error' });
    const seconds = (performance.now() - started) / 1000;
    // CPU time of this process (Pagefind's indexer is a child process and not included), and the
    // machine's load: on a shared machine the wall time says as much about the neighbours.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const load = os.loadavg()[0]!;
    const measured = pageSizes(built.outDir);
    smallest ??= measured;
    const growth = measured.atomMedian / smallest.atomMedian;
    const target = count >= 10_000 ? '<= 600 s' : count >= 1000 ? '<= 60 s' : undefined;
    bench({ name: `site build ${count} atoms (cold)`, value: Math.round(seconds * 10) / 10, unit: 's', atoms: count, pages: built.pages, cpu_s: Math.round(cpuSeconds), load: Math.round(load * 10) / 10, ...(target ? { target } : {}) });
    bench({ name: `atom page HTML median, ${count} atoms`, value: kb(measured.atomMedian), unit: 'KB', atoms: count, [`vs ${sizes[0]} atoms`]: `x${growth.toFixed(3)}` });
    rows.push(
      `${String(count).padStart(6)} atoms: build ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, load average ${load.toFixed(1)} (${built.pages} pages); ` +
        `atom page HTML median ${kb(measured.atomMedian)} KB (x${growth.toFixed(3)} vs ${sizes[0]} atoms), max ${kb(measured.atomMax)} KB; ` +
        `largest type page ${kb(measured.typePageMax)} KB; home ${kb(measured.home)} KB`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
process.stdout.write(`\nmachine: ${os.cpus().length} cores, Node ${process.version}\n${rows.join('\n')}\n`);
