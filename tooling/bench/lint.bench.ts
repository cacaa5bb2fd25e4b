/**
 * Lint benchmark: generates corpora of 1,000 and 10,000 atoms, then times cold `atomkit lint`
 * processes over them (full, and `--changed` with one changed atom in a git repository).
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

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'ignore' });

const rows: string[] = [];
for (const count of sizes.length ? sizes : [1000, 10000]) {
  const root = mkdtempSync(path.join(os.tmpdir(), `atomkit-bench-${count}-`));
  try {
    const t0 = process.hrtime.bigint();
    generateCorpus({ dir: path.join(root, 'atoms'), count });
    writeFileSync(path.join(root, 'atomkit.config.yaml'), 'site:\n  url: https://example.org\n');
    const generated = Number(process.hrtime.bigint() - t0) / 1e9;
    const full = timeLint(root, []);
    rows.push(`lint ${count} atoms (cold process, full):        ${full.seconds.toFixed(2)} s  exit ${full.status}  ${full.summary}  (generated in ${generated.toFixed(1)} s)`);

    git(root, 'init', '-q', '-b', 'main');
    git(root, '-c', 'user.email=bench@example.org', '-c', 'user.name=bench', 'add', '-A');
    git(root, '-c', 'user.email=bench@example.org', '-c', 'user.name=bench', 'commit', '-q', '-m', 'corpus');
    git(root, 'checkout', '-q', '-b', 'change');
    appendFileSync(path.join(root, 'atoms', corpusPath(Math.floor(count / 2))), '\nOne more sentence about the queue worker.\n');
    const changed = timeLint(root, ['--changed', '--base', 'main']);
    rows.push(`lint ${count} atoms (cold process, --changed, 1 atom): ${changed.seconds.toFixed(2)} s  exit ${changed.status}  ${changed.summary}`);
    process.stdout.write(`${rows.slice(-2).join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
process.stdout.write(`\nmachine: ${os.cpus().length} cores, Node ${process.version}\n${rows.join('\n')}\n`);
