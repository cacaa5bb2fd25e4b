import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/atomkit.js');
const temp = mkdtempSync(path.join(os.tmpdir(), 'atomkit-package-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Every file under `dir` with its size and modification time, to notice any write. */
function snapshot(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => {
      const { size, mtimeMs } = statSync(path.join(dir, name));
      return `${name} ${size} ${mtimeMs}`;
    });
}

/** A copy of the checkout's runnable parts (`cp -a`), sharing its installed packages. */
function copyCheckout(name: string, parts = ['bin', 'dist', 'schemas', 'package.json']): string {
  const copy = path.join(temp, name);
  for (const part of parts) cpSync(path.join(ROOT, part), path.join(copy, part), { recursive: true, preserveTimestamps: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  return copy;
}

test('a copied checkout runs its own code and writes only inside the knowledge base it runs on', () => {
  const copy = copyCheckout('copy');
  const manifest = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8'));
  writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ ...manifest, version: '9.9.9-copy' }));
  const kb = path.join(temp, 'kb');
  generateCorpus({ dir: path.join(kb, 'atoms'), count: 5 });
  writeFileSync(path.join(kb, 'atomkit.config.yaml'), 'site:\n  url: https://kb.example.org\n');
  const before = { root: snapshot(path.join(ROOT, 'dist')), cache: snapshot(path.join(ROOT, 'node_modules/.cache/atomkit')) };

  const version = spawnSync(process.execPath, [path.join(copy, 'bin/atomkit.js'), '--version'], { cwd: kb, encoding: 'utf8' });
  expect(version.stdout.trim()).toBe('9.9.9-copy');
  const lint = spawnSync(process.execPath, [path.join(copy, 'bin/atomkit.js'), 'lint', '--cache'], { cwd: kb, encoding: 'utf8' });
  expect(lint.stderr).toBe('');
  expect(lint.status).toBe(0);

  expect(existsSync(path.join(kb, '.atomkit/lint-cache.json'))).toBe(true);
  expect(snapshot(path.join(ROOT, 'dist'))).toEqual(before.root);
  expect(snapshot(path.join(ROOT, 'node_modules/.cache/atomkit'))).toEqual(before.cache);
  expect(readdirSync(copy).sort()).toEqual(['bin', 'dist', 'node_modules', 'package.json', 'schemas']);
}, 60_000);

test('a checkout that was never built says in one sentence how to build it', () => {
  const copy = copyCheckout('unbuilt', ['bin', 'schemas', 'package.json']);
  const result = spawnSync(process.execPath, [path.join(copy, 'bin/atomkit.js'), 'lint'], { cwd: copy, encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('atomkit is not built in this checkout: run `npm run build` (npm install runs it), then the command again.\n');
});

test('lint worker threads run the compiled package and find what one thread finds', () => {
  const root = path.join(temp, 'threads');
  generateCorpus({ dir: path.join(root, 'atoms'), count: 120 });
  writeFileSync(path.join(root, 'atoms', 'broken.md'), '---\ntitle: Broken\n---\n\nText.\n');
  const lint = (threads: string) => spawnSync(process.execPath, [BIN, 'lint', '--no-cache', '--threads', threads, '--format', 'json'], { cwd: root, encoding: 'utf8' });
  const one = lint('1');
  const two = lint('2');
  expect(one.status).toBe(1);
  expect(JSON.parse(one.stdout).some((d: { file: string }) => d.file === 'atoms/broken.md')).toBe(true);
  expect(two.stdout).toBe(one.stdout);
  expect(two.stderr).toBe('');
}, 60_000);

/** Module specifiers a compiled file imports: import and re-export statements, and `import()` or `require()` of a literal. */
const IMPORTS = /^\s*(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"\s]+)['"]|^\s*import\s*['"]([^'"\s]+)['"]|\b(?:import|require)\(\s*['"]([^'"\s]+)['"]\s*\)/gm;

test('every package the installed CLI and the site plugin can load is a dependency or a peer of atomkit, not a dev dependency that happens to be there', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const declared = new Set(['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => Object.keys(manifest[field] ?? {})));
  const site = path.join(ROOT, 'dist', 'site', 'src');
  // The CLI, the chat service's worker processes, and every file of the site plugin: Astro loads its
  // components and routes by path.
  const roots = [path.join(ROOT, 'dist', 'tooling', 'src', 'cli', 'main.js'), path.join(ROOT, 'dist', 'bot', 'src', 'worker.js'), ...readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(js|astro)$/.test(file) && !file.includes('.test.')).map((file) => path.join(site, file))];
  const seen = new Set<string>();
  const undeclared = new Map<string, string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORTS)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier));
      else if (!specifier.startsWith('node:') && !specifier.startsWith('virtual:') && !specifier.startsWith('/')) {
        const name = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
        if (!declared.has(name)) undeclared.set(name, path.relative(ROOT, file));
      }
    }
  }
  expect(seen.size).toBeGreaterThan(200);
  expect(Object.fromEntries(undeclared)).toEqual({});
});
