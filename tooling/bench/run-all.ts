/**
 * `npm run bench`: runs every benchmark in tooling/bench (`*.bench.ts`: lint, site build, index
 * full and incremental, search latency, service load) on generated corpora of 1,000 atoms (10,000
 * with `--large`), prints one table and writes tooling/bench/results.json.
 *
 * Each benchmark runs in its own process as `<script> <atoms>` with ATOMKIT_BENCH_ATOMS=<atoms>
 * set, and reports what it measured on stdout (see results.ts for the line format; a `target`
 * field is shown next to the figure).
 *
 * Usage: npm run bench [-- --large] [-- --atoms <n>] [-- --only lint,search]
 */
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatValue, parseBenchOutput, type Measurement } from './results.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Colour codes of a child's output, kept out of the table and results.json.
const ANSI = /\x1b\[[0-9;]*m/g;
const root = path.resolve(here, '../..');

interface BenchRun {
  readonly bench: string;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly measurements: readonly Measurement[];
  /** Last lines of stderr when the script failed or measured nothing. */
  readonly error?: string;
}

function benchScripts(only: readonly string[] | undefined): string[] {
  const scripts = readdirSync(here)
    .filter((name) => name.endsWith('.bench.ts'))
    .sort();
  return only ? scripts.filter((name) => only.includes(name.replace(/\.bench\.ts$/, ''))) : scripts;
}

function runBench(script: string, atoms: number): Promise<BenchRun> {
  const bench = script.replace(/\.bench\.ts$/, '');
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), String(atoms)], {
      cwd: root,
      env: { ...process.env, ATOMKIT_BENCH_ATOMS: String(atoms) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // Progress (both streams) as it happens; the table at the end is the result.
      process.stderr.write(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    const finish = (exitCode: number | null, spawnError?: Error) => {
      const measurements = parseBenchOutput(bench, stdout);
      const lastLines = (text: string) => text.replace(ANSI, '').trim().split('\n').slice(-5).join('\n');
      let error: string | undefined;
      if (spawnError) error = spawnError.message;
      else if (exitCode !== 0) error = lastLines(stderr) || lastLines(stdout) || `exit code ${exitCode}`;
      else if (measurements.length === 0) error = 'it printed no measurement';
      resolve({ bench, exitCode, seconds: (performance.now() - started) / 1000, measurements, ...(error ? { error } : {}) });
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

function table(runs: readonly BenchRun[]): string {
  const rows = [['benchmark', 'measurement', 'value', 'unit', 'target']];
  for (const run of runs) {
    for (const m of run.measurements) rows.push([run.bench, m.name, formatValue(m.value), m.unit, typeof m.target === 'number' ? formatValue(m.target) : '']);
    // A benchmark exits non-zero when it failed, or (after printing its figures) when a target was missed.
    if (run.error) rows.push([run.bench, run.measurements.length > 0 ? `exit ${run.exitCode}: see below` : `FAILED (exit ${run.exitCode})`, '', '', '']);
  }
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const right = new Set([2, 4]);
  const line = (row: readonly string[]) => row.map((cell, col) => (right.has(col) ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { large: { type: 'boolean' }, atoms: { type: 'string' }, only: { type: 'string' } },
  });
  const atoms = values.atoms ? Number(values.atoms) : values.large ? 10_000 : 1_000;
  if (!Number.isInteger(atoms) || atoms < 1) {
    process.stderr.write(`--atoms must be a positive whole number, got ${values.atoms}\n`);
    return 2;
  }
  const scripts = benchScripts(values.only?.split(',').map((s) => s.trim()));
  if (scripts.length === 0) {
    process.stderr.write(`No benchmarks to run in ${path.relative(root, here)} (*.bench.ts${values.only ? ` matching ${values.only}` : ''}).\n`);
    return 2;
  }
  const runs: BenchRun[] = [];
  for (const script of scripts) {
    process.stderr.write(`${script} (${atoms.toLocaleString('en-US')} atoms)...\n`);
    runs.push(await runBench(script, atoms));
  }
  const machine = { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  process.stdout.write(`\n${table(runs)}\n\n${atoms.toLocaleString('en-US')} atoms; ${machine.cores} cores (${machine.cpu}), Node ${machine.node}\n`);
  for (const run of runs.filter((r) => r.error)) process.stdout.write(`\n${run.bench} failed:\n${run.error}\n`);
  const results = {
    generatedAt: new Date().toISOString(),
    atoms,
    machine,
    runs: runs.map((run) => ({ bench: run.bench, exitCode: run.exitCode, seconds: Math.round(run.seconds * 10) / 10, ...(run.error ? { error: run.error } : {}), measurements: run.measurements })),
  };
  writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`Results: ${path.relative(process.cwd(), path.join(here, 'results.json'))}\n`);
  return runs.some((run) => run.error) ? 1 : 0;
}

process.exitCode = await main();
