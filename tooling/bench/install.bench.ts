/**
 * Install benchmark: what adopting atomkit costs a team, against a bare Starlight site. atomkit is
 * packed (`npm pack`, as it would be published) and installed with astro and Starlight into a
 * fresh folder (`npm install -D <tarball> astro @astrojs/starlight`), alternately with a bare
 * Starlight site of the versions atomkit peers on, three rounds each, from a warm npm cache and the
 * registry alone (`CI=true`, `--prefer-offline`): median wall time, CPU time and `du -sb node_modules`
 * of both and their ratios. On a shared machine the wall time swings with the neighbours' load; the
 * CPU time (user + system of npm and everything it runs) is the work itself and swings far less. Then, of the last atomkit install: the largest packages a bare Starlight site
 * does not install, and every package with an install script (what each runs).
 *
 * Usage: npm run bench:install [-- --rounds <n>]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } }, allowPositionals: true });
const rounds = Number(values.rounds);
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

interface Installed {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly bytes: number;
  readonly dir: string;
}

/** One package folder of an installed tree, without the packages nested in it. */
interface TreePackage {
  readonly id: string;
  readonly bytes: number;
  readonly scripts: Partial<Record<(typeof INSTALL_SCRIPTS)[number], string>>;
}

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
const starlight = [`astro@${manifest.peerDependencies.astro}`, `@astrojs/starlight@${manifest.peerDependencies['@astrojs/starlight']}`];
const work = mkdtempSync(path.join(os.tmpdir(), 'atomkit-bench-install-'));

try {
  // Built first and packed without scripts: the build's progress would be mixed into npm pack's JSON.
  npm(['run', 'build'], root);
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root).stdout) as { filename: string }[];
  const tarball = path.join(work, packed[0]!.filename);
  const sides = { atomkit: [tarball, ...starlight], 'bare Starlight': starlight };
  // Unmeasured: fills the npm cache with every package of both trees.
  for (const specs of Object.values(sides)) rmSync(install(specs).dir, { recursive: true, force: true });
  const runs: Record<keyof typeof sides, Installed[]> = { atomkit: [], 'bare Starlight': [] };
  let lastAtomkit: Installed | undefined;
  let lastBare: Installed | undefined;
  // Alternating, so a busy neighbour on a shared machine slows both sides alike; who goes first
  // alternates too, since the second install of a round finds the shared packages freshly read.
  for (let round = 0; round < rounds; round++) {
    const order = Object.entries(sides) as [keyof typeof sides, string[]][];
    for (const [side, specs] of round % 2 === 0 ? order : order.reverse()) {
      const run = install(specs);
      runs[side].push(run);
      process.stderr.write(`round ${round + 1}/${rounds}, ${side}: ${run.seconds.toFixed(1)} s (CPU ${run.cpuSeconds.toFixed(1)} s), ${mb(run.bytes)} MB\n`);
      const previous = side === 'atomkit' ? lastAtomkit : lastBare;
      if (previous) rmSync(previous.dir, { recursive: true, force: true });
      if (side === 'atomkit') lastAtomkit = run;
      else lastBare = run;
    }
  }
  const median = (side: keyof typeof sides, key: 'seconds' | 'cpuSeconds' | 'bytes') => medianOf(runs[side].map((run) => run[key]));
  for (const side of Object.keys(sides) as (keyof typeof sides)[]) {
    process.stdout.write(`BENCH ${JSON.stringify({ name: `install, ${side}`, value: round1(median(side, 'seconds')), unit: 's', rounds })}\n`);
    process.stdout.write(`BENCH ${JSON.stringify({ name: `install CPU time, ${side}`, value: round1(median(side, 'cpuSeconds')), unit: 's', rounds })}\n`);
    process.stdout.write(`BENCH ${JSON.stringify({ name: `install size, ${side}`, value: mb(median(side, 'bytes')), unit: 'MB', rounds })}\n`);
  }
  const timeRatio = median('atomkit', 'seconds') / median('bare Starlight', 'seconds');
  const cpuRatio = median('atomkit', 'cpuSeconds') / median('bare Starlight', 'cpuSeconds');
  const sizeRatio = median('atomkit', 'bytes') / median('bare Starlight', 'bytes');
  process.stdout.write(`BENCH ${JSON.stringify({ name: 'install, atomkit / bare Starlight', value: round2(timeRatio), unit: 'x', target: '<= 1.5' })}\n`);
  process.stdout.write(`BENCH ${JSON.stringify({ name: 'install CPU time, atomkit / bare Starlight', value: round2(cpuRatio), unit: 'x', target: '<= 1.5' })}\n`);
  process.stdout.write(`BENCH ${JSON.stringify({ name: 'install size, atomkit / bare Starlight', value: round2(sizeRatio), unit: 'x', target: '<= 1.5' })}\n`);

  const atomkitTree = treePackages(path.join(lastAtomkit!.dir, 'node_modules'));
  const bareIds = new Set(treePackages(path.join(lastBare!.dir, 'node_modules')).map((pkg) => pkg.id));
  const extra = atomkitTree.filter((pkg) => !bareIds.has(pkg.id)).sort((a, b) => b.bytes - a.bytes);
  const lines = [
    `machine: ${os.cpus().length} cores, Node ${process.version}, npm ${npm(['--version'], work).stdout.trim()}, load average ${os.loadavg()[0]!.toFixed(1)}`,
    `medians of ${rounds} rounds: atomkit ${round1(median('atomkit', 'seconds'))} s (CPU ${round1(median('atomkit', 'cpuSeconds'))} s), ${mb(median('atomkit', 'bytes'))} MB | bare Starlight ${round1(median('bare Starlight', 'seconds'))} s (CPU ${round1(median('bare Starlight', 'cpuSeconds'))} s), ${mb(median('bare Starlight', 'bytes'))} MB | ratios ${timeRatio.toFixed(2)} (time), ${cpuRatio.toFixed(2)} (CPU time), ${sizeRatio.toFixed(2)} (size)`,
    `packages only atomkit installs: ${extra.length}, ${mb(extra.reduce((sum, pkg) => sum + pkg.bytes, 0))} MB; the largest:`,
    ...extra.slice(0, 10).map((pkg) => `  ${String(mb(pkg.bytes)).padStart(6)} MB  ${pkg.id}`),
    'packages with an install script in the atomkit install:',
    ...atomkitTree
      .filter((pkg) => Object.keys(pkg.scripts).length > 0)
      .map((pkg) => `  ${pkg.id}${bareIds.has(pkg.id) ? ' (bare Starlight too)' : ''}: ${Object.entries(pkg.scripts).map(([name, script]) => `${name}: ${script}`).join('; ')}`),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  rmSync(lastAtomkit!.dir, { recursive: true, force: true });
  rmSync(lastBare!.dir, { recursive: true, force: true });
} finally {
  rmSync(work, { recursive: true, force: true });
}

function npm(args: readonly string[], cwd: string): { stdout: string; seconds: number; cpuSeconds: number } {
  const started = performance.now();
  const cpuBefore = childrenCpuSeconds();
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return { stdout: result.stdout, seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpuSeconds() - cpuBefore };
}

/**
 * User + system CPU seconds of every finished child of this process and of their children (npm
 * waits for what it runs): `cutime` + `cstime` of /proc/self/stat, in clock ticks of 1/100 s.
 * NaN where there is no /proc.
 */
function childrenCpuSeconds(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  // The fields after the command name (which may hold spaces) start at field 3, the state.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
}

/** `npm install -D <specs>` into a new folder, from the cache where it can. */
function install(specs: readonly string[]): Installed {
  const dir = mkdtempSync(path.join(work, 'project-'));
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-project", "private": true }\n');
  const { seconds, cpuSeconds } = npm(['install', '-D', '--prefer-offline', ...specs], dir);
  const du = spawnSync('du', ['-sb', 'node_modules'], { cwd: dir, encoding: 'utf8' });
  return { seconds, cpuSeconds, bytes: Number(du.stdout.split('\t')[0]), dir };
}

/** Every package folder under `nodeModules` (nested ones too), each with its own bytes only. */
function treePackages(nodeModules: string): TreePackage[] {
  const found: TreePackage[] = [];
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.name.startsWith('@')) visit(full);
      else found.push(packageAt(full, visit));
    }
  };
  visit(nodeModules);
  return found;
}

function packageAt(dir: string, visitNested: (nodeModules: string) => void): TreePackage {
  const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string; scripts?: Record<string, string> };
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name === 'node_modules' && folder === dir) visitNested(full);
      else if (entry.isDirectory()) walk(full);
      else bytes += lstatSync(full).size;
    }
  };
  walk(dir);
  const scripts: TreePackage['scripts'] = Object.fromEntries(INSTALL_SCRIPTS.flatMap((name) => (json.scripts?.[name] ? [[name, json.scripts[name]]] : [])));
  // npm's default for a package with a binding.gyp and neither script: it compiles the addon.
  if (!scripts.install && !scripts.preinstall && existsSync(path.join(dir, 'binding.gyp'))) scripts.install = 'node-gyp rebuild (npm default: binding.gyp)';
  return { id: `${json.name}@${json.version}`, bytes, scripts };
}

function medianOf(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1e5) / 10;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
