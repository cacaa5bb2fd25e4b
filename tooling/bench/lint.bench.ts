/**
 * Lint benchmark: generates corpora of 1,000 and 10,000 atoms, then times cold processes over them.
 * First atomkit against the linters a team would otherwise run on the same files
 * (markdownlint-cli2 with its default rules, remark-cli with remark-preset-lint-recommended), three
 * rounds alternating between the three, reporting medians and atomkit's ratio to each. Then
 * atomkit alone: full runs with the lint cache of the previous run (CI on main restores it;
 * `atomkit start` keeps it), before and after one atom is edited, and `--changed` with that one
 * edited atom in a git repository.
 *
 * Usage: npm run bench:lint [-- <sizes...>]   (default sizes: 1000 10000)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusPath, generateCorpus } from './generate-corpus.js';

const bin = fileURLToPath(new URL('../../bin/atomkit.js', import.meta.url));
const packageBin = (name: string) => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url));
const ROUNDS = 3;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);

function timeLint(cwd: string, args: readonly string[]): { seconds: number; status: number | null; summary: string } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let summary = run.stderr.trim().split('\n').slice(-1)[0] ?? '';
  try {
    const diagnostics = JSON.parse(run.stdout) as { severity: string }[];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    summary = `${errors} errors, ${diagnostics.length - errors} warnings`;
  } catch {
    // Keep stderr's last line as the summary.
  }
  return { seconds, status: run.status, summary };
}

/** Seconds of one cold run of a peer linter over the atoms folder (exit 1 for findings is fine). */
function timePeer(cwd: string, command: string, args: readonly string[]): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(packageBin(command), args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if ((run.status !== 0 && run.status !== 1) || run.stderr.includes('Cannot process file')) throw new Error(`${command} failed (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'ignore' });

const rows: string[] = [];
const report = (name: string, run: ReturnType<typeof timeLint>, count: number) => {
  rows.push(`${name}: ${run.seconds.toFixed(2)} s  exit ${run.status}  ${run.summary}`);
  process.stdout.write(`${rows.at(-1)}\nBENCH ${JSON.stringify({ name, value: Number(run.seconds.toFixed(3)), unit: 's', atoms: count })}\n`);
};

/** atomkit, markdownlint-cli2 and remark in turn, `ROUNDS` times; medians and atomkit's ratios. */
function comparePeers(root: string, count: number): void {
  const times = { atomkit: [] as number[], 'markdownlint-cli2': [] as number[], remark: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const run = timeLint(root, ['--no-cache']);
    if (run.status !== 0 && run.status !== 1) throw new Error(`atomkit lint failed: ${run.summary}`);
    times.atomkit.push(run.seconds);
    times['markdownlint-cli2'].push(timePeer(root, 'markdownlint-cli2', ['atoms/**/*.md']));
    // remark-cli resolves plugins from the working directory: name the preset by its path.
    times.remark.push(timePeer(root, 'remark', ['atoms', '--quiet', '--use', fileURLToPath(import.meta.resolve('remark-preset-lint-recommended')), '--no-stdout']));
  }
  const ours = median(times.atomkit);
  for (const [name, values] of Object.entries(times)) {
    const value = median(values);
    const ratio = name === 'atomkit' ? '' : `  atomkit/${name} ${(ours / value).toFixed(2)}`;
    rows.push(`lint ${count} atoms, cold, no cache, ${name}: ${value.toFixed(2)} s (median of ${ROUNDS}, alternating)${ratio}`);
    process.stdout.write(`${rows.at(-1)}\nBENCH ${JSON.stringify({ name: `lint ${count} atoms, cold, ${name}`, value: Number(value.toFixed(3)), unit: 's', atoms: count, ...(name === 'atomkit' ? {} : { ratio: Number((ours / value).toFixed(3)) }) })}\n`);
  }
}

// Node.js keeps compiled code in its compile cache from the first run on (bin/atomkit.js): fill
// it now, so the timings are of linting, as on any later run.
spawnSync(process.execPath, [bin, '--version']);

for (const count of sizes.length ? sizes : [1000, 10000]) {
  const root = mkdtempSync(path.join(os.tmpdir(), `atomkit-bench-${count}-`));
  try {
    generateCorpus({ dir: path.join(root, 'atoms'), count });
    writeFileSync(path.join(root, 'atomkit.config.yaml'), 'site:\n  url: https://example.org\n');
    writeFileSync(path.join(root, '.gitignore'), '.atomkit/\n');
    // Every file parsed: a fresh clone with no lint cache, beside the peers.
    comparePeers(root, count);
    // What CI on main and `atomkit start` do: the first run fills the cache, later runs reuse it.
    report(`lint ${count} atoms, full, filling the cache`, timeLint(root, ['--cache']), count);
    report(`lint ${count} atoms, full, cache of the last run`, timeLint(root, ['--cache']), count);

    git(root, 'init', '-q', '-b', 'main');
    git(root, '-c', 'user.email=bench@example.org', '-c', 'user.name=bench', 'add', '-A');
    git(root, '-c', 'user.email=bench@example.org', '-c', 'user.name=bench', 'commit', '-q', '-m', 'corpus');
    git(root, 'checkout', '-q', '-b', 'change');
    appendFileSync(path.join(root, 'atoms', corpusPath(Math.floor(count / 2))), '\nOne more sentence about the queue worker.\n');
    report(`lint ${count} atoms, full, cache of the last run, 1 atom edited`, timeLint(root, ['--cache']), count);
    report(`lint ${count} atoms, --changed, 1 atom edited`, timeLint(root, ['--changed', '--base', 'main']), count);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
process.stdout.write(`\nmachine: ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n${rows.join('\n')}\n`);
