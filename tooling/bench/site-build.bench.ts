/**
 * Site build benchmark: atomkit (`buildSite()`, Starlight with the atomkit plugin) against a plain
 * Starlight site of the same versions whose docs are the same generated files
 * (generate-corpus.ts), built alternately, each in a process of its own: wall time, HTML
 * pages written and peak RSS (Pagefind's indexer is a child process and not included). atomkit runs
 * compiled, from `dist/` (`npm run build`).
 *
 * Usage: npm run bench:site [-- <sizes...>]   (default: 1000 10000)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { packageFile } from '../src/package/files.js';
import { generateCorpus } from './generate-corpus.js';

// Inside the project (git-ignored), where astro and Starlight resolve from.
const scratch = path.join(process.cwd(), '.atomkit', 'bench');

interface Measured {
  readonly seconds: number;
  readonly pages: number;
  readonly rssMb: number;
}

const USAGE = `Usage: npm run bench:site [-- <sizes...>]   (default: 1000 10000)
Three alternating rounds where a build takes a minute or two (up to 2,000 atoms), one above; the
first round builds with cold caches on both sides, the median round counts.
`;

const [mode, dir] = process.argv.slice(2);
if (mode === '--child') await child(process.argv[3]!, dir === undefined ? '' : process.argv[4]!);
else if (mode === '--help' || mode === '-h') process.stdout.write(USAGE);
else await main();

async function main(): Promise<void> {
  const given = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const sizes = given.length > 0 ? given : [1000, 10_000];
  const rows: string[] = [];
  for (const count of sizes) {
    mkdirSync(scratch, { recursive: true });
    const root = mkdtempSync(path.join(scratch, `site-${count}-`));
    try {
      const atoms = path.join(root, 'kb', 'atoms');
      generateCorpus({ dir: atoms, count });
      writeFileSync(path.join(root, 'kb', 'atomkit.config.yaml'), 'site:\n  url: https://example.org\n');
      plainStarlight(path.join(root, 'plain'), atoms);
      // Alternating, the side that goes first changing each round, so a busy neighbour on a
      // shared machine and a warm disk cache favour neither side; the median round counts.
      const runs: Record<'atomkit' | 'starlight', Measured[]> = { atomkit: [], starlight: [] };
      for (let round = 0; round < roundsFor(count); round++) {
        const order = round % 2 === 0 ? (['atomkit', 'starlight'] as const) : (['starlight', 'atomkit'] as const);
        for (const kind of order) runs[kind].push(run(kind, path.join(root, kind === 'atomkit' ? 'kb' : 'plain')));
        // Both sides keep what they derived from unchanged files in their project (Astro's content
        // store, atomkit's body cache): the first round builds cold, the others as a rebuild does.
        process.stdout.write(`${count} atoms, round ${round + 1}${round === 0 ? ' (cold caches)' : ''}: atomkit ${runs.atomkit[round]!.seconds} s, plain Starlight ${runs.starlight[round]!.seconds} s\n`);
      }
      const atomkit = median(runs.atomkit);
      const plain = median(runs.starlight);
      const ratio = atomkit.seconds / plain.seconds;
      for (const [name, m] of [['atomkit', atomkit], ['plain Starlight', plain]] as const) {
        process.stdout.write(`BENCH ${JSON.stringify({ name: `site build ${count} atoms, ${name}`, value: m.seconds, unit: 's', atoms: count, rounds: roundsFor(count), pages: m.pages, peak_rss_mb: m.rssMb })}\n`);
      }
      process.stdout.write(`BENCH ${JSON.stringify({ name: `site build ${count} atoms, atomkit / plain Starlight`, value: Math.round(ratio * 100) / 100, unit: 'x', target: '<= 1.2' })}\n`);
      rows.push(
        `${String(count).padStart(6)} atoms, median of ${roundsFor(count)}: atomkit ${atomkit.seconds} s, ${atomkit.pages} pages, peak RSS ${atomkit.rssMb} MB | ` +
          `plain Starlight ${plain.seconds} s, ${plain.pages} pages, peak RSS ${plain.rssMb} MB | ratio ${ratio.toFixed(2)}`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  process.stdout.write(`\nmachine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}\n${rows.join('\n')}\n`);
}

/** Three rounds where a build takes a minute or two; one where it takes several. */
function roundsFor(count: number): number {
  return count <= 2000 ? 3 : 1;
}

/** The run with the median wall time. */
function median(runs: readonly Measured[]): Measured {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

/**
 * A Starlight project whose docs are the atom files as they are (Starlight ignores the fields it
 * does not know). It takes atomkit's externals plugin only because this repository installs two
 * majors of js-yaml, which a site of its own would not.
 */
function plainStarlight(root: string, atoms: string): void {
  const externals = JSON.stringify(fileURLToPath(new URL('../../site/src/externals.ts', import.meta.url)));
  mkdirSync(path.join(root, 'src', 'content'), { recursive: true });
  cpSync(atoms, path.join(root, 'src', 'content', 'docs'), { recursive: true });
  writeFileSync(
    path.join(root, 'src', 'content.config.ts'),
    "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
  );
  writeFileSync(
    path.join(root, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nimport { externalsFromImporter } from ${externals};\n\n` +
      "export default defineConfig({ site: 'https://example.org', vite: { plugins: [externalsFromImporter()] }, integrations: [starlight({ title: 'Plain', pagination: false, sidebar: [{ label: 'Home', link: '/' }] })] });\n",
  );
}

function run(kind: 'atomkit' | 'starlight', root: string): Measured {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  const line = child.stdout.split('\n').find((text) => text.startsWith('RESULT '));
  if (child.status !== 0 || !line) throw new Error(`The ${kind} build failed (exit ${child.status}):\n${child.stdout.slice(-2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as Measured;
}

async function child(kind: string, root: string): Promise<void> {
  const started = performance.now();
  let outDir: string;
  if (kind === 'atomkit') {
    // The compiled package, as `atomkit site build` runs it: through tsx, only this file is
    // compiled on the fly, on both sides alike.
    const compiled = (file: string) => pathToFileURL(packageFile('dist', 'tooling', 'src', file)).href;
    if (!existsSync(packageFile('dist', 'tooling', 'src', 'site', 'build.js'))) throw new Error('atomkit is not built: run `npm run build` first.');
    const { loadConfig } = (await import(compiled('config/load.js'))) as typeof import('../src/config/load.js');
    const { buildSite } = (await import(compiled('site/build.js'))) as typeof import('../src/site/build.js');
    outDir = (await buildSite({ config: loadConfig({ cwd: root }), logLevel: 'error' })).outDir;
  } else {
    process.env.NODE_ENV = 'production';
    const { build } = await import('astro');
    await build({ root, logLevel: 'error' });
    outDir = path.join(root, 'dist');
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const pages = readdirSync(outDir, { recursive: true }).filter((name) => String(name).endsWith('.html')).length;
  // maxRSS is in kilobytes.
  process.stdout.write(`RESULT ${JSON.stringify({ seconds, pages, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}
