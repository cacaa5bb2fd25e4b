/**
 * Site build benchmark: atomkit (`buildSite()`, Starlight with the atomkit plugin) against a plain
 * Starlight site of the same versions whose docs are the same generated files
 * (generate-corpus.ts), built alternately, cold, each in a process of its own: wall time, HTML
 * pages written and peak RSS (Pagefind's indexer is a child process and not included).
 *
 * Usage: npm run bench:site [-- <sizes...>]   (default: 1000 10000)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate-corpus.js';

// Inside the project (git-ignored), where astro and Starlight resolve from.
const scratch = path.join(process.cwd(), '.atomkit', 'bench');

interface Measured {
  readonly seconds: number;
  readonly pages: number;
  readonly rssMb: number;
}

const [mode, dir] = process.argv.slice(2);
if (mode === '--child') await child(process.argv[3]!, dir === undefined ? '' : process.argv[4]!);
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
      // Alternating, so a busy neighbour on a shared machine slows both sides alike.
      const atomkit = run('atomkit', path.join(root, 'kb'));
      const plain = run('starlight', path.join(root, 'plain'));
      const ratio = atomkit.seconds / plain.seconds;
      for (const [name, m] of [['atomkit', atomkit], ['plain Starlight', plain]] as const) {
        process.stdout.write(`BENCH ${JSON.stringify({ name: `site build ${count} atoms, ${name}`, value: m.seconds, unit: 's', atoms: count, pages: m.pages, peak_rss_mb: m.rssMb })}\n`);
      }
      process.stdout.write(`BENCH ${JSON.stringify({ name: `site build ${count} atoms, atomkit / plain Starlight`, value: Math.round(ratio * 100) / 100, unit: 'x', target: '<= 1.2' })}\n`);
      rows.push(
        `${String(count).padStart(6)} atoms: atomkit ${atomkit.seconds} s, ${atomkit.pages} pages, peak RSS ${atomkit.rssMb} MB | ` +
          `plain Starlight ${plain.seconds} s, ${plain.pages} pages, peak RSS ${plain.rssMb} MB | ratio ${ratio.toFixed(2)}`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  process.stdout.write(`\nmachine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}\n${rows.join('\n')}\n`);
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
    const { loadConfig } = await import('../src/config/load.js');
    const { buildSite } = await import('../src/site/build.js');
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
