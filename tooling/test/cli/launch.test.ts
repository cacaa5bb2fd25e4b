import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/atomkit.js');

const run = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

test('the bundled CLI and the TypeScript sources give the same results', () => {
  const args = ['lint', 'atoms/error', '--format', 'json'];
  const bundled = run(args);
  const sources = run(args, { ATOMKIT_NO_BUNDLE: '1' });
  expect(bundled.status).toBe(0);
  expect(bundled).toEqual(sources);
  expect(JSON.parse(bundled.stdout)).toEqual([]);
}, 60_000);

test('the bundle records the sources it was built from, so an edit to any of them rebuilds it', () => {
  expect(run(['--version']).status).toBe(0);
  const current = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/.cache/atomkit/cli/current.json'), 'utf8')) as { dir: string; inputs: [string, number, number][] };
  const files = current.inputs.map(([file]) => path.relative(ROOT, file));
  expect(files).toContain('tooling/src/cli/main.ts');
  expect(files).toContain('tooling/src/lint/run.ts');
  expect(files).toContain('tooling/src/lint/worker.ts');
  // The Markdown and YAML packages are bundled in; packages that find their own files are not.
  const packages = new Set(files.filter((file) => file.startsWith('node_modules/')).map((file) => file.split('/')[1]));
  expect(packages).toContain('micromark');
  expect(packages).toContain('yaml');
  expect([...packages].filter((name) => /^(?:astro|pagefind|better-sqlite3|hnswlib-node|@huggingface)$/.test(name!))).toEqual([]);
  // Modules find files relative to their source (main.ts reads package.json), not to the bundle.
  const bundle = readdirSync(current.dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(path.join(current.dir, file), 'utf8'))
    .join('\n');
  expect(bundle).toContain(JSON.stringify(pathToFileURL(path.join(ROOT, 'tooling/src/cli/main.ts')).href));
  expect(bundle).not.toContain('import.meta.url');
}, 60_000);

test('lint worker threads run from the bundle and find what one thread finds', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'atomkit-launch-threads-'));
  try {
    generateCorpus({ dir: path.join(root, 'atoms'), count: 120 });
    writeFileSync(path.join(root, 'atoms', 'broken.md'), '---\ntitle: Broken\n---\n\nText.\n');
    const lint = (threads: string) => spawnSync(process.execPath, [BIN, 'lint', '--no-cache', '--threads', threads, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    const one = lint('1');
    const two = lint('2');
    expect(one.status).toBe(1);
    expect(JSON.parse(one.stdout).some((d: { file: string }) => d.file === 'atoms/broken.md')).toBe(true);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe('');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 60_000);
