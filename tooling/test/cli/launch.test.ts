import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';

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
  expect(files.every((file) => !file.startsWith('node_modules'))).toBe(true);
  // Modules find files relative to their source (main.ts reads package.json), not to the bundle.
  const bundle = readdirSync(current.dir)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(path.join(current.dir, file), 'utf8'))
    .join('\n');
  expect(bundle).toContain(JSON.stringify(pathToFileURL(path.join(ROOT, 'tooling/src/cli/main.ts')).href));
  expect(bundle).not.toContain('import.meta.url');
}, 60_000);
